/**
 * Properties of mergeText, checked on thousands of generated texts (fast-check).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateCases } from '../../../test/merge/generate.js'
import { resolveHunks } from './hunks.js'
import { mergeText } from './text.js'
import type { MergeTextOptions } from './options.js'
import type { TextHunk } from './types.js'

const RUNS = { numRuns: Number(process.env.MERGE_PROPERTY_RUNS ?? 1_000) }

/** Lines from a small alphabet (so alignments are often ambiguous), some without a final line break. */
const line = fc.constantFrom('a\n', 'b\n', 'c\n', '{\n', '}\n', '\n', 'the quick brown fox\n', 'jumps over\n')
const text = fc.tuple(fc.array(line, { maxLength: 12 }), fc.boolean()).map(([lines, dropLastBreak]) => {
  const joined = lines.join('')
  return dropLastBreak && joined.endsWith('\n') ? joined.slice(0, -1) : joined
})
const options = fc.constantFrom<MergeTextOptions>(
  {},
  { granularity: 'line', refine: false },
  { granularity: 'line' },
  { granularity: 'word' },
)

function checkHunks(hunks: readonly TextHunk[]): void {
  hunks.forEach((hunk, i) => {
    if (hunk.kind === 'stable') {
      expect(hunk.text).not.toBe('')
      expect(hunks[i + 1]?.kind).not.toBe('stable') // stable runs are joined
    }
  })
}

