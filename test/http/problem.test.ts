import { describe, expect, it } from 'vitest'
import { classifyProblem, isJsonContentType, toProblemDetails } from '../../src/core/http/index'

describe('toProblemDetails', () => {
  it('reads RFC 9457 members and keeps extension members', () => {
    const json = {
      type: 'https://example.com/problems/version-mismatch',
      title: 'Version mismatch',
      status: 412,
      detail: 'The record changed since you loaded it.',
      instance: '/orders/7',
      current: { id: 7, name: 'Theirs' },
      etag: '"8"',
    }
    expect(toProblemDetails(json, 'application/problem+json')).toEqual(json)
    expect(toProblemDetails(json, 'application/json; charset=utf-8')).toEqual(json)
    expect(toProblemDetails(json, 'application/vnd.api+json')).toEqual(json)
    expect(toProblemDetails(json, '')).toEqual(json)
  })

  it('ignores non-objects and non-JSON content types', () => {
    for (const json of [undefined, null, 'text', 42, [1, 2], true]) {
      expect(toProblemDetails(json, 'application/problem+json')).toBeUndefined()
    }
    expect(toProblemDetails({ title: 'x' }, 'text/html')).toBeUndefined()
  })

  it('drops standard members of the wrong type', () => {
    expect(
      toProblemDetails(
        { title: 5, status: '409', type: null, detail: 'ok', code: 7 },
        'application/problem+json',
      ),
    ).toEqual({
      detail: 'ok',
      code: 7,
    })
  })

  it('never copies __proto__, constructor or prototype', () => {
    const json = JSON.parse(
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":1,"toString":"x"}',
    )
    const problem = toProblemDetails(json, 'application/problem+json')
    expect(problem).toEqual({ toString: 'x' })
    expect(Object.getPrototypeOf(problem)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['Application/Problem+JSON; charset=utf-8', true],
    ['', true],
    ['text/plain', false],
    ['text/html; charset=utf-8', false],
  ])('%j → %s', (contentType, expected) => {
    expect(isJsonContentType(contentType)).toBe(expected)
  })
})

describe('classifyProblem', () => {
  it('maps well-known type and code values by default, ignoring case and _ vs -', () => {
    expect(classifyProblem({ type: 'https://api.example.com/problems/version-mismatch' })).toBe('stale')
    expect(classifyProblem({ type: 'urn:problem:ALREADY_EXISTS' })).toBe('duplicate')
    expect(classifyProblem({ code: 'invalid_transition' })).toBe('state')
    expect(classifyProblem({ code: 'IDEMPOTENCY_KEY_IN_USE' })).toBe('in-progress')
    expect(classifyProblem({ type: 'about:blank', title: 'Conflict' })).toBeUndefined()
    expect(classifyProblem(undefined)).toBeUndefined()
  })

  it("tries the caller's mapping first, against the whole type, its last segment, then the code", () => {
    const problemTypes = {
      'https://api.example.com/errors/taken': 'duplicate',
      locked: 'state',
      E1042: 'in-progress',
      stale: 'state',
    } as const
    expect(classifyProblem({ type: 'https://api.example.com/errors/taken' }, problemTypes)).toBe('duplicate')
    expect(classifyProblem({ type: 'https://other.example/locked' }, problemTypes)).toBe('state')
    expect(classifyProblem({ code: 'E1042' }, problemTypes)).toBe('in-progress')
    expect(classifyProblem({ type: 'stale' }, problemTypes)).toBe('state')
    expect(classifyProblem({ code: 'version-conflict' }, problemTypes)).toBe('stale')
  })
})
