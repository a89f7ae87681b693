import { describe, expect, it } from 'vitest'
import {
  InvalidVersionError,
  MalformedETagError,
  readVersion,
  sameVersion,
  type VersionInput,
} from '../../src/core/http/index'

function input(body: unknown, headers: Record<string, string> = {}): VersionInput {
  return { headers: new Headers(headers), body }
}

describe('readVersion', () => {
  describe("given the 'etag' source", () => {
    it('keeps the ETag header exactly as sent, weak tags included', () => {
      expect(readVersion('etag', input(undefined, { ETag: 'W/"7"' }))).toEqual({ etag: 'W/"7"' })
      expect(readVersion('etag', input({ version: 3 }, { etag: '"abc"' }))).toEqual({ etag: '"abc"' })
    })

    it('finds no version without an ETag header', () => {
      expect(readVersion('etag', input({ version: 3 }))).toBeUndefined()
    })

    it('reports a broken ETag header as MalformedETagError quoting it', () => {
      expect(() => readVersion('etag', input(undefined, { etag: '"unterminated' }))).toThrow(
        MalformedETagError,
      )
      expect(() => readVersion('etag', input(undefined, { etag: 'abc' }))).toThrow(/"abc"/)
    })
  })

  describe('given a body field source', () => {
    it.each([
      ['version', { version: 4 }, 4],
      ['_rev', { _rev: '2-abc' }, '2-abc'],
      ['updatedAt', { updatedAt: '2024-05-01T10:00:00Z' }, '2024-05-01T10:00:00Z'],
      ['meta.updatedAt', { meta: { updatedAt: '2024-05-01T10:00:00Z' } }, '2024-05-01T10:00:00Z'],
      ['a.b.c', { a: { b: { c: 0 } } }, 0],
    ])('reads %s', (field, body, value) => {
      expect(readVersion({ field }, input(body))).toEqual({ value })
    })

    it('finds no version when the field is missing or null, or the body is not an object', () => {
      expect(readVersion({ field: 'version' }, input({ name: 'x' }))).toBeUndefined()
      expect(readVersion({ field: 'version' }, input({ version: null }))).toBeUndefined()
      expect(readVersion({ field: 'meta.version' }, input({ meta: 'x' }))).toBeUndefined()
      expect(readVersion({ field: 'version' }, input(undefined))).toBeUndefined()
      expect(readVersion({ field: 'version' }, input([1, 2]))).toBeUndefined()
    })

    it('reads own properties only, never the prototype', () => {
      expect(readVersion({ field: 'toString' }, input({}))).toBeUndefined()
      expect(() => readVersion({ field: '__proto__' }, input({}))).toThrow(/Invalid field path/)
    })

    it.each([
      [true, 'a boolean'],
      [{ n: 1 }, 'an object'],
      [[1], 'an array'],
      ['', 'an empty string'],
      [Number.NaN, 'the number NaN'],
      [Number.POSITIVE_INFINITY, 'the number Infinity'],
    ])('reports a version of the wrong type (%j) as InvalidVersionError', (value, described) => {
      try {
        readVersion({ field: 'meta.version' }, input({ meta: { version: value } }))
        expect.unreachable('readVersion accepted a version of the wrong type')
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidVersionError)
        const invalid = error as InvalidVersionError
        expect(invalid.code).toBe('INVALID_VERSION')
        expect(invalid.field).toBe('meta.version')
        expect(invalid.value).toBe(value)
        expect(invalid.message).toContain(described)
      }
    })

    it('also reads the ETag header when asked', () => {
      expect(readVersion({ field: 'version', etag: true }, input({ version: 2 }, { etag: '"v2"' }))).toEqual({
        etag: '"v2"',
        value: 2,
      })
      expect(readVersion({ field: 'version' }, input({ version: 2 }, { etag: '"v2"' }))).toEqual({ value: 2 })
    })
  })

  describe('given a function source', () => {
    it('uses what it returns', () => {
      const source = ({ headers, body }: VersionInput) => ({
        etag: headers.get('x-etag') ?? undefined,
        value: (body as { rev: number }).rev,
      })
      expect(readVersion(source, input({ rev: 9 }, { 'x-etag': '"nine"' }))).toEqual({
        etag: '"nine"',
        value: 9,
      })
      expect(readVersion(() => undefined, input({}))).toBeUndefined()
      expect(readVersion(() => ({}), input({}))).toBeUndefined()
    })

    it('checks what it returns', () => {
      expect(() => readVersion(() => ({ value: true }) as never, input({}))).toThrow(InvalidVersionError)
      expect(() => readVersion(() => ({ etag: 'abc' }), input({}))).toThrow(MalformedETagError)
      expect(() => readVersion(() => 5 as never, input({}))).toThrow(InvalidVersionError)
    })
  })
})

describe('sameVersion', () => {
  it('compares ETags weakly (a proxy may weaken a tag)', () => {
    expect(sameVersion({ etag: '"7"' }, { etag: '"7"' })).toBe(true)
    expect(sameVersion({ etag: '"7"' }, { etag: 'W/"7"' })).toBe(true)
    expect(sameVersion({ etag: '"7"' }, { etag: '"8"' })).toBe(false)
  })

  it('compares body values by their string form', () => {
    expect(sameVersion({ value: 3 }, { value: 3 })).toBe(true)
    expect(sameVersion({ value: 3 }, { value: '3' })).toBe(true)
    expect(sameVersion({ value: 3 }, { value: 4 })).toBe(false)
  })

  it('requires every part both carry to match', () => {
    expect(sameVersion({ etag: '"7"', value: 7 }, { etag: '"7"', value: 8 })).toBe(false)
    expect(sameVersion({ etag: '"7"', value: 7 }, { value: 7 })).toBe(true)
  })

  it('never calls unknown or incomparable versions the same', () => {
    expect(sameVersion(undefined, undefined)).toBe(false)
    expect(sameVersion({ etag: '"7"' }, undefined)).toBe(false)
    expect(sameVersion({ etag: '"7"' }, { value: 7 })).toBe(false)
    expect(sameVersion('unknown', 'unknown')).toBe(false)
    expect(sameVersion({ etag: '"7"' }, 'unknown')).toBe(false)
  })
})
