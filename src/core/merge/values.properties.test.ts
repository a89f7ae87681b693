/**
 * The properties the merge must hold, checked on thousands of generated cases (fast-check).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clone, leafEdits, valueTriple } from '../../../test/merge/arbitraries.js'
import { deepEqual } from './equal.js'
import { formatPath, isKeySegment } from './paths.js'
import { resolve } from './resolve.js'
import { mergeValues } from './values.js'
import type { MergeConflict, Path } from './types.js'

const RUNS = { numRuns: Number(process.env.MERGE_PROPERTY_RUNS ?? 1_000) }

/** The value at `path` (item keys looked up by their field), or undefined. */
function valueAt(root: unknown, path: Path): unknown {
  let node = root
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined
    if (isKeySegment(segment)) {
      if (!Array.isArray(node)) return undefined
      node = node.find(
        (item) =>
          item !== null &&
          typeof item === 'object' &&
          Object.prototype.hasOwnProperty.call(item, segment.field ?? 'id') &&
          (item as Record<string, unknown>)[segment.field ?? 'id'] === segment.key,
      )
    } else {
      node = Object.prototype.hasOwnProperty.call(node, segment)
        ? (node as Record<string | number, unknown>)[segment]
        : undefined
    }
  }
  return node
}

describe('property 1: when one side changed nothing, the other side is the answer', () => {
  it('mine equal to base → merged equals theirs, no conflicts', () => {
    fc.assert(
      fc.property(valueTriple, ({ base, theirs }) => {
        const result = mergeValues(base, clone(base), theirs)
        expect(result.conflicts).toEqual([])
        expect(deepEqual(result.merged, theirs)).toBe(true)
        expect(result.merged).toEqual(theirs)
      }),
      RUNS,
    )
  })

  it('theirs equal to base → merged equals mine, no conflicts, no changes', () => {
    fc.assert(
      fc.property(valueTriple, ({ base, mine }) => {
        const result = mergeValues(base, mine, clone(base))
        expect(result.conflicts).toEqual([])
        expect(result.changes).toEqual([])
        expect(deepEqual(result.merged, mine)).toBe(true)
      }),
      RUNS,
    )
  })

  it('mine equal to theirs → merged equals mine, no conflicts', () => {
    fc.assert(
      fc.property(valueTriple, ({ base, mine }) => {
        const result = mergeValues(base, mine, clone(mine))
        expect(result.conflicts).toEqual([])
        expect(deepEqual(result.merged, mine)).toBe(true)
      }),
      RUNS,
    )
  })
})

describe('property 2: one side changed → that side; both alike → fine; both differently → conflict', () => {
  it('holds for every leaf of a record', () => {
    fc.assert(
      fc.property(leafEdits, ({ base, mine, theirs, touched }) => {
        const result = mergeValues(base, mine, theirs)
        const conflictIds = new Set(result.conflicts.map((conflict) => conflict.id))
        const merged = result.merged as Record<string, Record<string, unknown>>
        for (const [id, by] of touched) {
          const [group, leaf] = id.split('.') as [string, string]
          const value = {
            base: base[group]?.[leaf],
            mine: mine[group]?.[leaf],
            theirs: theirs[group]?.[leaf],
          }
          const got = merged[group]?.[leaf]
          if (by.mine && by.theirs && value.mine !== value.theirs) {
            expect(conflictIds.has(id)).toBe(true)
            expect(got).toBe(value.mine) // merged keeps mine
          } else {
            expect(conflictIds.has(id)).toBe(false)
            expect(got).toBe(by.theirs ? value.theirs : value.mine)
          }
        }
        // Every conflict is at a touched leaf.
        for (const conflict of result.conflicts)
          expect(touched.get(conflict.id)).toEqual({ mine: true, theirs: true })
      }),
      RUNS,
    )
  })

  it('every reported conflict is a place both sides changed, differently; merged holds mine there', () => {
    fc.assert(
      fc.property(valueTriple, ({ base, mine, theirs }) => {
        const result = mergeValues(base, mine, theirs)
        for (const conflict of result.conflicts) {
          expect(deepEqual(conflict.mine, conflict.theirs)).toBe(false)
          expect(deepEqual(conflict.base, conflict.mine)).toBe(false)
          expect(deepEqual(conflict.base, conflict.theirs)).toBe(false)
          expect(deepEqual(valueAt(result.merged, conflict.path), conflict.mine)).toBe(true)
          expect(conflict.id).toBe(formatPath(conflict.path))
        }
        expect(new Set(result.conflicts.map((conflict) => conflict.id)).size).toBe(result.conflicts.length)
      }),
      RUNS,
    )
  })
})

