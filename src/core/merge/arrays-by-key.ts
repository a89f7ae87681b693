/**
 * Arrays of objects matched by a key field (`id` by default): the merge follows each item, not
 * its position.
 *
 * - Items present on both sides merge field by field (their path uses the key: `items[id=7]`).
 * - An item added by one side is kept; an item deleted by one side and unchanged on the other is
 *   removed; deleted by one side and edited on the other is a `delete-vs-edit` conflict (merged
 *   keeps mine: the item stays if mine has it, stays out if mine deleted it).
 * - Order: the key sequences merge with diff3, so one side's moves and inserts apply; where both
 *   sides reordered the same region, mine's order wins and theirs' new items follow it.
 * No item is ever duplicated or dropped.
 */
import { itemRestoreHints, recordChange, type MergeContext } from './context.js'
import type { MatchState } from './patterns.js'
import { isPlainObject, type AnyRecord } from './safe-object.js'
import { mergeSequences } from './sequence.js'
import type { KeySegment, MergeChange } from './types.js'

/** An item key: a string or a finite number. */
export type ItemKey = string | number

/** One side's array and its items by key. */
export interface KeyedSide {
  readonly items: readonly unknown[]
  readonly index: ReadonlyMap<ItemKey, AnyRecord>
}

/** The items of `items` by `field`, or `null` when some item is not an object with a unique string or number key. */
export function indexByKey(items: readonly unknown[], field: string): Map<ItemKey, AnyRecord> | null {
  const index = new Map<ItemKey, AnyRecord>()
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    if (!isPlainObject(item) || !Object.prototype.hasOwnProperty.call(item, field)) return null
    const key = item[field]
    if (typeof key !== 'string' && !(typeof key === 'number' && Number.isFinite(key))) return null
    if (index.has(key)) return null
    index.set(key, item)
  }
  return index
}

/** Merges arrays of keyed objects. */
export function mergeArrayByKey(
  context: MergeContext,
  base: KeyedSide,
  mine: KeyedSide,
  theirs: KeyedSide,
  field: string,
  state: MatchState,
  depth: number,
): unknown {
  const path = context.path
  const changesStart = context.changes.length
  const merged = new Map<ItemKey, unknown>()
  let changed = false

  const mergeItem = (
    key: ItemKey,
    mineItem: AnyRecord | undefined,
    theirsItem: AnyRecord | undefined,
  ): void => {
    const segment: KeySegment = { key, field }
    const itemState = context.rules === null ? null : context.rules.step(state, segment)
    const conflictCount = context.conflicts.length
    path.push(segment)
    const value = context.mergeAt(context, base.index.get(key), mineItem, theirsItem, itemState, depth + 1)
    path.pop()
    if (mineItem === undefined && context.conflicts.length > conflictCount) {
      // Mine deleted an item theirs edited: remember where theirs has it, in case the choice brings it back.
      const conflict = context.conflicts[context.conflicts.length - 1]
      if (conflict && conflict.path.length === path.length + 1)
        itemRestoreHints.set(conflict, { theirs: theirs.items, field })
    }
    if (value !== undefined) merged.set(key, value)
    if (!Object.is(value, mineItem)) changed = true
  }

  for (const [key, mineItem] of mine.index) mergeItem(key, mineItem, theirs.index.get(key))
  for (const [key, theirsItem] of theirs.index)
    if (!mine.index.has(key)) mergeItem(key, undefined, theirsItem)

  const mineKeys = [...mine.index.keys()]
  const order = mergeOrder([...base.index.keys()], mineKeys, [...theirs.index.keys()], merged)
  const sameOrder = order.length === mineKeys.length && order.every((key, i) => key === mineKeys[i])
  if (!changed && sameOrder) return mine.items
  if (!sameOrder && movedByTheirs(order, mineKeys, merged)) {
    // A move taken from theirs: listed before the changes inside the items (document order).
    recordChange(context, base.items, theirs.items)
    context.changes.splice(changesStart, 0, context.changes.pop() as MergeChange)
  }
  return order.map((key) => merged.get(key))
}

const START = Symbol('start')

/**
 * The order of the merged items: the key sequences merged with diff3 (mine's order where both
 * sides reordered one region), then every kept item that the sequence merge left out, placed
 * after the item it follows in its own side.
 */
function mergeOrder(
  base: ItemKey[],
  mine: ItemKey[],
  theirs: ItemKey[],
  kept: ReadonlyMap<ItemKey, unknown>,
): ItemKey[] {
  const order: ItemKey[] = []
  const placed = new Set<ItemKey>()
  const place = (key: ItemKey) => {
    if (kept.has(key) && !placed.has(key)) {
      placed.add(key)
      order.push(key)
    }
  }
  for (const block of mergeSequences(base, mine, theirs, (key) => key)) {
    if (block.kind === 'stable') block.items.forEach(place)
    else {
      block.mine.forEach(place)
      block.theirs.forEach(place)
    }
  }
  if (placed.size === kept.size) return order

  // Items the sequence merge dropped (for example an item mine edited in a region theirs rewrote):
  // put each after its predecessor in its own side.
  const after = new Map<ItemKey | typeof START, ItemKey[]>()
  const attached = new Set<ItemKey>()
  const attach = (sequence: ItemKey[]) => {
    let anchor: ItemKey | typeof START = START
    for (const key of sequence) {
      if (placed.has(key)) {
        anchor = key
      } else if (kept.has(key) && !attached.has(key)) {
        attached.add(key)
        const list = after.get(anchor)
        if (list) list.push(key)
        else after.set(anchor, [key])
      }
    }
  }
  attach(mine)
  attach(theirs)
  const result: ItemKey[] = [...(after.get(START) ?? [])]
  for (const key of order) {
    result.push(key)
    const list = after.get(key)
    if (list) result.push(...list)
  }
  return result
}

/** True when the merged order differs from mine's among the items both keep (theirs moved something). */
function movedByTheirs(order: ItemKey[], mine: ItemKey[], kept: ReadonlyMap<ItemKey, unknown>): boolean {
  const mineKept = mine.filter((key) => kept.has(key))
  const mineSet = new Set(mineKept)
  const orderMine = order.filter((key) => mineSet.has(key))
  return orderMine.some((key, i) => key !== mineKept[i])
}
