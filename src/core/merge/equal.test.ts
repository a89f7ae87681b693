import { describe, expect, it } from 'vitest'
import { deepEqual, kindOf } from './equal.js'
import { MergeError } from './errors.js'
import { canonicalForm, ValueKeys } from './value-keys.js'

describe('deepEqual', () => {
  it.each<[unknown, unknown, boolean]>([
    [1, 1, true],
    [0, -0, true],
    [Number.NaN, Number.NaN, true],
    [null, undefined, false],
    [{ a: undefined }, {}, true],
    [{ a: null }, {}, false],
    [[1, undefined], [1, undefined], true],
    // eslint-disable-next-line no-sparse-arrays
    [[1, , 3], [1, undefined, 3], true],
    [[1, 2], [2, 1], false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [new Date(5), new Date(5), true],
    [new Date(5), new Date(6), false],
    [new Date(5), 5, false],
    [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, true],
    [[], {}, false],
    [new Map(), new Map(), false],
  ])('deepEqual(%j, %j) is %s', (a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected)
    expect(deepEqual(b, a)).toBe(expected)
  })

  it('terminates on cyclic values and handles any depth', () => {
    const a: Record<string, unknown> = { x: 1 }
    a.self = a
    const b: Record<string, unknown> = { x: 1 }
    b.self = b
    expect(deepEqual(a, b)).toBe(true)
    let deepA: unknown = 0
    let deepB: unknown = 0
    for (let i = 0; i < 100_000; i++) {
      deepA = { c: deepA }
      deepB = { c: deepB }
    }
    expect(deepEqual(deepA, deepB)).toBe(true)
  })

  it('reads only own keys', () => {
    expect(deepEqual(JSON.parse('{"__proto__":{"x":1}}'), {})).toBe(false)
    expect(kindOf(JSON.parse('{"__proto__":{"x":1}}'))).toBe('object')
  })
})

describe('value keys', () => {
  it('give deep-equal values the same key and others different ones', () => {
    const keys = new ValueKeys()
    expect(keys.keyOf({ a: 1, b: [new Date(1)] })).toBe(keys.keyOf({ b: [new Date(1)], a: 1 }))
    expect(keys.keyOf({ a: 1 })).not.toBe(keys.keyOf({ a: '1' }))
    expect(keys.keyOf('{"a":1}')).not.toBe(keys.keyOf({ a: 1 }))
    expect(keys.keyOf(Number.NaN)).toBe(keys.keyOf(Number.NaN))
    expect(keys.keyOf({ a: undefined })).toBe(keys.keyOf({}))
  })

  it('refuse a cycle with a MergeError, and handle deep nesting', () => {
    const cyclic: unknown[] = []
    cyclic.push(cyclic)
    expect(() => canonicalForm(cyclic)).toThrow(MergeError)
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(canonicalForm(deep)).toHaveLength(200_000 + 3)
  })
})
