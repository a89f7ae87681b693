/** What sendWrite puts on the wire, seen through an injected fetch (the real-HTTP suite covers the server side). */
import { describe, expect, it } from 'vitest'
import { InvalidBodyError, sendWrite } from '../../src/core/http/index'

function recordingFetch(response: () => Response = () => new Response(null, { status: 204 })) {
  const calls: Array<{ url: string; method: string; headers: Headers; body: string | undefined }> = []
  const fetchImpl: typeof fetch = async (input, init) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
    })
    return response()
  }
  return { calls, fetch: fetchImpl }
}

describe('sendWrite', () => {
  it('sends JSON with Accept and Content-Type, keeping extra headers', async () => {
    const { calls, fetch } = recordingFetch()
    await sendWrite({
      url: 'http://127.0.0.1:9/orders/1',
      method: 'PATCH',
      body: { name: 'x' },
      version: { etag: '"1"' },
      headers: { Authorization: 'Bearer t' },
      fetch,
    })
    const [call] = calls
    expect(call?.method).toBe('PATCH')
    expect(call?.body).toBe('{"name":"x"}')
    expect(call?.headers.get('content-type')).toBe('application/json')
    expect(call?.headers.get('accept')).toBe('application/json, application/problem+json')
    expect(call?.headers.get('authorization')).toBe('Bearer t')
    expect(call?.headers.get('if-match')).toBe('"1"')
    expect(call?.headers.has('idempotency-key')).toBe(false)
  })

  it("lets the version's If-Match win over a stale one in extra headers", async () => {
    const { calls, fetch } = recordingFetch()
    await sendWrite({
      url: 'http://127.0.0.1:9/a',
      method: 'PUT',
      body: {},
      version: { etag: '"2"' },
      headers: { 'If-Match': '"1"' },
      fetch,
    })
    expect(calls[0]?.headers.get('if-match')).toBe('"2"')
  })

  it('sends both If-Match and the body version in mode both', async () => {
    const { calls, fetch } = recordingFetch()
    await sendWrite({
      url: 'http://127.0.0.1:9/a',
      method: 'PUT',
      body: { name: 'x' },
      version: { etag: 'W/"3"', value: 3 },
      precondition: { mode: 'both', field: 'meta.rev' },
      fetch,
    })
    expect(calls[0]?.headers.get('if-match')).toBe('W/"3"')
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ name: 'x', meta: { rev: 3 } })
  })

  it('sends a DELETE without a body, or with the body version in body mode', async () => {
    const { calls, fetch } = recordingFetch()
    await sendWrite({ url: 'http://127.0.0.1:9/a', method: 'DELETE', version: { etag: '"1"' }, fetch })
    await sendWrite({ url: 'http://127.0.0.1:9/a', method: 'DELETE', version: { value: 4 }, fetch })
    expect(calls[0]?.body).toBeUndefined()
    expect(calls[0]?.headers.has('content-type')).toBe(false)
    expect(calls[1]?.body).toBe('{"version":4}')
  })

  it('sends an Idempotency-Key on a non-create only when given one', async () => {
    const { calls, fetch } = recordingFetch()
    await sendWrite({
      url: 'http://127.0.0.1:9/a',
      method: 'PUT',
      body: {},
      version: { etag: '"1"' },
      idempotencyKey: 'k1',
      fetch,
    })
    expect(calls[0]?.headers.get('idempotency-key')).toBe('k1')
  })

  it('treats a PUT declared as a create like a create: no precondition needed, an Idempotency-Key sent', async () => {
    const { calls, fetch } = recordingFetch(() => new Response(null, { status: 409 }))
    const outcome = await sendWrite({
      url: 'http://127.0.0.1:9/a',
      method: 'PUT',
      operation: 'create',
      body: {},
      fetch,
    })
    expect(calls[0]?.headers.has('if-match')).toBe(false)
    expect(calls[0]?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/)
    expect(outcome.kind).toBe('duplicate')
  })

  it('refuses a body it cannot serialize without sending anything', async () => {
    const { calls, fetch } = recordingFetch()
    const outcome = await sendWrite({ url: 'http://127.0.0.1:9/a', method: 'POST', body: { n: 1n }, fetch })
    expect(outcome).toMatchObject({ kind: 'error', retryable: false })
    if (outcome.kind === 'error') expect(outcome.error).toBeInstanceOf(InvalidBodyError)
    expect(calls).toHaveLength(0)
  })

  it('refuses a version in a body that is not an object', async () => {
    const { calls, fetch } = recordingFetch()
    const outcome = await sendWrite({
      url: 'http://127.0.0.1:9/a',
      method: 'PUT',
      body: [1, 2],
      version: { value: 1 },
      fetch,
    })
    expect(outcome.kind === 'error' && outcome.error).toBeInstanceOf(InvalidBodyError)
    expect(calls).toHaveLength(0)
  })

  it('passes classify options through (problem types, request id header)', async () => {
    const { fetch } = recordingFetch(
      () =>
        new Response(JSON.stringify({ code: 'LOCKED' }), {
          status: 409,
          headers: { 'content-type': 'application/problem+json', 'x-trace': 't-9' },
        }),
    )
    const outcome = await sendWrite({
      url: 'http://127.0.0.1:9/a',
      method: 'PUT',
      body: {},
      version: { etag: '"1"' },
      classify: { problemTypes: { LOCKED: 'state' }, requestIdHeader: 'X-Trace' },
      fetch,
    })
    expect(outcome).toMatchObject({ kind: 'state', requestId: 't-9', problem: { code: 'LOCKED' } })
  })
})
