import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { useConflictDialog, useConflictField, useDecisions } from './context.js'
import { has } from './decisions.js'
import { fromEditText, toEditText } from './format.js'

/**
 * The edit box of a field, shown while its choice is `edit`: prefilled with the value chosen before,
 * typed like the field (text, a number, or JSON for anything else). Text that does not parse marks the
 * box invalid, says why, and leaves the field undecided. Uncontrolled: typing re-renders only this box.
 */
export function Editor(props: ComponentPropsWithoutRef<'textarea'>): ReactNode {
  const { store, messages } = useConflictDialog()
  const { conflict, label, name } = useConflictField()
  // `false` while not editing, else the error of the text typed so far ('' when it parses).
  const error = useDecisions(store, (decisions) => {
    const decision = decisions[conflict.id]
    return has(decision, 'value') && (has(decision, 'error') ? decision.error : '')
  })
  if (error === false) return null
  const like = conflict.mine ?? conflict.theirs
  const text = toEditText((store.get()[conflict.id] as { value: unknown }).value)
  return (
    <div className="cs-editor">
      <label htmlFor={`${name}e`}>{messages.editLabel(label)}</label>
      <textarea
        id={`${name}e`}
        defaultValue={text}
        rows={Math.min(12, text.split('\n', 12).length + (typeof like === 'number' ? 0 : 1))}
        spellCheck={typeof like === 'string'}
        inputMode={typeof like === 'number' ? 'decimal' : undefined}
        aria-invalid={!!error || undefined}
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
