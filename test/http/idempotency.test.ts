import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_IDEMPOTENCY_HEADER, createIdempotencyKey } from '../../src/core/http/index'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('createIdempotencyKey', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('creates a new UUID v4 per call', () => {
    const keys = new Set(Array.from({ length: 200 }, () => createIdempotencyKey()))
    expect(keys.size).toBe(200)
    for (const key of keys) expect(key).toMatch(UUID_V4)
  })

  it('uses crypto.randomUUID', () => {
    const spy = vi.spyOn(globalThis.crypto, 'randomUUID')
    createIdempotencyKey()
    expect(spy).toHaveBeenCalledTimes(1)
  })

  it('falls back to crypto.getRandomValues where randomUUID is missing (insecure contexts)', () => {
    // randomUUID lives on Crypto.prototype: an own property shadows it, deleting it restores it.
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true })
    try {
      const keys = new Set(Array.from({ length: 50 }, () => createIdempotencyKey()))
      expect(keys.size).toBe(50)
      for (const key of keys) expect(key).toMatch(UUID_V4)
    } finally {
      delete (globalThis.crypto as { randomUUID?: unknown }).randomUUID
    }
    expect(typeof globalThis.crypto.randomUUID).toBe('function')
  })

  it("names the header 'Idempotency-Key' by default", () => {
    expect(DEFAULT_IDEMPOTENCY_HEADER).toBe('Idempotency-Key')
  })
})
