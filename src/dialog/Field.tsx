import { type ComponentPropsWithoutRef, type ReactNode, memo, useId, useMemo, useState } from 'react'
import type { MergeConflict } from '../core/merge/types'
import { Choices } from './Choice'
import {
  type FieldContextValue,
  FieldContext,
  useConflictDialog,
  useConflictField,
  useDecisions,
  useOptionalField,
} from './context'
import { decisionKind, isDecided } from './decisions'
import { Editor } from './Editor'
import { labelOf } from './format'
import { TextHunks } from './TextHunks'
import { ValueText } from './ValueText'

/** Props of `ConflictDialog.Field`. */
export interface ConflictDialogFieldProps extends ComponentPropsWithoutRef<'section'> {
  /** The conflict this row decides. */
  readonly conflict: MergeConflict
  /** Its label; default: from `labels`, else the humanised path. */
  readonly label?: string
  /** Heading level of the label; default 3. */
  readonly level?: 3 | 4 | 5 | 6
}

/**
 * One conflicting field: its label, mine and theirs side by side (base on demand), the choices, the
 * editor and, for text, the hunks. `data-state` is `decided` or `undecided`; `data-choice` the decision
 * (`mine`, `theirs`, `edit`, `hunks`). Children replace the default layout.
 */
export function Field({
  conflict,
  label,
  level = 3,
  children,
  ...props
}: ConflictDialogFieldProps): ReactNode {
  const dialog = useConflictDialog()
  const { store, labels, messages } = dialog
  const name = useId()
  const [own, setOwn] = useState<readonly [number, boolean]>()
  const showBase = own && own[0] === dialog.baseToggles ? own[1] : dialog.showBase
  const text = label ?? labelOf(conflict.path, labels, messages, conflict.id)
  const field = useMemo(
    (): FieldContextValue => ({
      conflict,
      label: text,
      labelId: `${name}l`,
      name,
      showBase,
      setShowBase: (show) => setOwn([dialog.baseToggles, show]),
    }),
    [conflict, text, name, showBase, dialog.baseToggles],
  )
  const kind = useDecisions(store, (decisions) => decisionKind(decisions[conflict.id]))
  const decided = useDecisions(store, (decisions) => isDecided(conflict, decisions[conflict.id]))
  const Heading = `h${level}` as const
  return (
    <FieldContext.Provider value={field}>
      <section
        className="cs-field"
        aria-labelledby={field.labelId}
        data-state={decided ? 'decided' : 'undecided'}
        data-choice={kind}
        data-kind={conflict.kind}
        {...props}
      >
        {children ?? (
          <>
            <div className="cs-field-head">
              <Heading className="cs-label" id={field.labelId}>
                {text}
              </Heading>
              <BaseToggle />
            </div>
            {conflict.kind === 'text' ? <TextHunks /> : <Values />}
            <Choices />
            <Editor />
          </>
        )}
      </section>
    </FieldContext.Provider>
  )
}

/** Shows or hides base: for the field it is in, or with `all` for every field. An `aria-expanded` button. */
export function BaseToggle({
  all,
  ...props
}: ComponentPropsWithoutRef<'button'> & { readonly all?: boolean }): ReactNode {
  const dialog = useConflictDialog()
  const field = useOptionalField()
  const target = all || !field ? dialog : field
  const { messages } = dialog
  return (
    <button
      type="button"
      className="cs-toggle"
      aria-expanded={target.showBase}
      onClick={() => target.setShowBase(!target.showBase)}
      {...props}
    >
      {all
        ? target.showBase
          ? messages.hideAllBase
          : messages.showAllBase
        : target.showBase
          ? messages.hideBase
          : messages.showBase}
    </button>
  )
}

/** Mine and theirs side by side, each highlighted against base; base itself while shown. */
export const Values = memo(function Values(props: ComponentPropsWithoutRef<'div'>): ReactNode {
  const { conflict, showBase } = useConflictField()
  const { messages } = useConflictDialog()
  const deletedBy = conflict.kind === 'delete-vs-edit' ? conflict.deletedBy : undefined
  return (
    <div className="cs-values" {...props}>
      <Side
        side="mine"
        heading={messages.mine}
        value={conflict.mine}
        base={conflict.base}
        deleted={deletedBy === 'mine'}
      />
      <Side
        side="theirs"
        heading={messages.theirs}
        value={conflict.theirs}
        base={conflict.base}
        deleted={deletedBy === 'theirs'}
      />
      {showBase && <Side side="base" heading={messages.base} value={conflict.base} />}
    </div>
  )
})

/** One column of a comparison: a heading (Mine, Theirs, Base) and the value, compared with `base` when given. */
export function Side({
  side,
  heading,
  value,
  base,
  deleted,
  ...props
}: ComponentPropsWithoutRef<'div'> & {
  readonly side: 'mine' | 'theirs' | 'base'
  readonly heading: string
  readonly value: unknown
  readonly base?: unknown
  /** This side deleted the value: say "(deleted)" rather than "(none)". */
  readonly deleted?: boolean
}): ReactNode {
  const { messages } = useConflictDialog()
  return (
    <div className="cs-side" data-side={side} {...props}>
      <span className="cs-side-name">{heading}</span>
      <ValueText value={value} base={base} absent={deleted ? messages.removed : undefined} />
    </div>
  )
}
