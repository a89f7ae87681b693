/**
 * Turning text hunks and per-hunk decisions into text.
 */
import { MergeError } from './errors.js'
import type { HunkChoice, TextHunk } from './types.js'

/** How many of `hunks` are conflicts (the length a list of hunk choices may have). */
export function countConflictHunks(hunks: readonly TextHunk[]): number {
  let count = 0
  for (const hunk of hunks) if (hunk.kind === 'conflict') count++
  return count
}

/**
 * The text of `hunks` with one decision per conflicting hunk, in order (`choices[0]` decides the
 * first conflict). A conflict with no decision keeps mine.
 */
export function resolveHunks(hunks: readonly TextHunk[], choices: readonly HunkChoice[] = []): string {
  const conflicts = countConflictHunks(hunks)
  if (choices.length > conflicts) {
    throw new MergeError(
      'invalid-choice',
      `${choices.length} hunk choices were given for ${conflicts} conflicting hunks.`,
    )
  }
  let text = ''
  let index = 0
  for (const hunk of hunks) {
    if (hunk.kind === 'stable') {
      text += hunk.text
      continue
    }
    const choice = choices[index] ?? 'mine'
    index++
    text += hunkText(hunk, choice, index)
  }
  return text
}

function hunkText(
  hunk: Extract<TextHunk, { kind: 'conflict' }>,
  choice: HunkChoice,
  position: number,
): string {
  switch (choice) {
    case 'mine':
      return hunk.mine
    case 'theirs':
      return hunk.theirs
    case 'base':
      return hunk.base
    case 'both':
      return hunk.mine + hunk.theirs
  }
  if (choice !== null && typeof choice === 'object' && typeof choice.value === 'string') return choice.value
  throw new MergeError(
    'invalid-choice',
    `the choice for conflicting hunk ${position} must be 'mine', 'theirs', 'base', 'both' or { value: string }; got ${JSON.stringify(choice)}.`,
  )
}