describe('property 3: arrays of objects merge by key', () => {
  interface Item {
    id: number
    a: number
    b: number
  }
  const keyedCase = fc
    .tuple(fc.integer(), fc.integer(), fc.integer())
    .map(([seedBase, seedMine, seedTheirs]) => {
      const make = (seed: number) => {
        let state = seed >>> 0
        return () => {
          state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0
          return state / 4294967296
        }
      }
      const baseRandom = make(seedBase)
      const base: Item[] = Array.from({ length: 1 + Math.floor(baseRandom() * 7) }, (_, id) => ({
        id,
        a: 0,
        b: 0,
      }))
      const edit = (random: () => number, side: 'mine' | 'theirs') => {
        let items = base.map((item) => ({ ...item }))
        const deleted = new Set<number>()
        const edited = new Set<number>()
        items = items.filter((item) => (random() < 0.2 ? (deleted.add(item.id), false) : true))
        for (const item of items) {
          if (random() < 0.3) {
            if (side === 'mine') item.a = 1
            else item.b = 1
            edited.add(item.id)
          }
          if (random() < 0.1) {
            item.a = side === 'mine' ? 2 : 3 // same field, different values: a conflict inside the item
            edited.add(item.id)
          }
        }
        const added: number[] = []
        if (random() < 0.5) added.push(side === 'mine' ? 100 : 200)
        if (random() < 0.2) added.push(300) // both may add the same key
        for (const id of added)
          items.splice(Math.floor(random() * (items.length + 1)), 0, { id, a: side === 'mine' ? 5 : 6, b: 0 })
        if (items.length > 1 && random() < 0.4) {
          const [moved] = items.splice(Math.floor(random() * items.length), 1)
          items.splice(Math.floor(random() * (items.length + 1)), 0, moved as Item)
        }
        return { items, deleted, edited, added }
      }
      return { base, mine: edit(make(seedMine), 'mine'), theirs: edit(make(seedTheirs), 'theirs') }
    })

  it('inserts, deletes, moves and edits of different items merge; no item is duplicated or dropped', () => {
    fc.assert(
      fc.property(keyedCase, ({ base, mine, theirs }) => {
        const result = mergeValues({ items: base }, { items: mine.items }, { items: theirs.items })
        const merged = result.merged.items
        const ids = merged.map((item) => item.id)
        expect(new Set(ids).size).toBe(ids.length) // never duplicated

        const expected = new Set<number>()
        const deleteVsEdit = new Set<number>()
        for (const { id } of base) {
          const inMine = !mine.deleted.has(id)
          const inTheirs = !theirs.deleted.has(id)
          if (inMine && inTheirs) expected.add(id)
          else if (inMine && !inTheirs && mine.edited.has(id)) {
            expected.add(id) // theirs deleted, mine edited: conflict, merged keeps mine
            deleteVsEdit.add(id)
          } else if (!inMine && inTheirs && theirs.edited.has(id)) deleteVsEdit.add(id) // mine deleted: stays deleted
        }
        for (const id of [...mine.added, ...theirs.added]) expected.add(id)
        expect(new Set(ids)).toEqual(expected) // never dropped

        const itemConflicts = result.conflicts.filter((conflict) => conflict.path.length === 2)
        expect(new Set(itemConflicts.map((conflict) => (conflict.path[1] as { key: number }).key))).toEqual(
          deleteVsEdit,
        )
        for (const conflict of itemConflicts) expect(conflict.kind).toBe('delete-vs-edit')

        // Items both kept: fields follow the leaf rule.
        for (const item of merged) {
          const fromMine = mine.items.find((candidate) => candidate.id === item.id)
          const fromTheirs = theirs.items.find((candidate) => candidate.id === item.id)
          const fromBase = base.find((candidate) => candidate.id === item.id)
          if (!fromMine || !fromTheirs || !fromBase) continue
          for (const field of ['a', 'b'] as const) {
            const changedMine = fromMine[field] !== fromBase[field]
            const changedTheirs = fromTheirs[field] !== fromBase[field]
            const expectedValue = changedMine
              ? fromMine[field]
              : changedTheirs
                ? fromTheirs[field]
                : fromBase[field]
            expect(item[field]).toBe(expectedValue)
          }
        }
      }),
      RUNS,
    )
  })

  it("applies theirs' moves when mine kept the order", () => {
    fc.assert(
      fc.property(keyedCase, ({ base, theirs }) => {
        const mine = base.map((item) => ({ ...item, a: 7 }))
        const result = mergeValues({ items: base }, { items: mine }, { items: theirs.items })
        const order = result.merged.items.map((item) => item.id)
        const kept = theirs.items.map((item) => item.id).filter((id) => order.includes(id))
        expect(order.filter((id) => kept.includes(id))).toEqual(kept)
      }),
      RUNS,
    )
  })
})

