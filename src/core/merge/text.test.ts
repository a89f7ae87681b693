import { describe, expect, it } from 'vitest'
import { MergeError } from './errors.js'
import { resolveHunks } from './hunks.js'
import { mergeText } from './text.js'
import { splitLines, splitWords } from './tokenize.js'

describe('mergeText', () => {
  describe('line by line (default for multi-line text)', () => {
    const base = 'alpha\nbeta\ngamma\ndelta\n'

    it('merges edits of different lines', () => {
      const result = mergeText(base, 'ALPHA\nbeta\ngamma\ndelta\n', 'alpha\nbeta\ngamma\nDELTA\n')
      expect(result).toEqual({
        clean: true,
        merged: 'ALPHA\nbeta\ngamma\nDELTA\n',
        hunks: [{ kind: 'stable', text: 'ALPHA\nbeta\ngamma\nDELTA\n' }],
      })
    })

    it('reports the same line changed differently as a conflict hunk, in document order', () => {
      const result = mergeText(base, 'alpha\nBETA\ngamma\ndelta\n', 'alpha\nBeta!\ngamma\ndelta\n')
      expect(result.clean).toBe(false)
      expect(result.merged).toBeUndefined()
      expect(result.hunks).toEqual([
        { kind: 'stable', text: 'alpha\n' },
        { kind: 'conflict', base: 'beta\n', mine: 'BETA\n', theirs: 'Beta!\n' },
        { kind: 'stable', text: 'gamma\ndelta\n' },
      ])
      expect(resolveHunks(result.hunks, ['both'])).toBe('alpha\nBETA\nBeta!\ngamma\ndelta\n')
    })

    it('merges two people editing different words of one paragraph (word refinement)', () => {
      const paragraph = 'The quick brown fox jumps over the lazy dog.\n'
      const result = mergeText(
        paragraph,
        'The slow brown fox jumps over the lazy dog.\n',
        'The quick brown fox jumps over the happy dog.\n',
      )
      expect(result.merged).toBe('The slow brown fox jumps over the happy dog.\n')
      const unrefined = mergeText(
        paragraph,
        'The slow brown fox jumps over the lazy dog.\n',
        'The quick brown fox jumps over the happy dog.\n',
        {
          refine: false,
        },
      )
      expect(unrefined.clean).toBe(false)
    })

    it('keeps a line conflict when the words conflict too', () => {
      const result = mergeText('a b c\n', 'a X c\n', 'a Y c\n')
      expect(result.hunks).toEqual([
        { kind: 'conflict', base: 'a b c\n', mine: 'a X c\n', theirs: 'a Y c\n' },
      ])
    })

    it('accepts identical changes on both sides and inserts at different places', () => {
      expect(
        mergeText(base, 'alpha\nnew\nbeta\ngamma\ndelta\n', 'alpha\nnew\nbeta\ngamma\ndelta\n').merged,
      ).toBe('alpha\nnew\nbeta\ngamma\ndelta\n')
      expect(mergeText(base, 'top\n' + base, base + 'bottom\n').merged).toBe('top\n' + base + 'bottom\n')
    })

    it('keeps the absence of a final line break as a difference', () => {
      const result = mergeText('a\nb\n', 'a\nb', 'a\nb\nc\n', { granularity: 'line', refine: false })
      expect(result.clean).toBe(false)
    })

    it('treats an insert at the same place by both sides as a conflict', () => {
      const result = mergeText('a\nb\n', 'a\nmine\nb\n', 'a\ntheirs\nb\n')
      expect(result.hunks[1]).toEqual({ kind: 'conflict', base: '', mine: 'mine\n', theirs: 'theirs\n' })
    })
  })

  describe('word by word (default for single-line text)', () => {
    it('merges edits of different words', () => {
      expect(mergeText('one two three', 'one 2 three', 'one two 3').merged).toBe('one 2 3')
    })

    it('conflicts on the same word', () => {
      const result = mergeText('one two three', 'one 2 three', 'one II three')
      expect(result.hunks).toEqual([
        { kind: 'stable', text: 'one ' },
        { kind: 'conflict', base: 'two', mine: '2', theirs: 'II' },
        { kind: 'stable', text: ' three' },
      ])
    })

    it('can be asked for lines on single-line text', () => {
      expect(
        mergeText('one two three', 'one 2 three', 'one two 3', { granularity: 'line', refine: false }).clean,
      ).toBe(false)
    })
  })

  it('handles empty texts', () => {
    expect(mergeText('', '', '')).toEqual({ clean: true, merged: '', hunks: [] })
    expect(mergeText('', 'a\n', '')).toEqual({
      clean: true,
      merged: 'a\n',
      hunks: [{ kind: 'stable', text: 'a\n' }],
    })
    expect(mergeText('x', '', '').merged).toBe('')
  })

  it('refuses non-strings and unknown granularities with a MergeError', () => {
    expect(() => mergeText('a', 1 as unknown as string, 'b')).toThrow(MergeError)
    expect(() => mergeText('a', 'b', 'c', { granularity: 'char' as 'word' })).toThrow(/granularity/)
  })
})

describe('tokenize', () => {
  it('splits lines keeping their line breaks, and joins back exactly', () => {
    expect(splitLines('a\nb\r\n\nc')).toEqual(['a\n', 'b\r\n', '\n', 'c'])
    expect(splitLines('')).toEqual([])
  })

  it('splits words, whitespace runs and punctuation, and joins back exactly', () => {
    expect(splitWords('Hello,  wörld! 42_x 👍🏽')).toEqual([
      'Hello',
      ',',
      '  ',
      'wörld',
      '!',
      ' ',
      '42_x',
      ' ',
      '👍',
      '🏽',
    ])
    const text = 'naïve café — “quoted” \t\n end'
    expect(splitWords(text).join('')).toBe(text)
  })
})
