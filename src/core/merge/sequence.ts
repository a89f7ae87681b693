/**
 * Three-way merge of sequences (lines, words, array items) with the npm package `diff3`.
 *
 * Before diffing, the parts every side shares at the start and at the end are set aside, and the
 * remaining items are interned to small integers, so the O(NP) comparison inside `diff3` compares
 * numbers instead of strings or objects. `diff3` runs in strict mode through the build plugin in
 * `build/diff3-strict.ts` (see the README: the published package fails in ES-module bundles).
 */
import diff3Merge from 'diff3'

/** One run of a sequence merge, in order. */
export type SequenceBlock<T> =
  /** Items every side agrees on, or that only one side changed. */
  | { readonly kind: 'stable'; readonly items: readonly T[] }
  /** A region both sides changed differently: each side's items. */
  | { readonly kind: 'conflict'; readonly base: readonly T[]; readonly mine: readonly T[]; readonly theirs: readonly T[] }

/**
 * Merges `mine` and `theirs`, both derived from `base`. `keyOf` maps an item to a `Map` key
 * (items with the same key are the same item; default: the item itself). Stable items are taken
 * from mine where mine has them (so they keep their identity).
 */
export function mergeSequences<T>(
  base: readonly T[],
  mine: readonly T[],
  theirs: readonly T[],
  keyOf?: (item: T) => unknown,
): SequenceBlock<T>[] {
  const baseKeys: readonly unknown[] = keyOf ? base.map(keyOf) : base
  const mineKeys: readonly unknown[] = keyOf ? mine.map(keyOf) : mine
  const theirsKeys: readonly unknown[] = keyOf ? theirs.map(keyOf) : theirs

  // The common prefix and suffix of all three sides.
  const shortest = Math.min(baseKeys.length, mineKeys.length, theirsKeys.length)
  let prefix = 0
  while (prefix < shortest && sameKey(baseKeys[prefix], mineKeys[prefix]) && sameKey(baseKeys[prefix], theirsKeys[prefix])) prefix++
  let suffix = 0
  while (
    suffix < shortest - prefix &&
    sameKey(baseKeys[baseKeys.length - 1 - suffix], mineKeys[mineKeys.length - 1 - suffix]) &&
    sameKey(baseKeys[baseKeys.length - 1 - suffix], theirsKeys[theirsKeys.length - 1 - suffix])
  ) {
    suffix++
  }

  const blocks: SequenceBlock<T>[] = []
  const stable: T[] = mine.slice(0, prefix)

  const baseEnd = baseKeys.length - suffix
  const mineEnd = mineKeys.length - suffix
  const theirsEnd = theirsKeys.length - suffix
  if (prefix < baseEnd || prefix < mineEnd || prefix < theirsEnd) {
    // Intern the middle: equal keys get equal small integers. Representatives come from mine first.
    const ids = new Map<unknown, number>()
    const representatives: T[] = []
    const intern = (keys: readonly unknown[], items: readonly T[], end: number): number[] => {
      const out = new Array<number>(end - prefix)
      for (let i = prefix; i < end; i++) {
        const key = keys[i]
        let id = ids.get(key)
        if (id === undefined) {
          id = representatives.length
          ids.set(key, id)
          representatives.push(items[i] as T)
        }
        out[i - prefix] = id
      }
      return out
    }
    const mineIds = intern(mineKeys, mine, mineEnd)
    const theirsIds = intern(theirsKeys, theirs, theirsEnd)
    const baseIds = intern(baseKeys, base, baseEnd)

    for (const block of diff3Merge(mineIds, baseIds, theirsIds)) {
      if ('ok' in block) {
        for (const id of block.ok) stable.push(representatives[id] as T)
      } else {
        const { a, aIndex, o, oIndex, b, bIndex } = block.conflict
        if (stable.length > 0) blocks.push({ kind: 'stable', items: stable.splice(0) })
        blocks.push({
          kind: 'conflict',
          base: base.slice(prefix + oIndex, prefix + oIndex + o.length),
          mine: mine.slice(prefix + aIndex, prefix + aIndex + a.length),
          theirs: theirs.slice(prefix + bIndex, prefix + bIndex + b.length),
        })
      }
    }
  }
  for (let i = mineEnd; i < mine.length; i++) stable.push(mine[i] as T)
  if (stable.length > 0) blocks.push({ kind: 'stable', items: stable })
  return blocks
}

function sameKey(a: unknown, b: unknown): boolean {
  // SameValueZero, like a Map: NaN is NaN.
  return a === b || (a !== a && b !== b)
}
