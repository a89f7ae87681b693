import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import type { SaveConflict } from '../core/conflict'
import { useConflictDialog } from './context'
import type { ConflictMessages } from './messages'

/** The title and the sentence under it, in plain words, for each kind of conflict. */
export function headingOf(
  conflict: SaveConflict,
  messages: ConflictMessages,
  development: boolean,
): [string, string] {
  const m = messages
  switch (conflict.kind) {
    case 'merge':
      return [m.mergeTitle, m.mergeDescription(conflict.changes.length, conflict.conflicts.length)]
    case 'duplicate': {
      const { value } = conflict
      return [
        m.duplicateTitle(value === undefined || typeof value === 'object' ? undefined : String(value)),
        m.duplicateDescription,
      ]
    }
    case 'state':
      return [m.stateTitle, conflict.message || m.stateDescription]
    case 'deleted':
      return [m.deletedTitle, m.deletedDescription]
    case 'in-progress': {
      const wait = conflict.retryAfterMs
      return [m.inProgressTitle, m.inProgressDescription(wait === undefined ? wait : Math.ceil(wait / 1000))]
    }
    default:
      return development
        ? [m.preconditionTitle, conflict.message]
        : [m.unavailableTitle, m.unavailableDescription]
  }
}

/** The title (`<h2>`) or the description (`<p>`) of the dialog, with the id that labels or describes it. */
function useHeading(index: 0 | 1) {
  const { conflict, messages, development, titleId, descriptionId } = useConflictDialog()
  return { id: index ? descriptionId : titleId, text: headingOf(conflict, messages, development)[index] }
}

/** The dialog's title (`<h2>`, labels the dialog); default text: the conflict's title in plain words. */
export function Title({ children, ...props }: ComponentPropsWithoutRef<'h2'>): ReactNode {
  const { id, text } = useHeading(0)
  return (
    <h2 className="cs-title" id={id} {...props}>
      {children ?? text}
    </h2>
  )
}

/** The dialog's description (describes the dialog); default text: counts, the server's message, what to do. */
export function Description({ children, ...props }: ComponentPropsWithoutRef<'p'>): ReactNode {
  const { id, text } = useHeading(1)
  return (
    <p className="cs-description" id={id} {...props}>
      {children ?? text}
    </p>
  )
}

/** Who saved (or deleted) the other change and when, and the request id, when the server said; else nothing. */
export function Meta(props: ComponentPropsWithoutRef<'p'>): ReactNode {
  const { conflict, messages } = useConflictDialog()
  const { by, at, requestId } = conflict.meta
  if (!by && !at && !requestId) return null
  return (
    <p className="cs-meta" {...props}>
      {(by || at) &&
        (conflict.kind === 'deleted' ? messages.deletedBy : messages.savedBy)(
          by || undefined,
          at ? messages.formatDate(at) : undefined,
        )}{' '}
      {requestId && <small>{messages.reference(requestId)}</small>}
    </p>
  )
}
