/**
 * mergeText against raw `diff3` and a `git merge-file` process, in the same run.
 *
 * Texts of 100 to 100,000 lines with about 1% of the lines edited per side (replaced, inserted or
 * deleted, at random places), and a 4,000-word single-paragraph text with about 1% of the words
 * edited per side. Prints medians (ms) and ratios; asserts nothing about time.
 *
 * Run: npx vitest run --config vitest.bench.config.ts --project bench-node bench/merge-text
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import diff3Merge from 'diff3'
import { afterAll, expect, it } from 'vitest'
import { mergeText } from '../src/core/merge/index'
import { measure, type Contender } from '../test/merge/measure'
import { seededRandom } from '../test/support/random'

const WORDS =
  'the of and to in is was for on that with as by at from his her they be this are or an which one had not but all were'.split(
    ' ',
  )

function sentence(random: () => number, words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)] as string)
  return out.join(' ')
}

/** A text of `lines` lines (some blank, like prose or code) and two edits of ~1% of the lines each. */
function lineCase(lines: number, seed: number) {
  const random = seededRandom(seed)
  const base: string[] = []
  for (let i = 0; i < lines; i++) base.push(i % 10 === 9 ? '' : `${i}: ${sentence(random, 6)}`)
  const edit = (side: string) => {
    const out = base.slice()
    const edits = Math.max(1, Math.round(lines / 100))
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * out.length)
      const kind = Math.floor(random() * 3)
      if (kind === 0) out[at] = `${side} ${e}: ${sentence(random, 5)}`
      else if (kind === 1) out.splice(at, 0, `${side} added ${e}`)
      else out.splice(at, 1)
    }
    return out
  }
  return {
    base: `${base.join('\n')}\n`,
    mine: `${edit('mine').join('\n')}\n`,
    theirs: `${edit('theirs').join('\n')}\n`,
  }
}

/**
 * Prose of `words` words and two edits of ~1% of the words each. Words follow Zipf's law over a
 * 5,000-word vocabulary (as natural language does: a few very common words, many rare ones).
 */
function wordCase(words: number, seed: number) {
  const random = seededRandom(seed)
  const vocabulary = Array.from({ length: 5_000 }, (_, i) => `w${i.toString(36)}`)
  const weights = vocabulary.map((_, i) => 1 / (i + 1))
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  const cumulative: number[] = []
  let running = 0
  for (const weight of weights) cumulative.push((running += weight / total))
  const pick = () => {
    const target = random()
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if ((cumulative[middle] as number) < target) low = middle + 1
      else high = middle
    }
    return vocabulary[low] as string
  }
  const base = Array.from({ length: words }, pick)
  const edit = (side: string) => {
    const out = base.slice()
    for (let e = 0; e < Math.round(words / 100); e++) out[Math.floor(random() * out.length)] = `${side}${e}`
    return out.join(' ')
  }
  return { base: base.join(' '), mine: edit('mine'), theirs: edit('theirs') }
}

/** What a user of raw diff3 writes: split, merge, join the stable blocks. */
function rawDiff3(
  base: string,
  mine: string,
  theirs: string,
  split: (text: string) => string[],
  joiner: string,
): string | undefined {
  const blocks = diff3Merge(split(mine), split(base), split(theirs))
  const parts: string[] = []
  for (const block of blocks) {
    if ('conflict' in block) return undefined
    parts.push(block.ok.join(joiner))
  }
  return parts.join(joiner)
}

const hasGit = spawnSync('git', ['--version']).status === 0
const dir = mkdtempSync(join(tmpdir(), 'conflict-safe-bench-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const rows: Record<string, string | number>[] = []
const fmt = (ms: number) => Number(ms.toFixed(3))

it.each([100, 1_000, 10_000, 100_000])('line merge of %i lines', (lines) => {
  const { base, mine, theirs } = lineCase(lines, lines)
  const samples = lines >= 100_000 ? 7 : lines >= 10_000 ? 15 : 31
  const ours = mergeText(base, mine, theirs)
  const lineSplit = (text: string) => text.split('\n')
  const raw = rawDiff3(base, mine, theirs, lineSplit, '\n')
  // Same inputs, same answer (where raw diff3 is clean, so are we, with the same text).
  if (raw !== undefined) expect(ours.merged).toBe(raw)

  const contenders: Record<string, Contender> = {
    mergeText: () => mergeText(base, mine, theirs),
    raw: () => rawDiff3(base, mine, theirs, lineSplit, '\n'),
  }
  if (hasGit) {
    for (const [name, text] of Object.entries({ base, mine, theirs })) writeFileSync(join(dir, name), text)
    const args = ['merge-file', '-p', join(dir, 'mine'), join(dir, 'base'), join(dir, 'theirs')]
    contenders.git = () => {
      try {
        execFileSync('git', args, { maxBuffer: 1 << 30 })
      } catch {
        // exit code = number of conflicts; the time is what counts here
      }
    }
  }
  const medians = measure(contenders, samples)
  const oursMs = medians.mergeText as number
  const rawMs = medians.raw as number
  const gitMs = medians.git ?? Number.NaN
  rows.push({
    case: `${lines.toLocaleString('en')} lines`,
    'mergeText ms': fmt(oursMs),
    'raw diff3 ms': fmt(rawMs),
    'git merge-file ms': hasGit ? fmt(gitMs) : 'no git',
    'mergeText / raw diff3': Number((oursMs / rawMs).toFixed(2)),
    'git / mergeText': hasGit ? Number((gitMs / oursMs).toFixed(2)) : '-',
    clean: String(ours.clean),
  })
})

it('word merge of a 4,000-word paragraph', () => {
  const { base, mine, theirs } = wordCase(4_000, 4)
  const ours = mergeText(base, mine, theirs)
  const wordSplit = (text: string) => text.split(/(\s+)/)
  const medians = measure(
    {
      mergeText: () => mergeText(base, mine, theirs),
      raw: () => rawDiff3(base, mine, theirs, wordSplit, ''),
    },
    31,
  )
  const oursMs = medians.mergeText as number
  const rawMs = medians.raw as number
  rows.push({
    case: '4,000 words (word level)',
    'mergeText ms': fmt(oursMs),
    'raw diff3 ms': fmt(rawMs),
    'git merge-file ms': 'n/a (lines only)',
    'mergeText / raw diff3': Number((oursMs / rawMs).toFixed(2)),
    'git / mergeText': '-',
    clean: String(ours.clean),
  })
})

it('prints the table', () => {
  console.log(
    '\nmergeText vs raw diff3 vs git merge-file (median ms; ratio < 1 means mergeText is faster than raw diff3)',
  )
  console.table(rows)
  expect(rows).toHaveLength(5)
})