describe('property 4: swapping mine and theirs swaps every conflict; results are deterministic', () => {
  const swapped = (conflict: MergeConflict) => {
    const { mine, theirs, ...rest } = conflict
    const out: Record<string, unknown> = { ...rest, mine: theirs, theirs: mine }
    if (conflict.kind === 'delete-vs-edit') out.deletedBy = conflict.deletedBy === 'mine' ? 'theirs' : 'mine'
    if (conflict.kind === 'text') {
      out.hunks = conflict.hunks.map((hunk) =>
        hunk.kind === 'conflict' ? { ...hunk, mine: hunk.theirs, theirs: hunk.mine } : hunk,
      )
    }
    return out
  }

  it('holds on generated values, with text and set options', () => {
    fc.assert(
      fc.property(valueTriple, ({ base, mine, theirs }) => {
        const options = { text: ['title', '**.title'], set: 'c' }
        const forward = mergeValues(base, mine, theirs, options)
        const backward = mergeValues(base, theirs, mine, options)
        const byId = new Map(backward.conflicts.map((conflict) => [conflict.id, conflict]))
        expect(backward.conflicts.length).toBe(forward.conflicts.length)
        for (const conflict of forward.conflicts) expect(byId.get(conflict.id)).toEqual(swapped(conflict))
        expect(mergeValues(base, mine, theirs, options)).toEqual(forward)
      }),
      RUNS,
    )
  })
})

describe('property 5: structural sharing', () => {
  it('parts of mine that theirs left alone keep their identity', () => {
    fc.assert(
      fc.property(valueTriple, ({ base, mine, theirs }) => {
        const merged = mergeValues(base, mine, theirs).merged
        const walk = (m: unknown, b: unknown, t: unknown, out: unknown): void => {
          if (deepEqual(b, t)) {
            expect(out).toBe(m) // untouched by theirs: the very same value
            return
          }
          if (m === null || typeof m !== 'object' || Array.isArray(m) || m instanceof Date) return
          if (out === null || typeof out !== 'object' || Array.isArray(out)) return
          const own = (o: unknown, key: string) =>
            o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, key)
              ? (o as Record<string, unknown>)[key]
              : undefined
          for (const key of Object.keys(m)) {
            if (!Object.prototype.hasOwnProperty.call(out, key)) continue
            walk(own(m, key), own(b, key), own(t, key), own(out, key))
          }
        }
        walk(mine, base, theirs, merged)
      }),
      RUNS,
    )
  })
})

describe('property 6: untrusted data never reaches Object.prototype', () => {
  it('holds for merges and resolutions of generated values with __proto__, constructor and prototype keys', () => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()
    const originalToString = Object.prototype.toString
    fc.assert(
      fc.property(valueTriple, fc.constantFrom('mine', 'theirs', 'base'), ({ base, mine, theirs }, side) => {
        const result = mergeValues(base, mine, theirs)
        const choices = Object.fromEntries(result.conflicts.map((conflict) => [conflict.id, side]))
        const final = resolve(result, choices)
        for (const value of [result.merged, final]) {
          const stack = [value]
          while (stack.length > 0) {
            const node = stack.pop()
            if (node === null || typeof node !== 'object') continue
            if (!Array.isArray(node) && !(node instanceof Date))
              expect(Object.getPrototypeOf(node)).toBe(Object.prototype)
            for (const key of Object.keys(node)) stack.push((node as Record<string, unknown>)[key])
          }
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys)
        expect(Object.getPrototypeOf({})).toBe(Object.prototype)
        expect(Object.getPrototypeOf(Object.prototype)).toBe(null)
        const inherited: string[] = []
        for (const key in {}) inherited.push(key)
        expect(inherited).toEqual([])
        expect(Object.prototype.toString).toBe(originalToString)
        expect(Object.prototype.constructor).toBe(Object)
      }),
      RUNS,
    )
  })

  it('resolve puts the chosen side at every conflict and keeps the rest of merged', () => {
    fc.assert(
      fc.property(valueTriple, fc.constantFrom('mine', 'theirs', 'base'), ({ base, mine, theirs }, side) => {
        const result = mergeValues(base, mine, theirs)
        const final = resolve(
          result,
          Object.fromEntries(result.conflicts.map((conflict) => [conflict.id, side])),
        )
        for (const conflict of result.conflicts) {
          const chosen = conflict[side]
          expect(deepEqual(valueAt(final, conflict.path), chosen)).toBe(true)
        }
        expect(resolve(result, {})).toBe(result.merged)
      }),
      RUNS,
    )
  })
})
