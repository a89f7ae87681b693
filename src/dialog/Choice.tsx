import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { useConflictDialog, useConflictField, useDecisions } from './context.js'
import { chosenValue, decisionKind } from './decisions.js'

/** A field-level choice: keep mine, take theirs, take base, or edit. */
export type FieldChoice = 'mine' | 'theirs' | 'base' | 'edit'

type RadioProps = ComponentPropsWithoutRef<'input'> & { readonly value: string; readonly checked: boolean }

/** A native radio in a `<label>` that carries `data-choice` and `data-state` (`checked` / `unchecked`). */
export function Radio({ value, checked, children, ...props }: RadioProps): ReactNode {
  return (
    <label className="cs-choice" data-choice={value} data-state={checked ? 'checked' : 'unchecked'}>
      <input type="radio" value={value} checked={checked} {...props} />
      {children}
    </label>
  )
}

/**
 * The radio group of a field (`<fieldset>`; arrow keys move between choices). Default choices: keep
 * mine, take theirs and, unless the values are booleans (mine and theirs already cover both), edit.
 */
export function Choices({ children, ...props }: ComponentPropsWithoutRef<'fieldset'>): ReactNode {
  const { conflict, label } = useConflictField()
  const { messages } = useConflictDialog()
  return (
    <fieldset className="cs-choices" {...props}>
      <legend className="cs-sr">
        {messages[conflict.kind === 'text' ? 'chooseWhole' : 'chooseFor'](label)}
      </legend>
      {children ?? (
        <>
          <Choice value="mine" />
          <Choice value="theirs" />
          {typeof conflict.mine !== 'boolean' && typeof conflict.theirs !== 'boolean' && (
            <Choice value="edit" />
          )}
        </>
      )}
    </fieldset>
  )
}

/** Props of `ConflictDialog.Choice`. */
export interface ConflictDialogChoiceProps extends Omit<
  ComponentPropsWithoutRef<'input'>,
  'value' | 'checked' | 'type'
> {
  /** What choosing this does. */
  readonly value: FieldChoice
}

const choiceLabel = { mine: 'keepMine', theirs: 'takeTheirs', base: 'base', edit: 'edit' } as const

/**
 * One choice of a field: a radio with `data-choice` and `data-state`. Choosing `edit` opens the editor
 * prefilled with the current choice.
 */
export function Choice({ value, children, ...props }: ConflictDialogChoiceProps): ReactNode {
  const { store, messages } = useConflictDialog()
  const { conflict, name } = useConflictField()
  const checked = useDecisions(store, (decisions) => decisionKind(decisions[conflict.id]) === value)
  return (
    <Radio
      name={name}
      value={value}
      checked={checked}
      onChange={() =>
        store.choose(
          conflict.id,
          value === 'edit' ? { value: chosenValue(conflict, store.get()[conflict.id]) } : value,
        )
      }
      {...props}
    >
      {children ?? messages[choiceLabel[value]]}
    </Radio>
  )
}
