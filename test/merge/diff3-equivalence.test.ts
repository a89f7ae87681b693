/**
 * mergeText's line merge is diff3's line merge: the shortcuts (shared start set aside, long texts
 * cut at anchors, unchanged pieces copied without diffing, lines kept as offsets) never change an
 * answer. Checked against the `diff3` package called directly on whole texts, on generated inputs
 * (short and long, distinct and repetitive lines).
 */
import diff3Merge from 'diff3'
import { describe, expect, it } from 'vitest'
import { mergeText } from '../../src/core/merge/index'
import { splitLines } from '../../src/core/merge/tokenize'
import { generateCases, type LineStyle } from './generate'

/** diff3 on whole texts, lines with their line breaks: the clean text, or undefined on conflict. */
function plainDiff3(base: string, mine: string, theirs: string): { merged?: string; conflicts: string[] } {
  const out: string[] = []
  const conflicts: string[] = []
  for (const block of diff3Merge(splitLines(mine), splitLines(base), splitLines(theirs))) {
    if ('ok' in block) out.push(...block.ok)
    else
      conflicts.push(
        JSON.stringify([block.conflict.o.join(''), block.conflict.a.join(''), block.conflict.b.join('')]),
      )
  }
  return conflicts.length === 0 ? { merged: out.join(''), conflicts } : { conflicts }
}

describe('mergeText (line, no refinement) equals diff3 on whole texts', () => {
  it.each<[string, number, number, LineStyle, number, number]>([
    ['short texts, distinct lines', 11, 1_500, 'distinct', 30, 4],
    ['short texts, repetitive lines', 12, 1_500, 'repetitive', 30, 4],
    ['long texts (anchored), distinct lines', 13, 30, 'distinct', 3_000, 40],
    ['long texts (anchored), repetitive lines', 14, 20, 'repetitive', 3_000, 20],
  ])('%s', (_name, seed, count, style, maxLines, maxEdits) => {
    let conflicted = 0
    for (const input of generateCases(seed, count, style, maxLines, maxEdits)) {
      const ours = mergeText(input.base, input.mine, input.theirs, { granularity: 'line', refine: false })
      const reference = plainDiff3(input.base, input.mine, input.theirs)
      expect(ours.merged).toBe(reference.merged)
      const ourConflicts = ours.hunks.flatMap((hunk) =>
        hunk.kind === 'conflict' ? [JSON.stringify([hunk.base, hunk.mine, hunk.theirs])] : [],
      )
      expect(ourConflicts).toEqual(reference.conflicts)
      if (!ours.clean) conflicted++
    }
    expect(conflicted).toBeGreaterThan(0)
  })
})
