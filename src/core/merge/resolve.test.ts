import { describe, expect, it } from 'vitest'
import { MergeError } from './errors.js'
import { resolve } from './resolve.js'
import { mergeValues } from './values.js'

describe('resolve', () => {
  const base = { title: 'Draft', body: 'one two three\n--\nfour five six\n', n: 1 }
  const mine = { title: 'Mine', body: 'one 2 three\n--\nfour five 6\n', n: 1 }
  const theirs = { title: 'Theirs', body: 'one II three\n--\nfour five VI\n', n: 7 }
  const result = mergeValues(base, mine, theirs, { text: 'body' })

  it('keeps mine where no choice is given', () => {
    expect(resolve(result)).toEqual({ title: 'Mine', body: mine.body, n: 7 })
    expect(resolve(result, {})).toBe(result.merged)
  })

  it("takes 'theirs', 'base', 'mine' and { value }", () => {
    expect(resolve(result, { title: 'theirs' }).title).toBe('Theirs')
    expect(resolve(result, { title: 'base' }).title).toBe('Draft')
    expect(resolve(result, { title: 'mine' }).title).toBe('Mine')
    expect(resolve(result, { title: { value: 'Typed by hand' } }).title).toBe('Typed by hand')
  })

  it('decides a text conflict hunk by hunk, with both', () => {
    const text = result.conflicts.find((conflict) => conflict.id === 'body')
    expect(text?.kind).toBe('text')
    expect(resolve(result, { body: { hunks: ['theirs', 'both'] } }).body).toBe(
      'one II three\n--\nfour five 6\nfour five VI\n',
    )
    expect(resolve(result, { body: { hunks: ['base'] } }).body).toBe('one two three\n--\nfour five 6\n')
  })

  it('shares untouched parts with merged', () => {
    const merged = mergeValues({ a: { x: 1 }, b: 1 }, { a: { x: 1 }, b: 2 }, { a: { x: 1 }, b: 3 })
    const final = resolve(merged, { b: 'theirs' })
    expect(final).toEqual({ a: { x: 1 }, b: 3 })
    expect(final.a).toBe(merged.merged.a)
  })

  it('removes a key or an item when the chosen side deleted it', () => {
    const removed = mergeValues<Record<string, unknown>>({ a: 1, b: 1 }, { a: 1, b: 2 }, { a: 1 })
    expect(resolve(removed, { b: 'theirs' })).toEqual({ a: 1 })
    const items = [{ id: 1 }, { id: 2, v: 'x' }, { id: 3 }]
    const edited = mergeValues(
      { items },
      { items: [items[0]!, { id: 2, v: 'y' }, items[2]!] },
      { items: [items[0]!, items[2]!] },
    )
    expect(resolve(edited, { 'items[id=2]': 'theirs' })).toEqual({ items: [{ id: 1 }, { id: 3 }] })
  })

  it('puts back an item mine deleted where theirs has it', () => {
    const items = [{ id: 'a' }, { id: 'b', v: 1 }, { id: 'c' }]
    const result = mergeValues(
      { items },
      { items: [items[0]!, items[2]!, { id: 'd' }] },
      { items: [items[0]!, { id: 'b', v: 2 }, items[2]!] },
    )
    expect(result.merged.items.map((item) => item.id)).toEqual(['a', 'c', 'd'])
    expect(result.conflicts[0]).toMatchObject({
      id: 'items[id="b"]',
      kind: 'delete-vs-edit',
      deletedBy: 'mine',
    })
    expect(resolve(result, { 'items[id="b"]': 'theirs' }).items).toEqual([
      { id: 'a' },
      { id: 'b', v: 2 },
      { id: 'c' },
      { id: 'd' },
    ])
  })

  it('writes __proto__ keys as data, never as a prototype', () => {
    const result = mergeValues<Record<string, unknown>>(
      JSON.parse('{"__proto__":{"x":1}}'),
      JSON.parse('{"__proto__":{"x":2}}'),
      JSON.parse('{"__proto__":{"x":3}}'),
    )
    expect(result.conflicts.map((conflict) => conflict.id)).toEqual(['__proto__.x'])
    const final = resolve(result, { '__proto__.x': { value: { polluted: true } } })
    expect(Object.getPrototypeOf(final)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getOwnPropertyDescriptor(final, '__proto__')?.value).toEqual({ x: { polluted: true } })
  })

  it('refuses unknown ids and malformed choices with a MergeError', () => {
    expect(() => resolve(result, { nope: 'theirs' })).toThrow(MergeError)
    expect(() => resolve(result, { nope: 'theirs' })).toThrow(/"title", "body"/)
    expect(() => resolve(result, { title: { hunks: ['mine'] } })).toThrow(/not a text conflict/)
    expect(() => resolve(result, { body: { hunks: ['mine', 'mine', 'mine'] } })).toThrow(/3 hunk choices/)
    expect(() => resolve(result, { title: 'yours' as 'mine' })).toThrow(/must be 'mine'/)
  })
})
