import { type ComponentPropsWithoutRef, type ReactNode, memo, useId, useMemo, useState } from 'react'
import type { MergeConflict } from '../core/merge/types.js'
import { Choices } from './Choice.js'
import {
  type FieldContextValue,
  FieldContext,
  useConflictDialog,
  useConflictField,
  useDecisions,
  useOptionalField,
} from './context.js'
import { decisionKind, isDecided } from './decisions.js'
import { Editor } from './Editor.js'
import { displayValue, labelOf } from './format.js'
import { TextHunks } from './TextHunks.js'
import { diffWords } from './wordDiff.js'

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
  const { store, labels, messages, showBase: allBase, baseToggles } = useConflictDialog()
  const name = useId()
  // The field's own base toggle lasts until base is next shown or hidden for every field.
  const [own, setOwn] = useState<readonly [number, boolean]>()
  const showBase = own?.[0] === baseToggles ? own[1] : allBase
  const text = label ?? labelOf(conflict.path, labels, messages, conflict.id)
  const field = useMemo(
    (): FieldContextValue => ({
      conflict,
      label: text,
      labelId: `${name}l`,
      name,
      showBase,
      setShowBase: (show) => setOwn([baseToggles, show]),
    }),
    [conflict, text, name, showBase, baseToggles],
  )
  // Primitives only: typing in the field's edit box changes the decision, not these, and re-renders no row.
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
  const target = (!all && field) || dialog
  const { showBase, setShowBase } = target
  return (
    <button
      type="button"
      className="cs-toggle"
      aria-expanded={showBase}
      onClick={() => setShowBase(!showBase)}
      {...props}
    >
      {dialog.messages[`${showBase ? 'hide' : 'show'}${all ? 'AllBase' : 'Base'}` as const]}
    </button>
  )
}

/**
 * Mine and theirs side by side, each highlighted against base; base itself while shown. Default values:
 * the field's conflict (a side that deleted the value says "(deleted)"); a text field's hunks pass their own.
 */
export const Values = /* @__PURE__ */ memo(function Values({
  values,
  ...props
}: ComponentPropsWithoutRef<'div'> & {
  readonly values?: { readonly base: unknown; readonly mine: unknown; readonly theirs: unknown }
}): ReactNode {
  const { conflict, showBase } = useConflictField()
  const { base, mine, theirs } = values ?? conflict
  const deletedBy = !values && conflict.kind === 'delete-vs-edit' ? conflict.deletedBy : undefined
  return (
    <div className="cs-values" {...props}>
      <Side side="mine" value={mine} base={base} deleted={deletedBy === 'mine'} />
      <Side side="theirs" value={theirs} base={base} deleted={deletedBy === 'theirs'} />
      {showBase && <Side side="base" value={base} />}
    </div>
  )
})

/**
 * One column: its heading (Mine, Theirs, Base) and the value as text. Compared with `base` when both are
 * there and either has more than one word: the words it added are `<ins>` and the words it removed `<del>`,
 * each with a visually hidden prefix ("added: ", "removed: ") for screen readers.
 */
const Side = /* @__PURE__ */ memo(function Side({
  side,
  value,
  base,
  deleted,
}: {
  readonly side: 'mine' | 'theirs' | 'base'
  readonly value: unknown
  readonly base?: unknown
  readonly deleted?: boolean
}): ReactNode {
  const { messages } = useConflictDialog()
  const empty = value === undefined || value === null || value === ''
  const text = value === undefined && deleted ? messages.removed : displayValue(value, messages)
  const parts = useMemo(() => {
    const before = empty || base === undefined || base === null ? text : displayValue(base, messages)
    return before !== text && /\s/.test(before + text) ? diffWords(before, text) : [[0, text] as const]
  }, [empty, base, text, messages])
  return (
    <div className="cs-side" data-side={side}>
      <span className="cs-side-name">{messages[side]}</span>
      <div className="cs-text" data-empty={empty ? '' : undefined}>
        {parts.map(([op, run], index) => {
          const Tag = op > 0 ? 'ins' : 'del'
          return op ? (
            <Tag key={index} data-label={op > 0 ? messages.inserted : messages.deleted}>
              {run}
            </Tag>
          ) : (
            run
          )
        })}
      </div>
    </div>
  )
})
