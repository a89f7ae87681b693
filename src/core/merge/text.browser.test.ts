/**
 * The merge engine in Chromium: ES modules are strict, so this is where diff3's undeclared
 * variable would throw (`ReferenceError: ed is not defined`) if the build plugin did not fix it.
 */
import { describe, expect, it } from 'vitest'
import { mergeText, mergeValues, resolve } from './index.js'

describe('mergeText in a browser (strict mode)', () => {
  it('runs in strict mode', () => {
    const self = (function (this: unknown) {
      return this
    })()
    expect(self).toBeUndefined()
  })

  it('merges lines, with word refinement, and reports conflicts', () => {
    const base = 'The quick brown fox\njumps over\nthe lazy dog.\n'
    const result = mergeText(
      base,
      'The slow brown fox\njumps over\nthe lazy dog.\n',
      'The quick brown fox\njumps over\nthe happy dog.\n',
    )
    expect(result).toEqual({
      clean: true,
      merged: 'The slow brown fox\njumps over\nthe happy dog.\n',
      hunks: [{ kind: 'stable', text: 'The slow brown fox\njumps over\nthe happy dog.\n' }],
    })
    const conflict = mergeText('a\nb\nc\n', 'a\nB\nc\n', 'a\nβ\nc\n')
    expect(conflict.hunks[1]).toEqual({ kind: 'conflict', base: 'b\n', mine: 'B\n', theirs: 'β\n' })
  })

  it('merges a long text (cut at anchors) and single-line text word by word', () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `line ${i}\n`)
    const mine = lines.map((line, i) => (i === 100 ? 'mine\n' : line)).join('')
    const theirs = lines.map((line, i) => (i === 4_000 ? 'theirs\n' : line)).join('')
    const result = mergeText(lines.join(''), mine, theirs)
    expect(result.clean).toBe(true)
    expect(result.merged).toContain('mine\n')
    expect(result.merged).toContain('theirs\n')
    expect(mergeText('one two three', 'one 2 three', 'one two 3').merged).toBe('one 2 3')
  })

  it('merges values with text fields, resolves, and survives 10,000 levels of nesting', () => {
    const result = mergeValues(
      { body: 'a b c', n: 1 },
      { body: 'A b c', n: 2 },
      { body: 'a b C', n: 3 },
      { text: 'body' },
    )
    expect(resolve(result, { n: 'theirs' })).toEqual({ body: 'A b C', n: 3 })
    let deep: unknown = 'leaf'
    for (let i = 0; i < 10_000; i++) deep = { child: deep }
    expect(mergeValues(deep, deep, { child: 'replaced' }).merged).toEqual({ child: 'replaced' })
    let mineDeep: unknown = 'mine'
    let theirsDeep: unknown = 'theirs'
    let baseDeep: unknown = 'base'
    for (let i = 0; i < 10_000; i++) {
      mineDeep = { child: mineDeep }
      theirsDeep = { child: theirsDeep }
      baseDeep = { child: baseDeep }
    }
    expect(mergeValues(baseDeep, mineDeep, theirsDeep).conflicts).toHaveLength(1)
  })
})
