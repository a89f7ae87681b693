import { hashKey as tanstackHashKey } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { hashKey } from './hash-key.js'

describe('hashKey', () => {
  it('names the same record whatever the order of object keys', () => {
    expect(hashKey(['todo', { id: 1, lang: 'en' }])).toBe(hashKey(['todo', { lang: 'en', id: 1 }]))
    expect(hashKey(['todo', 1])).not.toBe(hashKey(['todo', '1']))
  })

  it('matches TanStack Query for JSON keys', () => {
    const keys: unknown[][] = [['todo', 1], ['todo', { b: [1, { d: 2, c: 1 }], a: null }], []]
    for (const key of keys) expect(hashKey(key)).toBe(tanstackHashKey(key))
  })
})
