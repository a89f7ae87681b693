/**
 * `mergeText`: three-way merge of strings, line by line or word by word, with `diff3`.
 */
import { MergeError } from './errors.js'
import type { MergeTextOptions } from './options.js'
import { mergeLines, type TextBlock } from './lines.js'
import { mergeSequences } from './sequence.js'
import { splitWords } from './tokenize.js'
import type { MergeTextResult, TextHunk } from './types.js'

/** Conflicting regions larger than this (characters, all sides) are not refined word by word. */
const REFINE_LIMIT = 200_000

function cleanResult(merged: string): MergeTextResult {
  return { clean: true, merged, hunks: merged === '' ? [] : [{ kind: 'stable', text: merged }] }
}

/**
 * Merges the edits of `mine` and `theirs` to the text `base`.
 *
 * Returns `clean: true` and `merged` when no region was changed differently by both sides;
 * `hunks` always lists the stable text and the conflicts in document order.
 *
 * @example
 * mergeText('a b c', 'A b c', 'a b C') // { clean: true, merged: 'A b C', hunks: [...] }
 */
export function mergeText(
  base: string,
  mine: string,
  theirs: string,
  options: MergeTextOptions = {},
): MergeTextResult {
  if (typeof base !== 'string' || typeof mine !== 'string' || typeof theirs !== 'string') {
    throw new MergeError(
      'invalid-input',
      `mergeText(base, mine, theirs) needs three strings; got ${typeof base}, ${typeof mine}, ${typeof theirs}.`,
    )
  }
  const granularity =
    options.granularity ??
    (hasLineBreak(base) || hasLineBreak(mine) || hasLineBreak(theirs) ? 'line' : 'word')
  if (granularity !== 'line' && granularity !== 'word') {
    throw new MergeError(
      'invalid-option',
      `mergeText's granularity must be 'line' or 'word'; got ${JSON.stringify(granularity)}.`,
    )
  }
  if (mine === theirs || theirs === base) return cleanResult(mine)
  if (mine === base) return cleanResult(theirs)

  const blocks = granularity === 'line' ? mergeLines(base, mine, theirs) : mergeWords(base, mine, theirs)

  const refine = granularity === 'line' && options.refine !== false
  const hunks: TextHunk[] = []
  let stable = ''
  let clean = true
  for (const block of blocks) {
    if (block.kind === 'stable') {
      stable += block.text
      continue
    }
    const conflict = { base: block.base, mine: block.mine, theirs: block.theirs }
    if (refine && conflict.base.length + conflict.mine.length + conflict.theirs.length <= REFINE_LIMIT) {
      const words = mergeText(conflict.base, conflict.mine, conflict.theirs, { granularity: 'word' })
      if (words.clean) {
        stable += words.merged
        continue
      }
    }
    if (stable !== '') hunks.push({ kind: 'stable', text: stable })
    stable = ''
    hunks.push({ kind: 'conflict', ...conflict })
    clean = false
  }
  if (stable !== '') hunks.push({ kind: 'stable', text: stable })
  if (!clean) return { clean, hunks }
  const merged = hunks.length === 0 ? '' : (hunks[0] as { text: string }).text
  return { clean, merged, hunks }
}

function mergeWords(base: string, mine: string, theirs: string): TextBlock[] {
  return mergeSequences(splitWords(base), splitWords(mine), splitWords(theirs)).map((block) =>
    block.kind === 'stable'
      ? { kind: 'stable', text: block.items.join('') }
      : {
          kind: 'conflict',
          base: block.base.join(''),
          mine: block.mine.join(''),
          theirs: block.theirs.join(''),
        },
  )
}

function hasLineBreak(text: string): boolean {
  return text.includes('\n')
}
