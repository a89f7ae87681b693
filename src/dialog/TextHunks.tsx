import { type ComponentPropsWithoutRef, type ReactNode, memo } from 'react'
import type { HunkChoice, TextHunk } from '../core/merge/types.js'
import { useConflictDialog, useConflictField, useDecisions } from './context.js'
import { has, hunkCount } from './decisions.js'
import { Radio } from './Choice.js'
import { Values } from './Field.js'
import type { ConflictMessages } from './messages.js'

/** Lines of unchanged text kept around each conflicting change. */
const CONTEXT_LINES = 2

const noHunks: readonly (HunkChoice | undefined)[] = []

/**
 * The hunks of a text field in document order: unchanged text (long runs shortened to a few lines of
 * context), and for each conflicting change mine and theirs highlighted word by word against base, with
 * a radio group: mine, theirs, or both (mine, then theirs). Choosing a hunk decides the field hunk by hunk.
 */
export const TextHunks = /* @__PURE__ */ memo(function TextHunks(
  props: ComponentPropsWithoutRef<'div'>,
): ReactNode {
  const { store, messages } = useConflictDialog()
  const { conflict } = useConflictField()
  // Only the hunk choices: typing in the field's edit box does not re-render the hunks.
  const chosen = useDecisions(store, (decisions) => {
    const decision = decisions[conflict.id]
    return has(decision, 'hunks') ? decision.hunks : noHunks
  })
  if (conflict.kind !== 'text') return null
  const count = hunkCount(conflict)
  const last = conflict.hunks.length - 1
  let index = 0
  return (
    <div className="cs-hunks" {...props}>
      {conflict.hunks.map((hunk, position) =>
        hunk.kind === 'stable' ? (
          <div key={position} className="cs-unchanged">
            {unchanged(hunk.text, position > 0, position < last, messages)}
          </div>
        ) : (
          <Hunk key={position} hunk={hunk} index={index} count={count} choice={chosen[index++]} />
        ),
      )}
    </div>
  )
})

/** Unchanged text: all of it when short, else `CONTEXT_LINES` after the change before and before the next. */
function unchanged(text: string, head: boolean, tail: boolean, messages: ConflictMessages): ReactNode {
  // A final line break ends the last line; it does not start another one.
  const lines = text.replace(/\n$/, '').split('\n')
  const start = head ? CONTEXT_LINES : 0
  const skipped = lines.length - start - (tail ? CONTEXT_LINES : 0)
  return skipped > 1 ? (
    <>
      {lines.slice(0, start).join('\n')}
      <span className="cs-skipped">{messages.unchangedLines(skipped)}</span>
      {lines.slice(start + skipped).join('\n')}
    </>
  ) : (
    text
  )
}

/** One conflicting change: mine and theirs against base, base on demand, and its radio group. */
const Hunk = /* @__PURE__ */ memo(function Hunk({
  hunk,
  index,
  count,
  choice,
}: {
  readonly hunk: Extract<TextHunk, { kind: 'conflict' }>
  readonly index: number
  readonly count: number
  readonly choice: HunkChoice | undefined
}): ReactNode {
  const { store, messages } = useConflictDialog()
  const { conflict, name } = useConflictField()
  return (
    <fieldset
      className="cs-hunk"
      data-state={choice ? 'decided' : 'undecided'}
      data-choice={typeof choice === 'object' ? 'edit' : choice}
    >
      <legend>{messages.change(index + 1, count)}</legend>
      <Values values={hunk} />
      <div className="cs-choices">
        {(['mine', 'theirs', 'both'] as const).map((value) => (
          <Radio
            key={value}
            name={`${name}h${index}`}
            value={value}
            checked={choice === value}
            onChange={() => store.chooseHunk(conflict.id, index, value)}
          >
            {messages[value]}
          </Radio>
        ))}
      </div>
    </fieldset>
  )
})
