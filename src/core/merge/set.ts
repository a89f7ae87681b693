/**
 * Arrays at `set` paths: unordered sets of values. Both sides' additions are kept and both sides'
 * removals honoured, so a set merge never conflicts. Order: mine's items, then theirs' additions.
 */
import { recordChange, type MergeContext } from './context.js'
import { deepEqual } from './equal.js'
import { ValueKeys } from './value-keys.js'

/** Merges two arrays as sets (base may be anything; a non-array base is an empty set). */
export function mergeSet(
  context: MergeContext,
  base: unknown,
  mine: readonly unknown[],
  theirs: readonly unknown[],
): unknown {
  if (deepEqual(mine, theirs) || deepEqual(base, theirs)) return mine
  if (deepEqual(base, mine)) {
    recordChange(context, base, theirs)
    return theirs
  }
  const keys = new ValueKeys()
  const baseKeys = new Set(Array.isArray(base) ? (base as readonly unknown[]).map(keys.keyOf) : [])
  const mineKeys = new Set(mine.map(keys.keyOf))
  const theirsKeys = new Set(theirs.map(keys.keyOf))

  const merged: unknown[] = []
  for (const item of mine) {
    const key = keys.keyOf(item)
    if (baseKeys.has(key) && !theirsKeys.has(key)) continue // theirs removed it
    merged.push(item)
  }
  const added = new Set<unknown>()
  for (const item of theirs) {
    const key = keys.keyOf(item)
    if (baseKeys.has(key) || mineKeys.has(key) || added.has(key)) continue
    added.add(key)
    merged.push(item)
  }
  if (merged.length === mine.length && merged.every((item, i) => Object.is(item, mine[i]))) return mine
  recordChange(context, base, theirs)
  return merged
}
