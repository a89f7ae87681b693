import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import type { SaveConflict } from '../core/conflict.js'
import { useConflictDialog } from './context.js'
import { plainText } from './format.js'
import type { ConflictMessages } from './messages.js'

/** The title and the sentence under it, in plain words, for each kind of conflict. */
export function headingOf(
  conflict: SaveConflict,
  m: ConflictMessages,
  development: boolean,
): [string, string] {
  return conflict.kind === 'merge'
    ? [m.mergeTitle, m.mergeDescription(conflict.changes.length, conflict.conflicts.length)]
    : conflict.kind === 'duplicate'
      ? [m.duplicateTitle(plainText(conflict.value)), m.duplicateDescription]
      : conflict.kind === 'state'
        ? [m.stateTitle, conflict.message || m.stateDescription]
        : conflict.kind === 'deleted'
          ? [m.deletedTitle, m.deletedDescription]
          : conflict.kind === 'in-progress'
            ? [
                m.inProgressTitle,
                m.inProgressDescription(conflict.retryAfterMs && Math.ceil(conflict.retryAfterMs / 1000)),
              ]
            : development
              ? [m.preconditionTitle, conflict.message]
              : [m.unavailableTitle, m.unavailableDescription]
}

/** The title (`<h2>`, index 0) or the description (`<p>`, index 1), with the id that labels or describes the dialog. */
function heading(Tag: 'h2' | 'p', index: 0 | 1) {
  return function Heading({ children, ...props }: ComponentPropsWithoutRef<'h2'>): ReactNode {
    const { conflict, messages, development, titleId, descriptionId } = useConflictDialog()
    return (
      <Tag className={index ? 'cs-description' : 'cs-title'} id={index ? descriptionId : titleId} {...props}>
        {children ?? headingOf(conflict, messages, development)[index]}
      </Tag>
    )
  }
}

/** The dialog's title (`<h2>`, labels the dialog); default text: the conflict's title in plain words. */
export const Title = /* @__PURE__ */ heading('h2', 0)

/** The dialog's description (describes the dialog); default text: counts, the server's message, what to do. */
export const Description = /* @__PURE__ */ heading('p', 1)

/** Who saved (or deleted) the other change and when, and the request id, when the server said; else nothing. */
export function Meta(props: ComponentPropsWithoutRef<'p'>): ReactNode {
  const { conflict, messages } = useConflictDialog()
  const { by, at, requestId } = conflict.meta
  return (
    (by || at || requestId) && (
      <p className="cs-meta" {...props}>
        {(by || at) &&
          messages[conflict.kind === 'deleted' ? 'deletedBy' : 'savedBy'](
            by || undefined,
            at ? messages.formatDate(at) : undefined,
          )}{' '}
        {requestId && <small>{messages.reference(requestId)}</small>}
      </p>
    )
  )
}
