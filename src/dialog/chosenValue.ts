import { resolveHunks } from '../core/merge/index'
import type { MergeConflict } from '../core/merge/types'
import { type Decision, toChoices } from './decisions'

/**
 * The value a decision stands for, to prefill the editor: mine (also while undecided), theirs, base,
 * the edited value, or the text of the hunk choices so far (open hunks keep mine).
 */
export function chosenValue(conflict: MergeConflict, decision: Decision | undefined): unknown {
  if (decision === 'theirs' || decision === 'base') return conflict[decision]
  if (typeof decision !== 'object') return conflict.mine
  if ('value' in decision) return decision.value
  const choice = toChoices([conflict], { [conflict.id]: decision })[conflict.id]
  return conflict.kind === 'text' && choice && typeof choice === 'object' && 'hunks' in choice
    ? resolveHunks(conflict.hunks, choice.hunks)
    : conflict.mine
}
