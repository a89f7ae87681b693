import { describe, expect, it } from 'vitest'
import { createReferenceServer, PROBLEM_TYPES } from '../../src/server/index'
import { call, receive, request } from './helpers'

function server(options: { delayMs?: number; ttlMs?: number; now?: () => number } = {}) {
  return createReferenceServer({
    resources: { orders: { unique: ['ref'] } },
    idempotency: { ...(options.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {}) },
    ...(options.delayMs !== undefined ? { delayMs: options.delayMs } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  })
}

describe('Idempotency-Key', () => {
  it('replays the first response byte for byte and creates once', async () => {
    const app = server()
    const send = { body: { item: 'tea' }, headers: { 'Idempotency-Key': 'key-1' } }
    const first = await call(app, 'POST', '/orders', send)
    const second = await call(app, 'POST', '/orders', send)
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.text).toBe(first.text)
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(second.headers.get('location')).toBe(first.headers.get('location'))
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'))
    expect(app.snapshot().orders).toEqual([{ id: '1', item: 'tea' }])
  })

  it('replays refusals too: a duplicate stays a duplicate', async () => {
    const app = server()
    await call(app, 'POST', '/orders', { body: { ref: 'A' } })
    const send = { body: { ref: 'A' }, headers: { 'Idempotency-Key': 'dup' } }
    const first = await call(app, 'POST', '/orders', send)
    const again = await call(app, 'POST', '/orders', send)
    expect(first.status).toBe(409)
    expect(again.text).toBe(first.text)
  })

  it('answers 409 in-progress with Retry-After while the first request runs', async () => {
    const app = server({ delayMs: 40 })
    const send = { body: { item: 'tea' }, headers: { 'Idempotency-Key': 'slow' } }
    const firstPending = app.handle(request('POST', '/orders', send))
    const second = await call(app, 'POST', '/orders', send)
    expect(second.status).toBe(409)
    expect(second.headers.get('retry-after')).toBe('1')
    expect(second.json).toMatchObject({
      type: PROBLEM_TYPES.inProgress,
      code: 'in-progress',
      retryAfterMs: 1000,
    })
    const first = await receive(await firstPending)
    expect(first.status).toBe(201)
    const third = await call(app, 'POST', '/orders', send)
    expect(third.text).toBe(first.text)
    expect(app.snapshot().orders).toHaveLength(1)
  })

  it('refuses a key reused with a different body, method or path with 422', async () => {
    const app = server()
    await call(app, 'POST', '/orders', { body: { item: 'tea' }, headers: { 'Idempotency-Key': 'k' } })
    const otherBody = await call(app, 'POST', '/orders', {
      body: { item: 'coffee' },
      headers: { 'Idempotency-Key': 'k' },
    })
    expect(otherBody.status).toBe(422)
    expect(otherBody.json).toMatchObject({
      type: PROBLEM_TYPES.idempotencyKeyReused,
      code: 'idempotency-key-reused',
    })
    expect(otherBody.json.detail).toContain("'k'")
    const otherPath = await call(app, 'PUT', '/orders/1', {
      body: { item: 'tea' },
      headers: { 'Idempotency-Key': 'k' },
    })
    expect(otherPath.status).toBe(422)
    expect(app.snapshot().orders).toEqual([{ id: '1', item: 'tea' }])
  })

  it('scopes keys per user', async () => {
    const app = server()
    const a = await call(app, 'POST', '/orders', {
      body: { item: 'tea' },
      headers: { 'Idempotency-Key': 'k', 'X-User': 'ada' },
    })
    const b = await call(app, 'POST', '/orders', {
      body: { item: 'tea' },
      headers: { 'Idempotency-Key': 'k', 'X-User': 'bob' },
    })
    expect(a.json.id).toBe('1')
    expect(b.json.id).toBe('2')
  })

  it('forgets keys after ttlMs', async () => {
    let clock = 0
    const app = server({ ttlMs: 1000, now: () => clock })
    const send = { body: { item: 'tea' }, headers: { 'Idempotency-Key': 'k' } }
    await call(app, 'POST', '/orders', send)
    clock = 999
    expect((await call(app, 'POST', '/orders', send)).headers.get('idempotent-replayed')).toBe('true')
    clock = 1001
    const fresh = await call(app, 'POST', '/orders', send)
    expect(fresh.headers.get('idempotent-replayed')).toBeNull()
    expect(app.snapshot().orders).toHaveLength(2)
  })

  it('refuses a malformed key with 400', async () => {
    const app = server()
    const bad = await call(app, 'POST', '/orders', {
      body: {},
      headers: { 'Idempotency-Key': 'x'.repeat(256) },
    })
    expect(bad.status).toBe(400)
    expect(app.snapshot().orders).toEqual([])
  })

  it('does not keep a failed (5xx) first attempt, so a retry runs again', async () => {
    let fail = true
    const app = createReferenceServer({
      resources: {
        orders: {
          rules: [
            () => {
              if (fail) throw new Error('disk full')
              return undefined
            },
          ],
        },
      },
    })
    const send = { body: { item: 'tea' }, headers: { 'Idempotency-Key': 'k' } }
    const failed = await call(app, 'POST', '/orders', send)
    expect(failed.status).toBe(500)
    expect(failed.json).toMatchObject({ code: 'internal', type: PROBLEM_TYPES.internal })
    fail = false
    const retried = await call(app, 'POST', '/orders', send)
    expect(retried.status).toBe(201)
    expect(retried.headers.get('idempotent-replayed')).toBeNull()
  })

  it('is ignored when idempotency is false', async () => {
    const app = createReferenceServer({ resources: { orders: {} }, idempotency: false })
    const send = { body: { item: 'tea' }, headers: { 'Idempotency-Key': 'k' } }
    await call(app, 'POST', '/orders', send)
    await call(app, 'POST', '/orders', send)
    expect(app.snapshot().orders).toHaveLength(2)
  })
})