describe('mergeText properties', () => {
  it('one side unchanged → the other side; both alike → that text; always clean', () => {
    fc.assert(
      fc.property(text, text, options, (base, other, opts) => {
        expect(mergeText(base, base, other, opts)).toMatchObject({ clean: true, merged: other })
        expect(mergeText(base, other, base, opts)).toMatchObject({ clean: true, merged: other })
        expect(mergeText(base, other, other, opts)).toMatchObject({ clean: true, merged: other })
      }),
      RUNS,
    )
  })

  it('hunks are well formed: clean ⇔ no conflict hunk, merged = the stable text, stable runs joined', () => {
    fc.assert(
      fc.property(text, text, text, options, (base, mine, theirs, opts) => {
        const result = mergeText(base, mine, theirs, opts)
        checkHunks(result.hunks)
        const conflicts = result.hunks.filter((hunk) => hunk.kind === 'conflict')
        expect(result.clean).toBe(conflicts.length === 0)
        if (result.clean)
          expect(result.merged).toBe(
            result.hunks.map((hunk) => (hunk.kind === 'stable' ? hunk.text : '')).join(''),
          )
        else expect(result.merged).toBeUndefined()
        for (const conflict of conflicts)
          expect(conflict.kind === 'conflict' && conflict.mine !== conflict.theirs).toBe(true)
        // Choosing mine everywhere loses nothing mine typed in a conflict; choosing theirs likewise.
        for (const conflict of conflicts) {
          if (conflict.kind !== 'conflict') continue
          expect(
            resolveHunks(
              result.hunks,
              conflicts.map(() => 'mine'),
            ),
          ).toContain(conflict.mine)
          expect(
            resolveHunks(
              result.hunks,
              conflicts.map(() => 'theirs'),
            ),
          ).toContain(conflict.theirs)
        }
      }),
      RUNS,
    )
  })

  it('swapping mine and theirs swaps every conflict hunk, and results are deterministic', () => {
    fc.assert(
      fc.property(text, text, text, options, (base, mine, theirs, opts) => {
        const forward = mergeText(base, mine, theirs, opts)
        const backward = mergeText(base, theirs, mine, opts)
        expect(backward.clean).toBe(forward.clean)
        expect(backward.hunks).toEqual(
          forward.hunks.map((hunk) =>
            hunk.kind === 'conflict' ? { ...hunk, mine: hunk.theirs, theirs: hunk.mine } : hunk,
          ),
        )
        expect(mergeText(base, mine, theirs, opts)).toEqual(forward)
      }),
      RUNS,
    )
  })

  it('edits of lines at least one unchanged line apart always merge, line by line', () => {
    const edits = fc.record({
      length: fc.integer({ min: 2, max: 40 }),
      mineAt: fc.array(fc.nat(), { maxLength: 4 }),
      theirsAt: fc.array(fc.nat(), { maxLength: 4 }),
      kinds: fc.array(fc.constantFrom('replace', 'delete', 'insert'), { minLength: 8, maxLength: 8 }),
    })
    fc.assert(
      fc.property(edits, ({ length, mineAt, theirsAt, kinds }) => {
        const base = Array.from({ length }, (_, i) => `line ${i}\n`)
        const mineLines = new Set(mineAt.map((n) => n % length))
        // theirs edits only lines at least 2 away from every line mine edits
        const theirsLines = new Set(
          theirsAt.map((n) => n % length).filter((n) => [...mineLines].every((m) => Math.abs(m - n) >= 2)),
        )
        let kind = 0
        const apply = (lines: Set<number>, side: string) =>
          base
            .flatMap((text, i) => {
              if (!lines.has(i)) return [text]
              const k = kinds[kind++ % kinds.length]
              if (k === 'delete') return []
              if (k === 'insert') return [text, `${side} inserted after ${i}\n`]
              return [`${side} changed ${i}\n`]
            })
            .join('')
        const mine = apply(mineLines, 'mine')
        const theirs = apply(theirsLines, 'theirs')
        const result = mergeText(base.join(''), mine, theirs, { granularity: 'line', refine: false })
        expect(result.clean).toBe(true)
        // Every line either side produced is in the result.
        for (const changed of [...mine.split('\n'), ...theirs.split('\n')].filter(
          (l) => l.includes('mine') || l.includes('theirs'),
        )) {
          expect(result.merged).toContain(changed)
        }
      }),
      RUNS,
    )
  })

  it('edits of different words of one line merge (word refinement, and single-line word merges)', () => {
    const words = fc.integer({ min: 3, max: 12 })
    fc.assert(
      fc.property(words, fc.nat(), fc.nat(), fc.boolean(), (count, a, b, multiLine) => {
        const base = Array.from({ length: count }, (_, i) => `w${i}`)
        const mineAt = a % count
        let theirsAt = b % count
        if (Math.abs(mineAt - theirsAt) < 1) theirsAt = (mineAt + 2) % count
        if (theirsAt === mineAt) return
        const edit = (at: number, to: string) => base.map((word, i) => (i === at ? to : word)).join(' ')
        const suffix = multiLine ? '\nsecond line\n' : ''
        const result = mergeText(
          base.join(' ') + suffix,
          edit(mineAt, 'MINE') + suffix,
          edit(theirsAt, 'THEIRS') + suffix,
        )
        expect(result.clean).toBe(true)
        expect(result.merged).toBe(
          base.map((word, i) => (i === mineAt ? 'MINE' : i === theirsAt ? 'THEIRS' : word)).join(' ') +
            suffix,
        )
      }),
      RUNS,
    )
  })

  it('long texts (cut at anchors) are symmetric too', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom('distinct' as const, 'repetitive' as const),
        (seed, style) => {
          const [input] = generateCases(seed, 1, style, 1_500, 30)
          if (!input) return
          const forward = mergeText(input.base, input.mine, input.theirs, {
            granularity: 'line',
            refine: false,
          })
          const backward = mergeText(input.base, input.theirs, input.mine, {
            granularity: 'line',
            refine: false,
          })
          expect(backward.hunks).toEqual(
            forward.hunks.map((hunk) =>
              hunk.kind === 'conflict' ? { ...hunk, mine: hunk.theirs, theirs: hunk.mine } : hunk,
            ),
          )
        },
      ),
      { numRuns: 60 },
    )
  })
})
