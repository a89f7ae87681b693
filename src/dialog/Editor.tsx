import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { useConflictDialog, useConflictField, useDecisions } from './context'
import { fromEditText, toEditText } from './format'

/**
 * The edit box of a field, shown while its choice is `edit`: prefilled with the value chosen before,
 * typed like the field (text, a number, or JSON for anything else). Text that does not parse marks the
 * box invalid, says why, and leaves the field undecided. Uncontrolled: typing re-renders only this box.
 */
export function Editor(props: ComponentPropsWithoutRef<'textarea'>): ReactNode {
  const { store, messages } = useConflictDialog()
  const { conflict, label, name } = useConflictField()
  const editing = useDecisions(store, (decisions) => {
    const decision = decisions[conflict.id]
    return typeof decision === 'object' && 'value' in decision
  })
  const error = useDecisions(store, (decisions) => {
    const decision = decisions[conflict.id]
    return typeof decision === 'object' && 'error' in decision ? decision.error : undefined
  })
  if (!editing) return null
  const like = conflict.mine === undefined || conflict.mine === null ? conflict.theirs : conflict.mine
  const initial = store.get()[conflict.id]
  const text = toEditText(typeof initial === 'object' && 'value' in initial ? initial.value : undefined)
  return (
    <div className="cs-editor">
      <label htmlFor={`${name}e`}>{messages.editLabel(label)}</label>
      <textarea
        id={`${name}e`}
        defaultValue={text}
        rows={Math.min(12, text.split('\n', 12).length + (typeof like === 'number' ? 0 : 1))}
        spellCheck={typeof like === 'string'}
        inputMode={typeof like === 'number' ? 'decimal' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}x` : undefined}
        onChange={(event) => store.choose(conflict.id, fromEditText(event.target.value, like, messages))}
        {...props}
      />
      {error && (
        <p className="cs-error" id={`${name}x`}>
          {error}
        </p>
      )}
    </div>
  )
}
