/**
 * Generators for the merge engine's property tests: form-like values (records, arrays of keyed
 * objects, arrays of primitives, dates, NaN, null, undefined, sparse arrays, dangerous keys) and
 * independent random edits of them, as two people would make.
 */
import fc from 'fast-check'
import { setOwn } from '../../src/core/merge/safe-object'
import { seededRandom as randomFrom } from '../support/random'

/** Keys that include the ones attackers use. */
export const KEYS = ['a', 'b', 'c', 'title', '__proto__', 'constructor', 'prototype', 'toString'] as const

/** A random source seeded by fast-check, so failures shrink and replay. */
export type Random = () => number

const scalars: readonly (() => unknown)[] = [
  () => null,
  () => undefined,
  () => true,
  () => false,
  () => 0,
  () => 1,
  () => -1,
  () => Number.NaN,
  () => 'x',
  () => 'y',
  () => 'z',
  () => '',
  () => new Date(0),
  () => new Date(86_400_000),
]

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

function randomScalar(random: Random): unknown {
  return pick(random, scalars)()
}

/** A deep copy that keeps own `__proto__` keys as data, holes as holes, dates as dates. */
export function clone<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (Array.isArray(value)) {
    const copy = new Array(value.length)
    for (let i = 0; i < value.length; i++) if (i in value) copy[i] = clone(value[i])
    return copy as T
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {}
    for (const key of Object.keys(value)) setOwn(copy, key, clone((value as Record<string, unknown>)[key]))
    return copy as T
  }
  return value
}

/** A random form-like value. */
export function randomValue(random: Random, depth: number): unknown {
  const roll = random()
  if (depth <= 0 || roll < 0.35) return randomScalar(random)
  if (roll < 0.65) {
    const record: Record<string, unknown> = {}
    const size = Math.floor(random() * 5)
    for (let i = 0; i < size; i++) setOwn(record, pick(random, KEYS), randomValue(random, depth - 1))
    return record
  }
  if (roll < 0.85) {
    const ids = [0, 1, 2, 3, 4, 5].filter(() => random() < 0.5)
    return ids.map((id) => ({ id, v: randomValue(random, depth - 2), w: randomScalar(random) }))
  }
  const list: unknown[] = []
  const size = Math.floor(random() * 6)
  for (let i = 0; i < size; i++) list.push(randomScalar(random))
  // Now and then a sparse array.
  if (list.length > 2 && random() < 0.2) delete list[1]
  return list
}

function isKeyedList(value: unknown): value is Array<{ id: number } & Record<string, unknown>> {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (item) =>
        item !== null && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'number',
    )
  )
}

/** One person's edit of `value`: changes, deletions, additions, moves, nested. */
export function randomEdit(random: Random, value: unknown, side: 'mine' | 'theirs', depth = 4): unknown {
  if (random() < 0.45) return clone(value)
  if (isKeyedList(value)) {
    let items = value.map((item) =>
      random() < 0.3 ? (randomEdit(random, item, side, depth - 1) as typeof item) : clone(item),
    )
    items = items.filter(() => random() > 0.2)
    if (random() < 0.4) {
      // New items: ids private to each side, and one id both sides may add.
      const id =
        random() < 0.5 ? 9 : side === 'mine' ? 10 + Math.floor(random() * 3) : 20 + Math.floor(random() * 3)
      if (!items.some((item) => item.id === id))
        items.splice(Math.floor(random() * (items.length + 1)), 0, {
          id,
          v: randomScalar(random),
          w: randomScalar(random),
        })
    }
    if (items.length > 1 && random() < 0.3) {
      const [moved] = items.splice(Math.floor(random() * items.length), 1)
      items.splice(Math.floor(random() * (items.length + 1)), 0, moved as (typeof items)[number])
    }
    return items
  }
  if (Array.isArray(value)) {
    const list: unknown[] = Array.from(value, clone)
    const edits = 1 + Math.floor(random() * 2)
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * (list.length + 1))
      const kind = random()
      if (kind < 0.33) list.splice(at, 0, randomScalar(random))
      else if (kind < 0.66) list.splice(at, 1)
      else if (at < list.length) list[at] = randomScalar(random)
    }
    return list
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const record: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key]
      const roll = random()
      if (roll < 0.15) continue // deleted
      setOwn(record, key, roll < 0.5 && depth > 0 ? randomEdit(random, child, side, depth - 1) : clone(child))
    }
    if (random() < 0.3) setOwn(record, pick(random, KEYS), randomValue(random, 1))
    return record
  }
  return random() < 0.7 ? randomScalar(random) : randomValue(random, 2)
}

/** A base value and two independent edits of it. */
export interface ValueTriple {
  readonly base: unknown
  readonly mine: unknown
  readonly theirs: unknown
}

/** fast-check arbitrary of `{ base, mine, theirs }` (seeded, replayable). */
export const valueTriple: fc.Arbitrary<ValueTriple> = fc
  .tuple(fc.integer(), fc.integer(), fc.integer())
  .map(([a, b, c]) => {
    const base = randomValue(randomFrom(a), 4)
    return {
      base,
      mine: randomEdit(randomFrom(b), base, 'mine'),
      theirs: randomEdit(randomFrom(c), base, 'theirs'),
    }
  })

/** A record of leaves (nested one level) and two edits that touch chosen leaves only. */
export interface LeafEdits {
  readonly base: Record<string, Record<string, unknown>>
  readonly mine: Record<string, Record<string, unknown>>
  readonly theirs: Record<string, Record<string, unknown>>
  /** `group.leaf` → what each side did to it. */
  readonly touched: ReadonlyMap<string, { readonly mine: boolean; readonly theirs: boolean }>
}

export const leafEdits: fc.Arbitrary<LeafEdits> = fc.integer().map((seed) => {
  const random = randomFrom(seed)
  const base: Record<string, Record<string, unknown>> = {}
  const mine: Record<string, Record<string, unknown>> = {}
  const theirs: Record<string, Record<string, unknown>> = {}
  const touched = new Map<string, { mine: boolean; theirs: boolean }>()
  for (const group of ['g0', 'g1', 'g2']) {
    base[group] = {}
    mine[group] = {}
    theirs[group] = {}
    for (const leaf of ['f0', 'f1', 'f2', 'f3']) {
      const value = Math.floor(random() * 3)
      base[group][leaf] = value
      const mineTouches = random() < 0.35
      const theirsTouches = random() < 0.35
      // A touch changes the value (sometimes to the same new value on both sides) or deletes it.
      const changed = () => (random() < 0.15 ? undefined : value + 1 + Math.floor(random() * 2))
      const mineValue = mineTouches ? changed() : value
      const theirsValue = theirsTouches ? (mineTouches && random() < 0.3 ? mineValue : changed()) : value
      if (mineValue !== undefined) mine[group][leaf] = mineValue
      if (theirsValue !== undefined) theirs[group][leaf] = theirsValue
      touched.set(`${group}.${leaf}`, { mine: mineTouches, theirs: theirsTouches })
    }
  }
  return { base, mine, theirs, touched }
})
