/**
 * mergeValues against jsondiffpatch (diff base → theirs, then patch mine), in the same run.
 *
 * Records of 10 to 10,000 fields (strings and numbers, every tenth field a small nested object),
 * with about 1% of the fields changed by each side (at least one), at different places. Prints
 * medians (ms) and ratios; asserts only that both produce the same merged record.
 *
 * jsondiffpatch's `patch` changes its target in place. Two columns: "patch in place" gets a fresh
 * copy of mine for every call made outside the timed part (the most generous reading of "diff base
 * → theirs, patch mine"); "+ copy" times the copy too (`clone(mine)`), which is the like-for-like
 * comparison, since mergeValues leaves mine untouched and returns a new value.
 *
 * Run: npx vitest run --config vitest.bench.config.ts --project bench-node bench/merge-values
 */
import { create } from 'jsondiffpatch'
import { expect, it } from 'vitest'
import { mergeValues } from '../src/core/merge/index'
import { measure } from '../test/merge/measure'

type Field = string | number | { street: string; zip: number }
type Row = Record<string, Field>

function record(fields: number): Row {
  const row: Row = {}
  for (let i = 0; i < fields; i++) {
    row[`field${i}`] = i % 10 === 9 ? { street: `street ${i}`, zip: i } : i % 2 === 0 ? `value ${i}` : i
  }
  return row
}

function withEdits(base: Row, side: string, every: number, offset: number): Row {
  const edited: Row = structuredClone(base)
  const keys = Object.keys(base)
  for (let i = offset; i < keys.length; i += every) {
    const key = keys[i] as string
    const value = base[key]
    edited[key] = typeof value === 'object' ? { ...value, street: `${side} street` } : `${side} ${i}`
  }
  return edited
}

const differ = create()
const rows: Record<string, string | number>[] = []

it.each([10, 100, 1_000, 10_000])('records of %i fields', (fields) => {
  const base = record(fields)
  const every = Math.max(2, Math.round(fields / Math.max(1, fields / 100)))
  const mine = withEdits(base, 'mine', every, 0)
  const theirs = withEdits(base, 'theirs', every, Math.floor(every / 2))

  const ours = mergeValues(base, mine, theirs)
  expect(ours.conflicts).toEqual([])
  const reference = differ.patch(structuredClone(mine), differ.diff(base, theirs))
  expect(ours.merged).toEqual(reference)

  const copies: Row[] = []
  const medians = measure(
    {
      mergeValues: () => mergeValues(base, mine, theirs),
      jsondiffpatch: {
        prepare: (calls) => {
          copies.length = 0
          for (let i = 0; i < calls; i++) copies.push(structuredClone(mine))
        },
        run: () => differ.patch(copies.pop(), differ.diff(base, theirs)),
      },
      // Like for like: mergeValues leaves mine untouched, so does this (copy, then patch the copy).
      'jsondiffpatch + copy': () => differ.patch(differ.clone(mine), differ.diff(base, theirs)),
    },
    fields >= 10_000 ? 21 : 41,
  )
  const oursMs = medians.mergeValues as number
  const peerMs = medians.jsondiffpatch as number
  const peerCopyMs = medians['jsondiffpatch + copy'] as number
  rows.push({
    case: `${fields.toLocaleString('en')} fields`,
    'changed per side': Object.keys(base).filter(
      (key) => JSON.stringify(mine[key]) !== JSON.stringify(base[key]),
    ).length,
    'mergeValues ms': Number(oursMs.toFixed(4)),
    'jsondiffpatch ms (patch in place)': Number(peerMs.toFixed(4)),
    'ratio (in place)': Number((peerMs / oursMs).toFixed(2)),
    'jsondiffpatch + copy ms': Number(peerCopyMs.toFixed(4)),
    'ratio (+ copy)': Number((peerCopyMs / oursMs).toFixed(2)),
  })
})

it('prints the table', () => {
  console.log(
    '\nmergeValues vs jsondiffpatch diff(base, theirs) + patch(mine) (median ms; ratio = jsondiffpatch / mergeValues, > 1 means mergeValues is faster)',
  )
  console.table(rows)
  expect(rows).toHaveLength(4)
})
