import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from '../../src/core/http/index'

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T10:00:00Z')

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
  })

  it('reads an HTTP date, a past date as 0', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).toBe(0)
  })

  it('gives undefined for an absent or unreadable value', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
    expect(parseRetryAfter('-5', now)).toBeUndefined()
    expect(parseRetryAfter('1.5', now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter('', now)).toBeUndefined()
  })
})
