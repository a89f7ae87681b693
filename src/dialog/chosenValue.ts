import type { HunkChoice, MergeConflict, TextHunk } from '../core/merge/types'
import type { Decision } from './decisions'

/** The text of one hunk for a hunk choice (open hunks keep mine), as the merge engine's `resolveHunks` joins it. */
const hunkText = (hunk: TextHunk, choice: HunkChoice | undefined): string =>
  hunk.kind === 'stable'
    ? hunk.text
    : typeof choice === 'object'
      ? choice.value
      : choice === 'both'
        ? hunk.mine + hunk.theirs
        : hunk[choice ?? 'mine']

/**
 * The value a decision stands for, to prefill the editor: mine (also while undecided), theirs, base,
 * the edited value, or the text of the hunk choices so far (open hunks keep mine). Joins the hunks
 * itself rather than importing the merge engine, so the dialog bundle carries none of the core.
 */
export function chosenValue(conflict: MergeConflict, decision: Decision | undefined): unknown {
  if (decision === 'theirs' || decision === 'base') return conflict[decision]
  if (typeof decision !== 'object') return conflict.mine
  if ('value' in decision) return decision.value
  let index = 0
  return conflict.kind === 'text'
    ? conflict.hunks
        .map((hunk) => hunkText(hunk, hunk.kind === 'stable' ? undefined : decision.hunks[index++]))
        .join('')
    : conflict.mine
}
