import { type ComponentPropsWithoutRef, type ReactNode, memo } from 'react'
import type { HunkChoice, TextHunk } from '../core/merge/types'
import { useConflictDialog, useConflictField, useDecisions } from './context'
import { hunkCount } from './decisions'
import { Radio } from './Choice'
import { Side } from './Field'

/** Lines of unchanged text kept around each conflicting change. */
const CONTEXT_LINES = 2

const noHunks: readonly (HunkChoice | undefined)[] = []

/**
 * The hunks of a text field in document order: unchanged text (long runs shortened to a few lines of
 * context), and for each conflicting change mine and theirs highlighted word by word against base, with
 * a radio group: mine, theirs, or both (mine, then theirs). Choosing a hunk decides the field hunk by hunk.
 */
export const TextHunks = memo(function TextHunks(props: ComponentPropsWithoutRef<'div'>): ReactNode {
  const { store } = useConflictDialog()
  const { conflict } = useConflictField()
  const chosen = useDecisions(store, (decisions) => {
    const decision = decisions[conflict.id]
    return typeof decision === 'object' && 'hunks' in decision ? decision.hunks : noHunks
  })
  if (conflict.kind !== 'text') return null
  const count = hunkCount(conflict)
  let index = 0
  return (
    <div className="cs-hunks" {...props}>
      {conflict.hunks.map((hunk, position) =>
        hunk.kind === 'stable' ? (
          <Unchanged
            key={position}
            text={hunk.text}
            head={position > 0}
            tail={position < conflict.hunks.length - 1}
          />
        ) : (
          <Hunk key={position} hunk={hunk} index={index} count={count} choice={chosen[index++]} />
        ),
      )}
    </div>
  )
})

/** Unchanged text: all of it when short, else `CONTEXT_LINES` after the change before and before the next. */
function Unchanged({
  text,
  head,
  tail,
}: {
  readonly text: string
  readonly head: boolean
  readonly tail: boolean
}) {
  const { messages } = useConflictDialog()
  // A final line break ends the last line; it does not start another one.
  const lines = text.replace(/\n$/, '').split('\n')
  const keep = (head ? CONTEXT_LINES : 0) + (tail ? CONTEXT_LINES : 0)
  if (lines.length <= keep + 1) return <div className="cs-unchanged">{text}</div>
  const start = head ? lines.slice(0, CONTEXT_LINES).join('\n') : ''
  const end = tail ? lines.slice(-CONTEXT_LINES).join('\n') : ''
  return (
    <div className="cs-unchanged">
      {start}
      <span className="cs-skipped">{messages.unchangedLines(lines.length - keep)}</span>
      {end}
    </div>
  )
}

/** One conflicting change: mine and theirs against base, base on demand, and its radio group. */
const Hunk = memo(function Hunk({
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
  const { conflict, name, showBase } = useConflictField()
  return (
    <fieldset
      className="cs-hunk"
      data-state={choice === undefined ? 'undecided' : 'decided'}
      data-choice={typeof choice === 'string' ? choice : choice && 'edit'}
    >
      <legend>{messages.change(index + 1, count)}</legend>
      <div className="cs-values">
        <Side side="mine" heading={messages.mine} value={hunk.mine} base={hunk.base} />
        <Side side="theirs" heading={messages.theirs} value={hunk.theirs} base={hunk.base} />
        {showBase && <Side side="base" heading={messages.base} value={hunk.base} />}
      </div>
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
