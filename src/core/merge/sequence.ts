/**
 * Three-way merge of sequences (lines, words, array items) with the npm package `diff3`.
 *
 * Speed without changing answers:
 * 1. The items every side shares at the start are set aside first.
 * 2. Long middles (over `ANCHOR_THRESHOLD` items) are cut at anchors, items that occur once in
 *    each side in the same order (`anchors.ts`), into short independent merges. diff3's O(NP)
 *    comparison costs about length × edits; cutting makes it about linear. Values (`keyOf`) are
 *    interned to small integers; text tokens are compared as strings and only sampled anchor
 *    candidates are hashed (hashing every line cost more than the diff it saves).
 * 3. A piece that only one side changed (or both changed the same way) needs no diff at all.
 * Short middles go to `diff3` unchanged, so their alignment is exactly diff3's.
 *
 * `diff3` runs in strict mode through the build plugin in `build/diff3-strict.ts` (the published
 * package assigns an undeclared variable, which throws in every ES-module bundle).
 */
import diff3Merge from 'diff3'
import { ArrayTokens, findAnchors, findTokenAnchors, type Anchor } from './anchors.js'

/** Middles longer than this (items, on any side) are cut at anchors before diffing. */
export const ANCHOR_THRESHOLD = 400

/** One run of a sequence merge, in order. */
export type SequenceBlock<T> =
  /** Items every side agrees on, or that only one side changed. */
  | { readonly kind: 'stable'; readonly items: readonly T[] }
  /** A region both sides changed differently: each side's items. */
  | {
      readonly kind: 'conflict'
      readonly base: readonly T[]
      readonly mine: readonly T[]
      readonly theirs: readonly T[]
    }

interface Sides<T> {
  readonly base: readonly T[]
  readonly mine: readonly T[]
  readonly theirs: readonly T[]
  /** Comparable keys per side (`===`): the items themselves, or interned ids. */
  baseKeys: readonly unknown[]
  mineKeys: readonly unknown[]
  theirsKeys: readonly unknown[]
  /** The item for a key found in a diff3 result. */
  item: (key: unknown) => T
}

/** Collects stable items and conflicts in order. */
class BlockBuilder<T> {
  readonly blocks: SequenceBlock<T>[] = []
  private stable: T[] = []

  pushStable(items: readonly T[], start: number, end: number): void {
    for (let i = start; i < end; i++) this.stable.push(items[i] as T)
  }

  pushItem(item: T): void {
    this.stable.push(item)
  }

  pushConflict(base: readonly T[], mine: readonly T[], theirs: readonly T[]): void {
    this.flush()
    this.blocks.push({ kind: 'conflict', base, mine, theirs })
  }

  flush(): void {
    if (this.stable.length > 0) this.blocks.push({ kind: 'stable', items: this.stable })
    this.stable = []
  }
}

/**
 * Merges `mine` and `theirs`, both derived from `base`. Without `keyOf` the items must be strings
 * (text tokens), compared with `===`; with it, items are compared by `keyOf(item)` as a `Map` key
 * (equal keys are the same item). Stable items come from the side that has them, mine first.
 */
export function mergeSequences<T>(
  base: readonly T[],
  mine: readonly T[],
  theirs: readonly T[],
  keyOf?: (item: T) => unknown,
): SequenceBlock<T>[] {
  const sides: Sides<T> = {
    base,
    mine,
    theirs,
    baseKeys: base,
    mineKeys: mine,
    theirsKeys: theirs,
    item: (key) => key as T,
  }
  let idCount = -1
  if (keyOf) idCount = internSides(sides, (item) => keyOf(item))

  const { baseKeys, mineKeys, theirsKeys } = sides
  const shortest = Math.min(baseKeys.length, mineKeys.length, theirsKeys.length)
  let prefix = 0
  while (
    prefix < shortest &&
    baseKeys[prefix] === mineKeys[prefix] &&
    baseKeys[prefix] === theirsKeys[prefix]
  )
    prefix++
  // The shared end is not set aside (see lines.ts): changes may slide into it, and diff3 places
  // them as late as possible, as git does.
  const baseEnd = base.length
  const mineEnd = mine.length
  const theirsEnd = theirs.length

  const out = new BlockBuilder<T>()
  out.pushStable(mine, 0, prefix)
  if (Math.max(baseEnd, mineEnd, theirsEnd) - prefix > ANCHOR_THRESHOLD) {
    const anchors =
      idCount >= 0
        ? findAnchors(
            sides.baseKeys.slice(prefix, baseEnd) as number[],
            sides.mineKeys.slice(prefix, mineEnd) as number[],
            sides.theirsKeys.slice(prefix, theirsEnd) as number[],
            idCount,
          )
        : findTokenAnchors(
            new ArrayTokens(base as readonly unknown[] as string[]),
            prefix,
            baseEnd,
            new ArrayTokens(mine as readonly unknown[] as string[]),
            prefix,
            mineEnd,
            new ArrayTokens(theirs as readonly unknown[] as string[]),
            prefix,
            theirsEnd,
          )
    mergeAnchored(sides, out, anchors, prefix, baseEnd, mineEnd, theirsEnd)
  } else {
    mergeRange(sides, out, prefix, baseEnd, prefix, mineEnd, prefix, theirsEnd)
  }
  out.flush()
  return out.blocks
}

