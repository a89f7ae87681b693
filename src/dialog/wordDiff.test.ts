import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffWords } from './wordDiff.js'

const side = (parts: ReturnType<typeof diffWords>, keep: 1 | -1) =>
  parts
    .filter(([op]) => op !== -keep)
    .map(([, text]) => text)
    .join('')

describe('diffWords', () => {
  describe('given a side that changed some words of base', () => {
    it('then it reports the words added and removed, and keeps the rest', () => {
      expect(
        diffWords('Revenue grew in the third quarter.', 'Revenue grew strongly in the third quarter.'),
      ).toEqual([
        [0, 'Revenue grew '],
        [1, 'strongly '],
        [0, 'in the third quarter.'],
      ])
      expect(diffWords('We expect growth to continue.', 'We expect growth to slow down.')).toEqual([
        [0, 'We expect growth to '],
        [-1, 'continue'],
        [1, 'slow down'],
        [0, '.'],
      ])
    })

    it('then a space between two changes joins them into one removal and one addition', () => {
      expect(diffWords('the quick brown fox', 'the slow red fox')).toEqual([
        [0, 'the '],
        [-1, 'quick brown'],
        [1, 'slow red'],
        [0, ' fox'],
      ])
    })

    it('then letters of any script count as words', () => {
      expect(diffWords('Größe: klein', 'Größe: groß')).toEqual([
        [0, 'Größe: '],
        [-1, 'klein'],
        [1, 'groß'],
      ])
    })
  })

  describe('given identical or empty texts', () => {
    it('then there is nothing to highlight', () => {
      expect(diffWords('same text', 'same text')).toEqual([[0, 'same text']])
      expect(diffWords('', '')).toEqual([])
      expect(diffWords('', 'new')).toEqual([[1, 'new']])
      expect(diffWords('old', '')).toEqual([[-1, 'old']])
    })
  })

  describe('given a middle larger than the limit', () => {
    it('then the middle is one removal and one addition, without aligning word by word', () => {
      expect(diffWords('a b c d', 'a x c y', 1)).toEqual([
        [0, 'a '],
        [-1, 'b c d'],
        [1, 'x c y'],
      ])
    })
  })

  describe('given any two texts', () => {
    it('then the unchanged and removed runs spell base, and the unchanged and added runs spell the side', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (base, changed) => {
          const parts = diffWords(base, changed)
          expect(side(parts, -1)).toBe(base)
          expect(side(parts, 1)).toBe(changed)
          expect(parts.every(([, text]) => text !== '')).toBe(true)
        }),
      )
    })
  })
})
