import { describe, expect, it } from 'vitest'
import { MergeError } from './errors.js'
import { mergeValues } from './values.js'

describe('mergeValues', () => {
  describe('given a plain record', () => {
    const base = { title: 'Draft', status: 'open', owner: 'ann' }

    it('takes a field only theirs changed and reports it as a change', () => {
      const result = mergeValues(base, { ...base, title: 'Final' }, { ...base, status: 'closed' })
      expect(result.merged).toEqual({ title: 'Final', status: 'closed', owner: 'ann' })
      expect(result.conflicts).toEqual([])
      expect(result.changes).toEqual([{ id: 'status', path: ['status'], base: 'open', theirs: 'closed' }])
    })

    it('accepts both sides making the same change', () => {
      const result = mergeValues(base, { ...base, title: 'Same' }, { ...base, title: 'Same' })
      expect(result.merged).toEqual({ ...base, title: 'Same' })
      expect(result.conflicts).toEqual([])
      expect(result.changes).toEqual([])
    })

    it('reports a both-changed conflict and keeps mine in merged', () => {
      const result = mergeValues(base, { ...base, title: 'Mine' }, { ...base, title: 'Theirs', owner: 'bob' })
      expect(result.merged).toEqual({ title: 'Mine', status: 'open', owner: 'bob' })
      expect(result.conflicts).toEqual([
        { id: 'title', path: ['title'], kind: 'both-changed', base: 'Draft', mine: 'Mine', theirs: 'Theirs' },
      ])
    })

    it('reports delete-vs-edit in both directions, keeping mine', () => {
      const { owner: _dropped, ...withoutOwner } = base
      const mineDeleted = mergeValues<Record<string, string>>(base, withoutOwner, { ...base, owner: 'bob' })
      expect(mineDeleted.merged).toEqual(withoutOwner)
      expect(mineDeleted.conflicts).toEqual([
        {
          id: 'owner',
          path: ['owner'],
          kind: 'delete-vs-edit',
          deletedBy: 'mine',
          base: 'ann',
          mine: undefined,
          theirs: 'bob',
        },
      ])
      const theirsDeleted = mergeValues<Record<string, string>>(base, { ...base, owner: 'cy' }, withoutOwner)
      expect(theirsDeleted.merged).toEqual({ ...base, owner: 'cy' })
      expect(theirsDeleted.conflicts[0]).toMatchObject({ kind: 'delete-vs-edit', deletedBy: 'theirs' })
    })

    it('removes a key theirs deleted when mine left it alone', () => {
      const { status: _dropped, ...withoutStatus } = base
      const result = mergeValues(base, { ...base }, withoutStatus)
      expect(result.merged).toEqual(withoutStatus)
      expect(result.changes).toEqual([{ id: 'status', path: ['status'], base: 'open', theirs: undefined }])
    })

    it('reports both-added and type-changed conflicts', () => {
      const added = mergeValues<Record<string, unknown>>(
        base,
        { ...base, due: '2024-01-01' },
        { ...base, due: '2024-02-02' },
      )
      expect(added.conflicts[0]).toMatchObject({ id: 'due', kind: 'both-added', base: undefined })
      const typed = mergeValues<Record<string, unknown>>({ a: 1 }, { a: 'one' }, { a: { value: 1 } })
      expect(typed.conflicts[0]).toMatchObject({ id: 'a', kind: 'type-changed' })
    })

    it('merges objects both sides added, field by field', () => {
      const result = mergeValues<Record<string, unknown>>(
        {},
        { address: { city: 'Oslo' } },
        { address: { city: 'Oslo', zip: '0150' } },
      )
      expect(result.merged).toEqual({ address: { city: 'Oslo', zip: '0150' } })
      expect(result.conflicts).toEqual([])
    })

    it('keeps the key order of mine, then theirs additions', () => {
      const result = mergeValues<Record<string, number>>(
        { a: 1, b: 2 },
        { b: 2, a: 1, c: 3 },
        { a: 1, b: 2, d: 4 },
      )
      expect(Object.keys(result.merged)).toEqual(['b', 'a', 'c', 'd'])
    })
  })

  describe('values of every kind', () => {
    it('treats a missing key and undefined as the same, null as a value', () => {
      expect(mergeValues<Record<string, unknown>>({ a: undefined }, { a: undefined }, {}).conflicts).toEqual(
        [],
      )
      const result = mergeValues<Record<string, unknown>>({ a: undefined }, { a: 'x' }, { a: null })
      expect(result.conflicts[0]).toMatchObject({ kind: 'both-added', mine: 'x', theirs: null })
    })

    it('compares NaN with NaN and dates by their time', () => {
      const at = (iso: string) => new Date(iso)
      const base = { n: Number.NaN, when: at('2024-01-01T00:00:00Z') }
      const result = mergeValues(
        base,
        { n: Number.NaN, when: at('2024-01-01T00:00:00Z') },
        { n: 1, when: at('2024-01-01T00:00:00Z') },
      )
      expect(result.merged.n).toBe(1)
      expect(result.conflicts).toEqual([])
      const dates = mergeValues(
        base,
        { ...base, when: at('2024-05-05T00:00:00Z') },
        { ...base, when: at('2024-06-06T00:00:00Z') },
      )
      expect(dates.conflicts[0]).toMatchObject({ id: 'when', kind: 'both-changed' })
      expect(dates.merged.when).toBeInstanceOf(Date)
    })

    it('reads holes of sparse arrays as undefined and returns dense arrays', () => {
      // eslint-disable-next-line no-sparse-arrays
      const sparse = [1, , 3]
      const result = mergeValues({ list: sparse }, { list: [0, ...sparse] }, { list: [1, undefined, 3, 4] })
      expect(result.merged.list).toEqual([0, 1, undefined, 3, 4])
      expect(Object.keys(result.merged.list)).toHaveLength(5)
    })

    it('merges nested arrays as sequences of values', () => {
      const base = {
        grid: [
          [1, 2],
          [3, 4],
        ],
      }
      const result = mergeValues(base, { grid: [[0], [1, 2], [3, 4]] }, { grid: [[1, 2], [3, 4], [5]] })
      expect(result.merged.grid).toEqual([[0], [1, 2], [3, 4], [5]])
    })
  })

  describe('arrays of primitives (sequences, diff3)', () => {
    it('merges inserts from both sides at different places', () => {
      const result = mergeValues(
        { l: ['a', 'b', 'c'] },
        { l: ['x', 'a', 'b', 'c'] },
        { l: ['a', 'b', 'c', 'y'] },
      )
      expect(result.merged.l).toEqual(['x', 'a', 'b', 'c', 'y'])
      expect(result.changes).toHaveLength(1)
    })

    it('makes the whole array one conflict when both changed the same region, keeping mine', () => {
      const mine = { l: ['a', 'B', 'c'] }
      const result = mergeValues({ l: ['a', 'b', 'c'] }, mine, { l: ['a', 'β', 'c'] })
      expect(result.merged.l).toBe(mine.l)
      expect(result.conflicts).toEqual([
        {
          id: 'l',
          path: ['l'],
          kind: 'both-changed',
          base: ['a', 'b', 'c'],
          mine: ['a', 'B', 'c'],
          theirs: ['a', 'β', 'c'],
        },
      ])
    })
  })

  describe('arrays of objects by key', () => {
    const base = {
      items: [
        { id: 1, name: 'one', qty: 1 },
        { id: 2, name: 'two', qty: 2 },
        { id: 3, name: 'three', qty: 3 },
      ],
    }

    it('merges an insert, a delete, a move and edits of different items', () => {
      const [one, two, three] = base.items as [
        (typeof base.items)[0],
        (typeof base.items)[0],
        (typeof base.items)[0],
      ]
      const mine = { items: [{ ...one, qty: 10 }, two, three, { id: 4, name: 'four', qty: 4 }] }
      const theirs = { items: [three, one, { ...two, name: 'TWO' }] }
      const result = mergeValues(base, mine, theirs)
      expect(result.conflicts).toEqual([])
      expect(result.merged.items).toEqual([
        { id: 3, name: 'three', qty: 3 },
        { id: 1, name: 'one', qty: 10 },
        { id: 2, name: 'TWO', qty: 2 },
        { id: 4, name: 'four', qty: 4 },
      ])
      expect(result.changes.map((change) => change.id)).toEqual(['items', 'items[id=2].name'])
    })

    it('reports an item deleted by theirs and edited by mine as delete-vs-edit at the item key', () => {
      const mine = { items: base.items.map((item) => (item.id === 2 ? { ...item, qty: 20 } : item)) }
      const theirs = { items: base.items.filter((item) => item.id !== 2) }
      const result = mergeValues(base, mine, theirs)
      expect(result.merged.items.map((item) => item.id)).toEqual([1, 2, 3])
      expect(result.conflicts).toEqual([
        {
          id: 'items[id=2]',
          path: ['items', { key: 2, field: 'id' }],
          kind: 'delete-vs-edit',
          deletedBy: 'theirs',
          base: base.items[1],
          mine: { id: 2, name: 'two', qty: 20 },
          theirs: undefined,
        },
      ])
    })

    it('reports conflicts inside an item by key, not index', () => {
      const mine = { items: [base.items[2], base.items[0], { id: 2, name: 'mine', qty: 2 }] }
      const theirs = { items: [base.items[0], { id: 2, name: 'theirs', qty: 2 }, base.items[2]] }
      const result = mergeValues(base, mine, theirs)
      expect(result.conflicts.map((conflict) => conflict.id)).toEqual(['items[id=2].name'])
    })

    it('uses the key field named in options, and string keys', () => {
      const lines = (...items: Array<[string, number]>) => items.map(([sku, qty]) => ({ sku, qty }))
      const result = mergeValues(
        { lines: lines(['a', 1], ['b', 1]) },
        { lines: lines(['a', 2], ['b', 1]) },
        { lines: lines(['a', 1], ['b', 5], ['c', 1]) },
        { key: { lines: 'sku' } },
      )
      expect(result.merged.lines).toEqual(lines(['a', 2], ['b', 5], ['c', 1]))
    })

    it('merges arrays of objects without unique keys as sequences', () => {
      const result = mergeValues(
        { rows: [{ v: 1 }, { v: 2 }] },
        { rows: [{ v: 0 }, { v: 1 }, { v: 2 }] },
        { rows: [{ v: 1 }, { v: 2 }, { v: 3 }] },
      )
      expect(result.merged.rows).toEqual([{ v: 0 }, { v: 1 }, { v: 2 }, { v: 3 }])
      const duplicated = { rows: [{ id: 1 }, { id: 1 }] }
      expect(mergeValues(duplicated, duplicated, { rows: [{ id: 1 }] }).merged.rows).toEqual([{ id: 1 }])
    })

    it('merges as a sequence where key is false', () => {
      const result = mergeValues(
        base,
        { items: [...base.items, { id: 9, name: 'x', qty: 0 }] },
        { items: base.items.slice(1) },
        { key: { items: false } },
      )
      expect(result.merged.items.map((item) => item.id)).toEqual([2, 3, 9])
    })
  })

  describe('options by path', () => {
    it('merges text paths with mergeText and reports text conflicts with hunks', () => {
      const base = { items: [{ id: 'a', body: 'the quick brown fox' }] }
      const clean = mergeValues(
        base,
        { items: [{ id: 'a', body: 'the slow brown fox' }] },
        { items: [{ id: 'a', body: 'the quick brown cat' }] },
        { text: 'items[].body' },
      )
      expect(clean.merged.items[0]?.body).toBe('the slow brown cat')
      expect(clean.conflicts).toEqual([])
      const conflict = mergeValues(
        base,
        { items: [{ id: 'a', body: 'the slow brown fox' }] },
        { items: [{ id: 'a', body: 'the fast brown fox' }] },
        { text: 'items[].body' },
      )
      expect(conflict.conflicts[0]).toMatchObject({ id: 'items[id="a"].body', kind: 'text' })
      expect(conflict.merged.items[0]?.body).toBe('the slow brown fox')
      const withoutOption = mergeValues(
        base,
        { items: [{ id: 'a', body: 'the slow brown fox' }] },
        { items: [{ id: 'a', body: 'the quick brown cat' }] },
      )
      expect(withoutOption.conflicts[0]).toMatchObject({ kind: 'both-changed' })
    })

    it('treats atomic paths as one unit', () => {
      const base = { address: { street: 'Main', city: 'Oslo' } }
      const mine = { address: { street: 'High', city: 'Oslo' } }
      const theirs = { address: { street: 'Main', city: 'Bergen' } }
      expect(mergeValues(base, mine, theirs).merged.address).toEqual({ street: 'High', city: 'Bergen' })
      const atomic = mergeValues(base, mine, theirs, { atomic: 'address' })
      expect(atomic.merged.address).toBe(mine.address)
      expect(atomic.conflicts).toEqual([
        {
          id: 'address',
          path: ['address'],
          kind: 'both-changed',
          base: base.address,
          mine: mine.address,
          theirs: theirs.address,
        },
      ])
    })

    it('merges set paths as unordered sets: additions of both, removals honoured', () => {
      const result = mergeValues(
        { tags: ['a', 'b', 'c'] },
        { tags: ['c', 'a', 'mine'] },
        { tags: ['a', 'c', 'theirs'] },
        { set: 'tags' },
      )
      expect(result.merged.tags).toEqual(['c', 'a', 'mine', 'theirs'])
      expect(result.conflicts).toEqual([])
    })

    it('matches wildcards * and **', () => {
      const base = { a: { x: 'one two' }, b: { x: 'one two' } }
      const mine = { a: { x: 'ONE two' }, b: { x: 'ONE two' } }
      const theirs = { a: { x: 'one TWO' }, b: { x: 'one TWO' } }
      expect(mergeValues(base, mine, theirs, { text: '*.x' }).conflicts).toEqual([])
      expect(mergeValues(base, mine, theirs, { text: '**' }).conflicts).toEqual([])
      expect(mergeValues(base, mine, theirs, { text: 'a.x' }).conflicts.map((c) => c.id)).toEqual(['b.x'])
    })

    it('refuses malformed options with a MergeError that says what to write', () => {
      expect(() => mergeValues({}, {}, {}, { text: 'items[0].body' })).toThrow(MergeError)
      expect(() => mergeValues({}, {}, {}, { text: 'a..b' })).toThrow(/not valid/)
      expect(() => mergeValues({}, {}, {}, { key: { items: '' } })).toThrow(/key field/)
      expect(() => mergeValues({}, {}, {}, { maxDepth: -1 })).toThrow(/maxDepth/)
    })
  })

  describe('structural sharing', () => {
    it('returns mine itself when theirs changed nothing, and keeps untouched parts of mine', () => {
      const base = {
        a: { x: 1 },
        b: { y: [1, 2] },
        items: [
          { id: 1, v: 1 },
          { id: 2, v: 2 },
        ],
      }
      const mine = structuredClone(base)
      mine.a.x = 5
      expect(mergeValues(base, mine, structuredClone(base)).merged).toBe(mine)
      const theirs = structuredClone(base)
      theirs.items[1]!.v = 20
      const merged = mergeValues(base, mine, theirs).merged
      expect(merged).not.toBe(mine)
      expect(merged.a).toBe(mine.a)
      expect(merged.b).toBe(mine.b)
      expect(merged.items[0]).toBe(mine.items[0])
      expect(merged.items[1]).toEqual({ id: 2, v: 20 })
    })

    it('never modifies its inputs (frozen inputs work)', () => {
      const freeze = <T>(value: T): T => {
        if (value && typeof value === 'object') {
          Object.values(value).forEach(freeze)
          Object.freeze(value)
        }
        return value
      }
      const base = freeze({ a: 1, list: [{ id: 1, t: 'x' }] })
      const mine = freeze({ a: 2, list: [{ id: 1, t: 'y' }] })
      const theirs = freeze({
        a: 1,
        list: [
          { id: 1, t: 'x' },
          { id: 2, t: 'z' },
        ],
      })
      expect(mergeValues(base, mine, theirs).merged).toEqual({
        a: 2,
        list: [
          { id: 1, t: 'y' },
          { id: 2, t: 'z' },
        ],
      })
    })
  })

  describe('untrusted data', () => {
    it('never lets __proto__, constructor or prototype reach Object.prototype', () => {
      const base = JSON.parse('{"a":1}')
      const mine = JSON.parse('{"a":1,"constructor":{"prototype":{"polluted":"mine"}}}')
      const theirs = JSON.parse('{"a":2,"__proto__":{"polluted":"theirs"},"prototype":{"polluted":true}}')
      const result = mergeValues<Record<string, unknown>>(base, mine, theirs)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(Object.getPrototypeOf(result.merged)).toBe(Object.prototype)
      expect(Object.keys(result.merged)).toEqual(['a', 'constructor', '__proto__', 'prototype'])
      expect(Object.getOwnPropertyDescriptor(result.merged, '__proto__')?.value).toEqual({
        polluted: 'theirs',
      })
    })

    it('does not mistake inherited members for data', () => {
      const result = mergeValues<Record<string, unknown>>(
        {},
        { toString: 'mine' },
        JSON.parse('{"constructor":"theirs"}'),
      )
      expect(result.merged).toEqual({ toString: 'mine', constructor: 'theirs' })
      expect(result.conflicts).toEqual([])
    })
  })

  describe('deep nesting', () => {
    const nest = (depth: number, leaf: unknown): unknown => {
      let value = leaf
      for (let i = 0; i < depth; i++) value = { child: value }
      return value
    }

    it('merges an object nested 10,000 levels deep without overflowing the stack', () => {
      const result = mergeValues(nest(10_000, 'base'), nest(10_000, 'base'), nest(10_000, 'theirs'))
      expect(result.conflicts).toEqual([])
      let value = result.merged as { child?: unknown }
      let depth = 0
      while (value && typeof value === 'object' && 'child' in value) {
        value = value.child as { child?: unknown }
        depth++
      }
      expect(depth).toBe(10_000)
      expect(value).toBe('theirs')
      // Below maxDepth (1000) the value merges as one unit: one change at depth 1000.
      expect(result.changes).toHaveLength(1)
      expect(result.changes[0]?.path).toHaveLength(1000)
    })

    it('reports a conflict at maxDepth when both changed something deeper', () => {
      const result = mergeValues(nest(10_000, 'base'), nest(10_000, 'mine'), nest(10_000, 'theirs'), {
        maxDepth: 50,
      })
      expect(result.conflicts).toHaveLength(1)
      expect(result.conflicts[0]?.path).toHaveLength(50)
      expect(result.conflicts[0]?.kind).toBe('both-changed')
    })

    it('merges arrays of deeply nested items', () => {
      const result = mergeValues([nest(10_000, 1)], [nest(10_000, 1), 'mine'], ['theirs', nest(10_000, 1)])
      expect(result.conflicts).toEqual([])
      expect((result.merged as unknown[]).length).toBe(3)
    })
  })
})