/** Replaces the keys of all sides with small integer ids; returns how many ids there are. */
function internSides<T>(sides: Sides<T>, keyOf: (item: T) => unknown): number {
  const ids = new Map<unknown, number>()
  const items: T[] = []
  const intern = (list: readonly T[]): number[] => {
    const out: number[] = []
    for (let i = 0; i < list.length; i++) {
      const item = list[i] as T
      const key = keyOf(item)
      let id = ids.get(key)
      if (id === undefined) {
        id = items.length
        ids.set(key, id)
        items.push(item)
      }
      out.push(id)
    }
    return out
  }
  sides.mineKeys = intern(sides.mine)
  sides.theirsKeys = intern(sides.theirs)
  sides.baseKeys = intern(sides.base)
  sides.item = (id) => items[id as number] as T
  return items.length
}

/** Merges the pieces between anchors (positions relative to `start`); anchors are stable. */
function mergeAnchored<T>(
  sides: Sides<T>,
  out: BlockBuilder<T>,
  anchors: readonly Anchor[],
  start: number,
  baseEnd: number,
  mineEnd: number,
  theirsEnd: number,
): void {
  let b = start
  let m = start
  let t = start
  for (const [anchorBase, anchorMine, anchorTheirs] of anchors) {
    mergeRange(sides, out, b, start + anchorBase, m, start + anchorMine, t, start + anchorTheirs)
    out.pushItem(sides.mine[start + anchorMine] as T)
    b = start + anchorBase + 1
    m = start + anchorMine + 1
    t = start + anchorTheirs + 1
  }
  mergeRange(sides, out, b, baseEnd, m, mineEnd, t, theirsEnd)
}

function sameRange(
  a: readonly unknown[],
  aStart: number,
  aEnd: number,
  b: readonly unknown[],
  bStart: number,
  bEnd: number,
): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false
  for (let i = 0; i < aEnd - aStart; i++) if (a[aStart + i] !== b[bStart + i]) return false
  return true
}

/** Merges one piece: directly when at most one side changed it, else with diff3. */
function mergeRange<T>(
  sides: Sides<T>,
  out: BlockBuilder<T>,
  baseStart: number,
  baseEnd: number,
  mineStart: number,
  mineEnd: number,
  theirsStart: number,
  theirsEnd: number,
): void {
  const { baseKeys, mineKeys, theirsKeys } = sides
  if (sameRange(baseKeys, baseStart, baseEnd, mineKeys, mineStart, mineEnd)) {
    out.pushStable(sides.theirs, theirsStart, theirsEnd)
    return
  }
  if (
    sameRange(baseKeys, baseStart, baseEnd, theirsKeys, theirsStart, theirsEnd) ||
    sameRange(mineKeys, mineStart, mineEnd, theirsKeys, theirsStart, theirsEnd)
  ) {
    out.pushStable(sides.mine, mineStart, mineEnd)
    return
  }
  const blocks = diff3Merge(
    mineKeys.slice(mineStart, mineEnd),
    baseKeys.slice(baseStart, baseEnd),
    theirsKeys.slice(theirsStart, theirsEnd),
  )
  for (const block of blocks) {
    if ('ok' in block) {
      for (const key of block.ok) out.pushItem(sides.item(key))
    } else {
      const { a, aIndex, o, oIndex, b, bIndex } = block.conflict
      out.pushConflict(
        sides.base.slice(baseStart + oIndex, baseStart + oIndex + o.length),
        sides.mine.slice(mineStart + aIndex, mineStart + aIndex + a.length),
        sides.theirs.slice(theirsStart + bIndex, theirsStart + bIndex + b.length),
      )
    }
  }
}
