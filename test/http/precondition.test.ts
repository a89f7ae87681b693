import { describe, expect, it } from 'vitest'
import {
  ConflictSafeError,
  InvalidBodyError,
  MissingVersionError,
  buildPrecondition,
} from '../../src/core/http/index'

describe('buildPrecondition', () => {
  describe('given a known ETag', () => {
    it('sends If-Match exactly as the server sent it, weak tags included', () => {
      expect(buildPrecondition({ etag: 'W/"7"' }, { name: 'x' })).toEqual({
        headers: { 'If-Match': 'W/"7"' },
        body: { name: 'x' },
      })
      expect(buildPrecondition({ etag: '"a,b"' }, undefined).headers).toEqual({ 'If-Match': '"a,b"' })
    })

    it('prefers If-Match over the body by default, even when a body version is known', () => {
      const body = { name: 'x' }
      const result = buildPrecondition({ etag: '"3"', value: 3 }, body)
      expect(result.headers).toEqual({ 'If-Match': '"3"' })
      expect(result.body).toBe(body)
    })
  })

  describe('given only a body version', () => {
    it("writes it into the body at 'version' by default, without changing the caller's body", () => {
      const body = { name: 'x', version: 1 }
      const result = buildPrecondition({ value: 4 }, body)
      expect(result).toEqual({ headers: {}, body: { name: 'x', version: 4 } })
      expect(body.version).toBe(1)
    })

    it('writes it at a nested field, creating and copying objects on the way', () => {
      const body = { meta: { tags: ['a'] }, name: 'x' }
      const result = buildPrecondition({ value: '2024-05-01T10:00:00Z' }, body, { field: 'meta.updatedAt' })
      expect(result.body).toEqual({ meta: { tags: ['a'], updatedAt: '2024-05-01T10:00:00Z' }, name: 'x' })
      expect(body.meta).toEqual({ tags: ['a'] })
      expect(buildPrecondition({ value: 1 }, {}, { field: 'a.b' }).body).toEqual({ a: { b: 1 } })
    })

    it('creates a body for a write that has none (a DELETE)', () => {
      expect(buildPrecondition({ value: 5 }, undefined).body).toEqual({ version: 5 })
    })

    it('refuses a body that is not an object, with a typed error', () => {
      expect(() => buildPrecondition({ value: 5 }, ['a'])).toThrow(InvalidBodyError)
      expect(() => buildPrecondition({ value: 5 }, 'text')).toThrow(/mode 'if-match'/)
      expect(() => buildPrecondition({ value: 5 }, { meta: 'x' }, { field: 'meta.version' })).toThrow(
        ConflictSafeError,
      )
    })
  })

  describe("given mode 'both'", () => {
    it('sends If-Match and the body version', () => {
      expect(buildPrecondition({ etag: '"3"', value: 3 }, { a: 1 }, { mode: 'both', field: '_rev' })).toEqual(
        {
          headers: { 'If-Match': '"3"' },
          body: { a: 1, _rev: 3 },
        },
      )
    })

    it('refuses when either part is unknown', () => {
      expect(() => buildPrecondition({ etag: '"3"' }, {}, { mode: 'both' })).toThrow(MissingVersionError)
      expect(() => buildPrecondition({ value: 3 }, {}, { mode: 'both' })).toThrow(MissingVersionError)
    })
  })

  describe('given no known version', () => {
    it('refuses the write with a MissingVersionError that says how to fix it', () => {
      try {
        buildPrecondition(undefined, { a: 1 })
        expect.unreachable('a write without a version was allowed')
      } catch (error) {
        expect(error).toBeInstanceOf(MissingVersionError)
        expect((error as MissingVersionError).code).toBe('MISSING_VERSION')
        expect((error as Error).message).toContain('unconditional: true')
      }
      expect(() => buildPrecondition({}, { a: 1 })).toThrow(MissingVersionError)
      expect(() => buildPrecondition({ value: 1 }, {}, { mode: 'if-match' })).toThrow(/no ETag is known/)
    })

    it('sends the write unconditionally only when asked explicitly', () => {
      const body = { a: 1 }
      expect(buildPrecondition(undefined, body, { unconditional: true })).toEqual({ headers: {}, body })
      expect(buildPrecondition({ etag: '"1"' }, body, { unconditional: true })).toEqual({ headers: {}, body })
    })
  })
})

describe('body field paths', () => {
  it('refuse prototype keys and empty segments', () => {
    expect(() => buildPrecondition({ value: 1 }, {}, { field: '__proto__.x' })).toThrow(/Invalid field path/)
    expect(() => buildPrecondition({ value: 1 }, {}, { field: 'a..b' })).toThrow(/Invalid field path/)
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
})
