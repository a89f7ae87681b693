import { describe, expect, it } from 'vitest'
import { MergeError } from './errors.js'
import { formatPath } from './paths.js'
import { parsePattern, PathRules } from './patterns.js'
import type { Path } from './types.js'

describe('formatPath', () => {
  it.each<[Path, string]>([
    [[], ''],
    [['title'], 'title'],
    [['address', 'city'], 'address.city'],
    [['tags', 2], 'tags[2]'],
    [['items', { key: 7, field: 'id' }, 'body'], 'items[id=7].body'],
    [['items', { key: '7', field: 'id' }], 'items[id="7"]'],
    [['lines', { key: 'A-1', field: 'sku code' }], 'lines["sku code"="A-1"]'],
    [['odd.key', 'x y'], '["odd.key"]["x y"]'],
    [['__proto__', 'constructor'], '__proto__.constructor'],
  ])('formats %j as %s', (path, id) => {
    expect(formatPath(path)).toBe(id)
  })

  it('gives different paths different ids', () => {
    const ids = [
      ['a.b'],
      ['a', 'b'],
      ['a', 1],
      ['a', '1'],
      ['a', { key: 1, field: 'id' }],
      ['a', { key: '1', field: 'id' }],
    ].map((path) => formatPath(path as Path))
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('path patterns', () => {
  const ruleAt = (options: Parameters<typeof PathRules.compile>[0], path: Path) => {
    const rules = PathRules.compile(options)
    let state = rules.root
    for (const segment of path) state = rules.step(state, segment)
    return rules.rule(state)
  }

  it('parses keys, items, wildcards and quoted keys', () => {
    expect(parsePattern('items[].body')).toEqual([
      { kind: 'key', name: 'items' },
      { kind: 'item' },
      { kind: 'key', name: 'body' },
    ])
    expect(parsePattern('*')).toEqual([{ kind: 'any' }])
    expect(parsePattern('**.notes')).toEqual([{ kind: 'deep' }, { kind: 'key', name: 'notes' }])
    expect(parsePattern('a["b.c"]')).toEqual([
      { kind: 'key', name: 'a' },
      { kind: 'key', name: 'b.c' },
    ])
    expect(parsePattern('[][]')).toEqual([{ kind: 'item' }, { kind: 'item' }])
  })

  it.each(['', 'a..b', '.a', 'a.', 'a[0]', 'a[', 'a["b"', 'a*b', 'a]'])(
    'refuses %j with a MergeError',
    (pattern) => {
      expect(() => parsePattern(pattern)).toThrow(MergeError)
    },
  )

  it('matches items by index or by key, * one step, ** any number of steps', () => {
    expect(ruleAt({ text: 'items[].body' }, ['items', { key: 3, field: 'id' }, 'body']).text).toBe(true)
    expect(ruleAt({ text: 'items[].body' }, ['items', 0, 'body']).text).toBe(true)
    expect(ruleAt({ text: 'items[].body' }, ['items', 'body']).text).toBe(false)
    expect(ruleAt({ text: '*' }, ['title']).text).toBe(true)
    expect(ruleAt({ text: '*' }, ['a', 'b']).text).toBe(false)
    expect(ruleAt({ text: '**' }, ['a', 0, 'b']).text).toBe(true)
    expect(ruleAt({ text: '**' }, []).text).toBe(true)
    expect(ruleAt({ text: 'a.**.z' }, ['a', 'z']).text).toBe(true)
    expect(ruleAt({ text: 'a.**.z' }, ['a', 'b', 'c', 'z']).text).toBe(true)
    expect(ruleAt({ text: 'a.**.z' }, ['b', 'z']).text).toBe(false)
  })

  it('combines options at one path; the later key rule wins', () => {
    const rule = ruleAt({ atomic: 'a', set: 'a', key: { '**': 'uuid', a: false } }, ['a'])
    expect(rule).toEqual({ atomic: true, set: true, text: false, keyField: false })
    expect(ruleAt({ key: { '**': 'uuid' } }, ['x', 'y']).keyField).toBe('uuid')
  })

  it('costs nothing where no pattern can match', () => {
    const rules = PathRules.compile({ text: 'a.b' })
    expect(rules.step(rules.root, 'z')).toBeNull()
    expect(PathRules.compile({}).root).toBeNull()
  })
})
