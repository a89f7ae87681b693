import { describe, expect, it } from 'vitest'
import {
  HttpError,
  InvalidVersionError,
  MalformedETagError,
  NetworkError,
  ResponseBodyError,
  classifyFailure,
  classifyResponse,
  type ClassifyOptions,
  type SaveOutcome,
} from '../../src/core/http/index'

interface Order {
  id: number
  name: string
  version?: number
}

const update: ClassifyOptions<Order> = { operation: 'update' }
const create: ClassifyOptions<Order> = { operation: 'create' }

function problem(
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  })
}

function expectKind<K extends SaveOutcome['kind']>(
  outcome: SaveOutcome<Order>,
  kind: K,
): Extract<SaveOutcome<Order>, { kind: K }> {
  expect(outcome.kind).toBe(kind)
  return outcome as Extract<SaveOutcome<Order>, { kind: K }>
}

describe('classifyResponse', () => {
  describe('given a 2xx', () => {
    it('is ok with the data and the new version from the ETag', async () => {
      const response = Response.json({ id: 1, name: 'A' }, { status: 200, headers: { etag: 'W/"2"' } })
      expect(await classifyResponse(response, update)).toEqual({
        kind: 'ok',
        status: 200,
        data: { id: 1, name: 'A' },
        version: { etag: 'W/"2"' },
      })
    })

    it('reads the version from a body field when configured', async () => {
      const response = Response.json({ id: 1, name: 'A', version: 5 }, { status: 201 })
      const outcome = expectKind(
        await classifyResponse(response, { ...create, versionSource: { field: 'version' } }),
        'ok',
      )
      expect(outcome.version).toEqual({ value: 5 })
    })

    it("is ok with version 'unknown' and no data for a 204 without an ETag", async () => {
      expect(await classifyResponse(new Response(null, { status: 204 }), { operation: 'delete' })).toEqual({
        kind: 'ok',
        status: 204,
        data: undefined,
        version: 'unknown',
      })
    })

    it('is an error with ResponseBodyError for a body that is not JSON', async () => {
      const response = new Response('<html>saved!</html>', {
        status: 200,
        headers: { 'content-type': 'text/html' },
      })
      const outcome = expectKind(await classifyResponse(response, update), 'error')
      expect(outcome.error).toBeInstanceOf(ResponseBodyError)
      expect(outcome.error.message).toContain('reload the record')
      expect((outcome.error as ResponseBodyError).reason).toBe('not-json')
      expect(outcome).toMatchObject({ status: 200, retryable: false })
    })

    it('is an error with ResponseBodyError for a body over the read limit', async () => {
      const response = Response.json({ text: 'x'.repeat(2000) })
      const outcome = expectKind(await classifyResponse(response, { ...update, maxBodyBytes: 100 }), 'error')
      expect((outcome.error as ResponseBodyError).reason).toBe('too-large')
    })

    it('is an error with MalformedETagError for a broken ETag, never a TypeError', async () => {
      const response = Response.json({ id: 1 }, { headers: { etag: '"broken' } })
      const outcome = expectKind(await classifyResponse(response, update), 'error')
      expect(outcome.error).toBeInstanceOf(MalformedETagError)
      expect(outcome.error.message).toContain('"\\"broken"')
      expect(outcome.retryable).toBe(false)
    })

    it('is an error with InvalidVersionError for a body version of the wrong type', async () => {
      const response = Response.json({ id: 1, version: { n: 1 } })
      const outcome = expectKind(
        await classifyResponse(response, { ...update, versionSource: { field: 'version' } }),
        'error',
      )
      expect(outcome.error).toBeInstanceOf(InvalidVersionError)
    })
  })

  describe('given a 412', () => {
    it('is stale with theirs from the problem body, and who and when', async () => {
      const response = problem(
        412,
        {
          type: 'https://example.com/problems/stale',
          title: 'Precondition Failed',
          detail: 'Order 7 was changed by Ana.',
          current: { id: 7, name: 'Theirs' },
          etag: 'W/"8"',
          modifiedBy: 'Ana',
          modifiedAt: '2024-05-01T10:00:00Z',
        },
        { 'x-request-id': 'req-412' },
      )
      const outcome = expectKind(await classifyResponse(response, update), 'stale')
      expect(outcome).toMatchObject({
        status: 412,
        theirs: { data: { id: 7, name: 'Theirs' }, version: { etag: 'W/"8"' } },
        by: 'Ana',
        at: '2024-05-01T10:00:00Z',
        message: 'Order 7 was changed by Ana.',
        requestId: 'req-412',
      })
      expect(outcome.problem?.type).toBe('https://example.com/problems/stale')
    })

    it("takes theirs' version from the response's ETag header when the body names none", async () => {
      const response = problem(412, { resource: { id: 7, name: 'Theirs' } }, { etag: '"9"' })
      const outcome = expectKind(await classifyResponse(response, update), 'stale')
      expect(outcome.theirs).toEqual({ data: { id: 7, name: 'Theirs' }, version: { etag: '"9"' } })
    })

    it("reads theirs' version with a body-field version source", async () => {
      const response = problem(412, { current: { id: 7, name: 'Theirs', version: 12 } })
      const outcome = expectKind(
        await classifyResponse(response, { ...update, versionSource: { field: 'version' } }),
        'stale',
      )
      expect(outcome.theirs?.version).toEqual({ value: 12 })
    })

    it('uses a custom theirs reader', async () => {
      const response = problem(412, { data: { record: { id: 7, name: 'Theirs' }, rev: '3-x' } })
      const outcome = expectKind(
        await classifyResponse(response, {
          ...update,
          theirs: (p) => {
            const data = p['data'] as { record: Order; rev: string }
            return { data: data.record, version: { value: data.rev } }
          },
        }),
        'stale',
      )
      expect(outcome.theirs).toEqual({ data: { id: 7, name: 'Theirs' }, version: { value: '3-x' } })
    })

    it('is stale without theirs for a bare 412, and for bodies that are not JSON, truncated or huge', async () => {
      const bodies: Array<[BodyInit | null, string]> = [
        [null, ''],
        ['<h1>Precondition Failed</h1>', 'text/html'],
        ['{"current":{"id":7,"na', 'application/problem+json'],
        [JSON.stringify({ current: { blob: 'x'.repeat(2 * 1024 * 1024) } }), 'application/problem+json'],
      ]
      for (const [body, contentType] of bodies) {
        const response = new Response(body, {
          status: 412,
          headers: contentType ? { 'content-type': contentType } : {},
        })
        const outcome = expectKind(await classifyResponse(response, update), 'stale')
        expect(outcome.theirs).toBeUndefined()
        expect(outcome.problem).toBeUndefined()
      }
    })

    it('leaves out a malformed etag member instead of failing', async () => {
      const outcome = expectKind(
        await classifyResponse(problem(412, { current: { id: 1, name: 'x' }, etag: 'no-quotes' }), update),
        'stale',
      )
      expect(outcome.theirs).toEqual({ data: { id: 1, name: 'x' }, version: undefined })
    })
  })

  describe('given a 409', () => {
    it('is stale on an update and on a delete when bare', async () => {
      expectKind(await classifyResponse(new Response(null, { status: 409 }), update), 'stale')
      expectKind(await classifyResponse(new Response('', { status: 409 }), { operation: 'delete' }), 'stale')
    })

    it('is duplicate on a create when bare', async () => {
      expect(await classifyResponse(new Response(null, { status: 409 }), create)).toEqual({
        kind: 'duplicate',
        status: 409,
      })
    })

    it('is stale when the body carries the current resource, whatever the operation', async () => {
      const outcome = expectKind(
        await classifyResponse(problem(409, { current: { id: 1, name: 'T' }, version: 4 }), create),
        'stale',
      )
      expect(outcome.theirs).toEqual({ data: { id: 1, name: 'T' }, version: { value: 4 } })
    })

    it('is stale for a version-mismatch problem type', async () => {
      const outcome = await classifyResponse(problem(409, { type: '/problems/version-mismatch' }), create)
      expectKind(outcome, 'stale')
    })

    it('is duplicate for a uniqueness problem, with the field, value and existing record', async () => {
      const outcome = await classifyResponse(
        problem(
          409,
          {
            type: 'urn:problem:already-exists',
            detail: "'acme' is already taken.",
            field: 'slug',
            value: 'acme',
          },
          {
            location: '/orgs/41',
          },
        ),
        update,
      )
      expect(outcome).toMatchObject({
        kind: 'duplicate',
        field: 'slug',
        value: 'acme',
        existing: '/orgs/41',
        message: "'acme' is already taken.",
      })
    })

    it('takes a duplicate field from errors[].pointer', async () => {
      const outcome = await classifyResponse(
        problem(409, {
          code: 'UNIQUE_VIOLATION',
          errors: [{ detail: 'taken', pointer: '#/owner/email' }],
          existing: '/users/3',
        }),
        create,
      )
      expect(outcome).toMatchObject({ kind: 'duplicate', field: 'owner.email', existing: '/users/3' })
    })

    it('is state for a workflow or reference rule, with the message', async () => {
      const outcome = await classifyResponse(
        problem(409, {
          type: 'https://example.com/problems/referenced',
          title: 'Still referenced',
          detail: 'Used by 3 invoices.',
        }),
        { operation: 'delete' },
      )
      expect(outcome).toMatchObject({ kind: 'state', status: 409, message: 'Used by 3 invoices.' })
    })

    it('keeps a short text/plain body as the message of a bare 409', async () => {
      const response = new Response('Cannot ship a cancelled order.', {
        status: 409,
        headers: { 'content-type': 'text/plain' },
      })
      const outcome = await classifyResponse(response, update)
      expect(outcome).toMatchObject({ kind: 'stale', message: 'Cannot ship a cancelled order.' })
    })

    it('is in-progress for a concurrent request with the same Idempotency-Key, with Retry-After', async () => {
      const outcome = await classifyResponse(
        problem(409, { type: 'https://example.com/idempotency-key-in-use' }, { 'retry-after': '2' }),
        create,
      )
      expect(outcome).toMatchObject({ kind: 'in-progress', status: 409, retryAfterMs: 2000 })
    })

    it('maps custom problem types and codes', async () => {
      const problemTypes = { 'https://shop.example/errors/order-locked': 'state', E42: 'duplicate' } as const
      expectKind(
        await classifyResponse(problem(409, { type: 'https://shop.example/errors/order-locked' }), {
          ...update,
          problemTypes,
        }),
        'state',
      )
      expectKind(
        await classifyResponse(problem(409, { code: 'E42' }), { ...update, problemTypes }),
        'duplicate',
      )
      // Without the mapping the same bodies fall back to the operation's default.
      expectKind(await classifyResponse(problem(409, { code: 'E42' }), update), 'stale')
    })

    it('ignores a problem body with prototype keys', async () => {
      const response = new Response(
        '{"__proto__":{"type":"in-progress"},"constructor":{"prototype":{"x":1}}}',
        {
          status: 409,
          headers: { 'content-type': 'application/problem+json' },
        },
      )
      const outcome = await classifyResponse(response, create)
      expect(outcome).toEqual({ kind: 'duplicate', status: 409, problem: {} })
      expect(({} as Record<string, unknown>).type).toBeUndefined()
    })
  })

  describe('given a 428', () => {
    it('is precondition-required with a message that says how to fix the configuration', async () => {
      const outcome = expectKind(
        await classifyResponse(
          problem(428, { title: 'Precondition Required', detail: 'Send If-Match.' }),
          update,
        ),
        'precondition-required',
      )
      expect(outcome.message).toContain('428 Precondition Required')
      expect(outcome.message).toContain('versionSource')
      expect(outcome.message).toContain('unconditional')
      expect(outcome.message).toContain('The server said: Send If-Match.')
    })

    it('explains what to change for the precondition that was sent', async () => {
      const body = expectKind(
        await classifyResponse(new Response(null, { status: 428 }), { ...update, sentPrecondition: 'body' }),
        'precondition-required',
      )
      expect(body.message).toContain("mode 'if-match' or 'both'")
      const ifMatch = expectKind(
        await classifyResponse(new Response(null, { status: 428 }), {
          ...update,
          sentPrecondition: 'if-match',
        }),
        'precondition-required',
      )
      expect(ifMatch.message).toContain('strips it')
    })
  })

  describe('given other statuses', () => {
    it('is invalid for 400 and 422, with the message', async () => {
      expect(await classifyResponse(problem(422, { detail: 'Name is required.' }), update)).toMatchObject({
        kind: 'invalid',
        status: 422,
        message: 'Name is required.',
      })
      expectKind(await classifyResponse(new Response('nope', { status: 400 }), create), 'invalid')
    })

    it('is gone for 404 and 410 on updates and deletes, an error on creates', async () => {
      expect(await classifyResponse(new Response(null, { status: 410 }), update)).toEqual({
        kind: 'gone',
        status: 410,
      })
      expectKind(await classifyResponse(new Response(null, { status: 404 }), { operation: 'delete' }), 'gone')
      const outcome = expectKind(await classifyResponse(new Response(null, { status: 404 }), create), 'error')
      expect(outcome.retryable).toBe(false)
    })

    it.each([
      [500, true],
      [502, true],
      [503, true],
      [408, true],
      [429, true],
      [401, false],
      [403, false],
      [405, false],
    ])('is an error for %i, retryable: %s', async (status, retryable) => {
      const outcome = expectKind(
        await classifyResponse(
          problem(status, { title: 'Nope' }, { 'retry-after': '5', 'x-request-id': 'r1' }),
          update,
        ),
        'error',
      )
      expect(outcome.error).toBeInstanceOf(HttpError)
      expect((outcome.error as HttpError).status).toBe(status)
      expect(outcome.error.message).toContain('Nope')
      expect(outcome).toMatchObject({ status, retryable, retryAfterMs: 5000, requestId: 'r1' })
    })

    it('reads the request id from a configured header', async () => {
      const response = new Response(null, {
        status: 204,
        headers: { 'x-correlation-id': 'c-1', 'x-request-id': 'r-1' },
      })
      expect(
        await classifyResponse(response, { ...update, requestIdHeader: 'X-Correlation-Id' }),
      ).toMatchObject({
        requestId: 'c-1',
      })
    })
  })
})

describe('classifyFailure', () => {
  it('turns a rejected fetch into a retryable NetworkError that wraps the cause', () => {
    const cause = new TypeError('fetch failed')
    const outcome = classifyFailure(cause)
    expect(outcome.kind).toBe('error')
    if (outcome.kind !== 'error') return
    expect(outcome.retryable).toBe(true)
    expect(outcome.error).toBeInstanceOf(NetworkError)
    expect(outcome.error.cause).toBe(cause)
    expect(outcome.error.message).toContain('fetch failed')
  })

  it('keeps a ConflictSafeError as it is', () => {
    const error = new MalformedETagError('x', 'missing opening quote')
    expect(classifyFailure(error)).toEqual({ kind: 'error', error, retryable: false })
  })

  it('rethrows an AbortError instead of classifying it', () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError')
    expect(() => classifyFailure(abort)).toThrow(abort)
  })
})
