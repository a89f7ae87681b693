import { resolveHunks } from '../core/merge/index'
import type { HunkChoice, MergeConflict } from '../core/merge/types'
import type { Decision } from './decisions'

/**
 * The value a decision stands for, to prefill the editor: mine (also while undecided), theirs, base,
 * the edited value, or the text of the hunk choices so far (`resolveHunks`: open hunks keep mine).
 */
export function chosenValue(conflict: MergeConflict, decision: Decision | undefined): unknown {
  if (decision === 'theirs' || decision === 'base') return conflict[decision]
  if (typeof decision !== 'object') return conflict.mine
  if ('value' in decision) return decision.value
  return conflict.kind === 'text'
    ? resolveHunks(conflict.hunks, decision.hunks as HunkChoice[])
    : conflict.mine
}
