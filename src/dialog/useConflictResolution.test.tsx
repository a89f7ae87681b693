import { act, renderHook } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { MergeSaveConflict } from '../core/conflict.js'
import { mergeValues } from '../core/merge/index.js'
import { type Article, baseArticle, meta, mineArticle, theirsArticle } from './fixtures.js'
import { useConflictResolution } from './useConflictResolution.js'

/** A merge conflict made by the merge engine from the article fixtures. */
function engineConflict(resolve = vi.fn()): MergeSaveConflict<Article> {
  const result = mergeValues(baseArticle, mineArticle, theirsArticle, { text: ['body'] })
  return {
    kind: 'merge',
    base: baseArticle,
    mine: mineArticle,
    theirs: theirsArticle,
    ...result,
    meta,
    resolve,
    cancel: vi.fn(),
  }
}

describe('useConflictResolution', () => {
  describe('given a merge conflict from mergeValues', () => {
    it('then nothing is decided yet and the resolved value is the merged one (mine at every conflict)', () => {
      const conflict = engineConflict()
      const { result } = renderHook(() => useConflictResolution(conflict))
      expect(result.current.remaining).toBe(6)
      expect(result.current.isComplete).toBe(false)
      expect(result.current.resolved).toEqual(conflict.merged)
    })

    describe('when every conflict is decided', () => {
      it('then the resolved value applies the choices, and resolve() hands them to the conflict', () => {
        const resolve = vi.fn()
        const conflict = engineConflict(resolve)
        const { result } = renderHook(() => useConflictResolution(conflict))
        act(() => {
          result.current.choose('title', 'theirs')
          result.current.chooseHunk('body', 0, 'both')
          result.current.chooseHunk('body', 1, 'theirs')
          result.current.choose('price', { value: 128 })
          result.current.choose('tags', 'theirs')
          result.current.choose('lines[id=2]', 'theirs')
        })
        expect(result.current.remaining).toBe(1)
        act(() => result.current.choose('dueDate', 'mine'))
        expect(result.current.isComplete).toBe(true)
        expect(result.current.resolved).toEqual({
          ...conflict.merged,
          title: 'Q3 quarterly report',
          body: 'Revenue grew strongly in the third quarter.\nRevenue grew by 12% in the third quarter.\nCosts stayed flat.\nWe expect growth to slow down.\n',
          price: 128,
          tags: ['finance', 'q3'],
          lines: [{ id: 1, name: 'Widget', qty: 2 }],
          dueDate: '2025-12-01',
        })
        act(() => result.current.resolve())
        expect(resolve).toHaveBeenCalledWith(result.current.choices)
        expect(result.current.choices).toEqual({
          title: 'theirs',
          body: { hunks: ['both', 'theirs'] },
          price: { value: 128 },
          tags: 'theirs',
          'lines[id=2]': 'theirs',
          dueDate: 'mine',
        })
      })
    })

    describe('when a new conflict arrives', () => {
      it('then the decisions start over from the default choices', () => {
        const { result, rerender } = renderHook(
          ({ conflict }) => useConflictResolution(conflict, { defaultChoices: { price: 'mine' } }),
          { initialProps: { conflict: engineConflict() } },
        )
        expect(result.current.decisions.price).toBe('mine')
        act(() => result.current.choose('title', 'theirs'))
        expect(result.current.remaining).toBe(4)
        rerender({ conflict: engineConflict() })
        expect(result.current.remaining).toBe(5)
        expect(result.current.decisions.title).toBeUndefined()
      })
    })
  })

  describe('given no conflict', () => {
    it('then there is nothing to decide or resolve', () => {
      const { result } = renderHook(() => useConflictResolution(null))
      expect(result.current.remaining).toBe(0)
      expect(result.current.resolved).toBeUndefined()
      expect(() => result.current.resolve()).not.toThrow()
    })
  })
})
