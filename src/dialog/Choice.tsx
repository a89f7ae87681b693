import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { useConflictDialog, useConflictField, useDecisions } from './context'
import { decisionKind } from './decisions'
import { chosenValue } from './chosenValue'

/** A field-level choice: keep mine, take theirs, take base, or edit. */
export type FieldChoice = 'mine' | 'theirs' | 'base' | 'edit'

/** Whether a conflict can be edited in a text box (booleans cannot: mine and theirs already cover both). */
export function isEditable(mine: unknown, theirs: unknown): boolean {
  return typeof mine !== 'boolean' && typeof theirs !== 'boolean'
}

/**
 * The radio group of a field (`<fieldset>`; arrow keys move between choices). Default choices: keep
 * mine, take theirs and, unless the values are booleans, edit.
 */
export function Choices({ children, ...props }: ComponentPropsWithoutRef<'fieldset'>): ReactNode {
  const { conflict, label } = useConflictField()
  const { messages } = useConflictDialog()
  return (
    <fieldset className="cs-choices" {...props}>
      <legend className="cs-sr">
        {conflict.kind === 'text' ? messages.chooseWhole(label) : messages.chooseFor(label)}
      </legend>
      {children ?? (
        <>
          <Choice value="mine" />
          <Choice value="theirs" />
          {isEditable(conflict.mine, conflict.theirs) && <Choice value="edit" />}
        </>
      )}
    </fieldset>
  )
}

/** Props of `ConflictDialog.Choice`. */
export interface ConflictDialogChoiceProps extends Omit<ComponentPropsWithoutRef<'input'>, 'value'> {
  /** What choosing this does. */
  readonly value: FieldChoice
}

/**
 * One choice of a field: a native radio in a `<label>` with `data-choice` and `data-state`
 * (`checked` / `unchecked`). Choosing `edit` opens the editor prefilled with the current choice.
 */
export function Choice({ value, children, ...props }: ConflictDialogChoiceProps): ReactNode {
  const { store, messages } = useConflictDialog()
  const { conflict, name } = useConflictField()
  const checked = useDecisions(store, (decisions) => decisionKind(decisions[conflict.id])) === value
  const choose = () => {
    const current = store.get()[conflict.id]
    store.choose(conflict.id, value === 'edit' ? { value: chosenValue(conflict, current) } : value)
  }
  return (
    <label className="cs-choice" data-choice={value} data-state={checked ? 'checked' : 'unchecked'}>
      <input type="radio" name={name} value={value} checked={checked} onChange={choose} {...props} />
      <span>
        {children ??
          (value === 'mine'
            ? messages.keepMine
            : value === 'theirs'
              ? messages.takeTheirs
              : value === 'edit'
                ? messages.edit
                : messages.base)}
      </span>
    </label>
  )
}
