import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import type { SaveConflict } from '../core/conflict'
import { useConflictDialog } from './context'
import type { ConflictMessages } from './messages'

/** The title of a conflict in plain words. */
export function titleOf(conflict: SaveConflict, messages: ConflictMessages, development: boolean): string {
  switch (conflict.kind) {
    case 'merge':
      return messages.mergeTitle
    case 'duplicate':
      return messages.duplicateTitle(
        conflict.value === undefined || typeof conflict.value === 'object' ? undefined : String(conflict.value),
      )
    case 'state':
      return messages.stateTitle
    case 'deleted':
      return messages.deletedTitle
    case 'in-progress':
      return messages.inProgressTitle
    default:
      return development ? messages.preconditionTitle : messages.unavailableTitle
  }
}

/** The sentence under the title: counts, the server's message, or what to do next. */
export function descriptionOf(conflict: SaveConflict, messages: ConflictMessages, development: boolean): string {
  switch (conflict.kind) {
    case 'merge':
      return messages.mergeDescription(conflict.changes.length, conflict.conflicts.length)
    case 'duplicate':
      return messages.duplicateDescription
    case 'state':
      return conflict.message || messages.stateDescription
    case 'deleted':
      return messages.deletedDescription
    case 'in-progress':
      return messages.inProgressDescription(
        conflict.retryAfterMs === undefined ? undefined : Math.ceil(conflict.retryAfterMs / 1000),
      )
    default:
      return development ? conflict.message : messages.unavailableDescription
  }
}

/** The dialog's title (`<h2>`, labels the dialog); default text: the conflict's title in plain words. */
export function Title({ children, ...props }: ComponentPropsWithoutRef<'h2'>): ReactNode {
  const { conflict, messages, development, titleId } = useConflictDialog()
  return (
    <h2 className="cs-title" id={titleId} {...props}>
      {children ?? titleOf(conflict, messages, development)}
    </h2>
  )
}

/** The dialog's description (describes the dialog); default text: counts or the server's message. */
export function Description({ children, ...props }: ComponentPropsWithoutRef<'p'>): ReactNode {
  const { conflict, messages, development, descriptionId } = useConflictDialog()
  return (
    <p className="cs-description" id={descriptionId} {...props}>
      {children ?? descriptionOf(conflict, messages, development)}
    </p>
  )
}

/** Who saved the other change and when, and the request id, when the server said; otherwise nothing. */
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
