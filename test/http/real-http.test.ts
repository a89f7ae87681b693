/**
 * The protocol core over real HTTP: a loopback node:http server that sends ETags, enforces If-Match with 412,
 * and answers problem+json bodies, driven by `fetchResource` and `sendWrite`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  HttpError,
  MalformedETagError,
  NetworkError,
  ResponseBodyError,
  fetchResource,
  sameVersion,
  sendWrite,
  type SaveOutcome,
} from '../../src/core/http/index'
import { startServer, type LoopbackServer } from '../support/loopback'
import { ordersServer, type Note, type Order, type OrdersServer } from './orders-server'

let api: OrdersServer
let server: LoopbackServer

async function start(options: { weakETags?: boolean } = {}) {
  api = ordersServer(options)
  server = await startServer(api.handler)
}

function seed(order: Order, version = 1) {
  api.orders.set(order.id, { data: order, version })
}

afterEach(async () => {
  await server.close()
})

function kinds(outcomes: Array<SaveOutcome<unknown>>): string[] {
  return outcomes.map((outcome) => outcome.kind).sort()
}

describe('given a server with strong ETags', () => {
  beforeEach(async () => {
    await start()
    seed({ id: '1', name: 'Base', invoices: 0 }, 3)
  })

  it('loads a record with its version and request id', async () => {
    const loaded = await fetchResource<Order>(`${server.url}/orders/1`)
    expect(loaded.data).toEqual({ id: '1', name: 'Base', invoices: 0 })
    expect(loaded.version).toEqual({ etag: '"3"' })
    expect(loaded.requestId).toMatch(/^req-\d+$/)
  })

  it('saves with If-Match and gets the new version back', async () => {
    const loaded = await fetchResource<Order>(`${server.url}/orders/1`)
    const outcome = await sendWrite<Order>({
      url: `${server.url}/orders/1`,
      method: 'PUT',
      body: { ...loaded.data, name: 'Mine' },
      ...(loaded.version !== undefined && { version: loaded.version }),
    })
    expect(outcome).toMatchObject({
      kind: 'ok',
      status: 200,
      data: { name: 'Mine' },
      version: { etag: '"4"' },
    })
    expect(api.requests.at(-1)).toMatchObject({ method: 'PUT', ifMatch: '"3"' })
    expect(JSON.parse(api.requests.at(-1)?.body ?? '')).toEqual({ id: '1', name: 'Mine', invoices: 0 })
  })

  it('gets stale with theirs from the 412 problem body when someone saved first', async () => {
    const outcome = await sendWrite<Order>({
      url: `${server.url}/orders/1`,
      method: 'PUT',
      body: { id: '1', name: 'Mine', invoices: 0 },
      version: { etag: '"2"' },
    })
    expect(outcome).toMatchObject({
      kind: 'stale',
      status: 412,
      theirs: { data: { id: '1', name: 'Base', invoices: 0 }, version: { etag: '"3"' } },
      message: 'Order 1 was changed since you loaded it.',
    })
    expect(outcome.problem?.type).toBe('https://orders.example/problems/stale')
    expect(outcome.requestId).toMatch(/^req-\d+$/)
    expect(api.orders.get('1')?.data.name).toBe('Base')
  })

  it('lets exactly one of two racing writers win; the other gets stale with the winner as theirs', async () => {
    const [ana, ben] = await Promise.all([
      fetchResource<Order>(`${server.url}/orders/1`),
      fetchResource<Order>(`${server.url}/orders/1`),
    ])
    expect(sameVersion(ana.version, ben.version)).toBe(true)
    const write = (who: string, loaded: typeof ana) =>
      sendWrite<Order>({
        url: `${server.url}/orders/1`,
        method: 'PUT',
        body: { ...loaded.data, name: `${who}'s name` },
        headers: { 'x-user': who },
        ...(loaded.version !== undefined && { version: loaded.version }),
      })
    const outcomes = await Promise.all([write('Ana', ana), write('Ben', ben)])
    expect(kinds(outcomes)).toEqual(['ok', 'stale'])
    const winner = outcomes.find((outcome) => outcome.kind === 'ok')
    const loser = outcomes.find((outcome) => outcome.kind === 'stale')
    if (winner?.kind !== 'ok' || loser?.kind !== 'stale') throw new Error('expected one ok and one stale')
    expect(loser.theirs?.data).toEqual(winner.data)
    expect(loser.theirs?.version).toEqual(winner.version)
    expect(loser.by).toBe(winner.data?.name.startsWith('Ana') ? 'Ana' : 'Ben')
    expect(api.orders.get('1')).toMatchObject({ data: winner.data, version: 4 })
  })

  it('refuses a write with no known version before sending anything', async () => {
    const outcome = await sendWrite<Order>({
      url: `${server.url}/orders/1`,
      method: 'PUT',
      body: { name: 'Mine' },
    })
    expect(outcome).toMatchObject({ kind: 'error', retryable: false, error: { code: 'MISSING_VERSION' } })
    expect(api.requests).toHaveLength(0)
  })

  it('sends an unconditional write only when asked, and the server demands a precondition (428)', async () => {
    const outcome = await sendWrite<Order>({
      url: `${server.url}/orders/1`,
      method: 'PUT',
      body: { id: '1', name: 'Mine', invoices: 0 },
      precondition: { unconditional: true },
    })
    expect(outcome.kind).toBe('precondition-required')
    if (outcome.kind !== 'precondition-required') return
    expect(outcome.message).toContain('do not mark writes to this resource unconditional')
    expect(outcome.message).toContain('Send If-Match with the ETag of the order you loaded.')
    expect(api.requests.at(-1)?.ifMatch).toBeUndefined()
  })

  it('gets invalid with the message for a 422', async () => {
    const outcome = await sendWrite<Order>({
      url: `${server.url}/orders/1`,
      method: 'PUT',
      body: { id: '1', name: '', invoices: 0 },
      version: { etag: '"3"' },
    })
    expect(outcome).toMatchObject({ kind: 'invalid', status: 422, message: 'name is required.' })
  })

  it('deletes with If-Match, and gets state when references block the delete', async () => {
    seed({ id: '2', name: 'Invoiced', invoices: 2 })
    const blocked = await sendWrite({
      url: `${server.url}/orders/2`,
      method: 'DELETE',
      version: { etag: '"1"' },
    })
    expect(blocked).toMatchObject({
      kind: 'state',
      status: 409,
      message: 'Order 2 is referenced by 2 invoices.',
    })
    const deleted = await sendWrite({
      url: `${server.url}/orders/1`,
      method: 'DELETE',
      version: { etag: '"3"' },
    })
    expect(deleted).toMatchObject({ kind: 'ok', status: 204, data: undefined, version: 'unknown' })
    const again = await sendWrite({
      url: `${server.url}/orders/1`,
      method: 'PUT',
      body: {},
      version: { etag: '"3"' },
    })
    expect(again).toMatchObject({ kind: 'gone', status: 404 })
  })

  describe('creates', () => {
    it('send an Idempotency-Key, and a retry with the same key is applied once', async () => {
      const key = 'action-1'
      const create = () =>
        sendWrite<Order>({
          url: `${server.url}/orders`,
          method: 'POST',
          body: { name: 'New', invoices: 0 },
          idempotencyKey: key,
        })
      const first = await create()
      const retry = await create()
      expect(first).toMatchObject({
        kind: 'ok',
        status: 201,
        data: { name: 'New' },
        version: { etag: '"1"' },
      })
      expect(retry).toMatchObject({ kind: 'ok', status: 201, data: first.kind === 'ok' ? first.data : {} })
      expect(api.created()).toBe(1)
      expect(api.requests.map((request) => request.idempotencyKey)).toEqual([key, key])
      expect(api.requests.every((request) => request.ifMatch === undefined)).toBe(true)
    })

    it('generate a fresh key per call when none is given', async () => {
      await sendWrite({ url: `${server.url}/orders`, method: 'POST', body: { name: 'A', invoices: 0 } })
      await sendWrite({ url: `${server.url}/orders`, method: 'POST', body: { name: 'B', invoices: 0 } })
      const [a, b] = api.requests.map((request) => request.idempotencyKey)
      expect(a).toMatch(/^[0-9a-f-]{36}$/)
      expect(b).toMatch(/^[0-9a-f-]{36}$/)
      expect(a).not.toBe(b)
    })

    it('get in-progress with Retry-After while the same key is still running', async () => {
      const first = sendWrite({
        url: `${server.url}/orders?slow`,
        method: 'POST',
        body: { name: 'Slow', invoices: 0 },
        idempotencyKey: 'k-slow',
      })
      await new Promise((resolve) => setTimeout(resolve, 30))
      const second = await sendWrite({
        url: `${server.url}/orders`,
        method: 'POST',
        body: { name: 'Slow', invoices: 0 },
        idempotencyKey: 'k-slow',
      })
      expect(second).toMatchObject({ kind: 'in-progress', status: 409, retryAfterMs: 1000 })
      expect(await first).toMatchObject({ kind: 'ok', status: 201 })
      expect(api.created()).toBe(1)
    })

    it('get duplicate with the field, value and existing record under a uniqueness rule', async () => {
      const outcome = await sendWrite({
        url: `${server.url}/orders`,
        method: 'POST',
        body: { name: 'Base', invoices: 0 },
      })
      expect(outcome).toMatchObject({
        kind: 'duplicate',
        status: 409,
        field: 'name',
        value: 'Base',
        existing: '/orders/1',
        message: "An order named 'Base' already exists.",
      })
    })

    it('use a configured Idempotency-Key header name', async () => {
      await sendWrite({
        url: `${server.url}/bad/empty-conflict`,
        method: 'POST',
        body: {},
        idempotencyHeader: 'X-Idempotency-Key',
        idempotencyKey: 'abc',
        fetch: async (input, init) => {
          expect(new Headers(init?.headers).get('x-idempotency-key')).toBe('abc')
          expect(new Headers(init?.headers).has('idempotency-key')).toBe(false)
          return fetch(input, init)
        },
      })
    })
  })
})

describe('given a server with weak ETags that compares If-Match literally', () => {
  beforeEach(async () => {
    await start({ weakETags: true })
    seed({ id: '1', name: 'Base', invoices: 0 }, 7)
  })

  it('sends the weak tag back exactly as the server sent it', async () => {
    const loaded = await fetchResource<Order>(`${server.url}/orders/1`)
    expect(loaded.version).toEqual({ etag: 'W/"7"' })
    const outcome = await sendWrite<Order>({
      url: `${server.url}/orders/1`,
      method: 'PUT',
      body: { ...loaded.data, name: 'Mine' },
      ...(loaded.version !== undefined && { version: loaded.version }),
    })
    expect(api.requests.at(-1)?.ifMatch).toBe('W/"7"')
    expect(outcome).toMatchObject({ kind: 'ok', version: { etag: 'W/"8"' } })
  })
})

describe('given a server that keeps the version in the body', () => {
  beforeEach(async () => {
    await start()
    api.notes.set('n1', { id: 'n1', text: 'base', version: 5 })
  })

  it('writes the version into the body and reads the new one back', async () => {
    const loaded = await fetchResource<Note>(`${server.url}/notes/n1`, {
      versionSource: { field: 'version' },
    })
    expect(loaded.version).toEqual({ value: 5 })
    const outcome = await sendWrite<Note>({
      url: `${server.url}/notes/n1`,
      method: 'PUT',
      body: { id: 'n1', text: 'mine' },
      ...(loaded.version !== undefined && { version: loaded.version }),
      classify: { versionSource: { field: 'version' } },
    })
    expect(JSON.parse(api.requests.at(-1)?.body ?? '')).toEqual({ id: 'n1', text: 'mine', version: 5 })
    expect(api.requests.at(-1)?.ifMatch).toBeUndefined()
    expect(outcome).toMatchObject({ kind: 'ok', version: { value: 6 } })
  })

  it('gets stale with theirs from a 409 version-mismatch problem', async () => {
    const outcome = await sendWrite<Note>({
      url: `${server.url}/notes/n1`,
      method: 'PUT',
      body: { id: 'n1', text: 'mine' },
      version: { value: 4 },
      classify: { versionSource: { field: 'version' } },
    })
    expect(outcome).toMatchObject({
      kind: 'stale',
      status: 409,
      theirs: { data: { id: 'n1', text: 'base', version: 5 }, version: { value: 5 } },
    })
  })
})

describe('given broken responses', () => {
  beforeEach(async () => {
    await start()
  })

  it('classifies a 2xx HTML body as an error with ResponseBodyError', async () => {
    const outcome = await sendWrite({
      url: `${server.url}/bad/html`,
      method: 'PUT',
      body: {},
      version: { etag: '"1"' },
    })
    expect(outcome).toMatchObject({ kind: 'error', status: 200, retryable: false })
    if (outcome.kind === 'error') expect(outcome.error).toBeInstanceOf(ResponseBodyError)
  })

  it('classifies a body cut off by a dropped connection as interrupted', async () => {
    const outcome = await sendWrite({
      url: `${server.url}/bad/cut`,
      method: 'PUT',
      body: {},
      version: { etag: '"1"' },
    })
    expect(outcome.kind).toBe('error')
    if (outcome.kind === 'error')
      expect(outcome.error).toMatchObject({ code: 'RESPONSE_BODY', reason: 'interrupted' })
  })

  it('reads at most 1 MiB of a huge conflict body and hangs up', async () => {
    const outcome = await sendWrite({
      url: `${server.url}/bad/huge-conflict`,
      method: 'PUT',
      body: {},
      version: { etag: '"1"' },
    })
    expect(outcome).toMatchObject({ kind: 'stale', status: 409 })
    if (outcome.kind === 'stale') expect(outcome.theirs).toBeUndefined()
    await expect.poll(() => api.huge.closedEarly).toBe(true)
    expect(api.huge.written).toBeLessThan(api.huge.offered)
  })

  it('classifies bare and HTML 409s by the operation', async () => {
    const update = await sendWrite({
      url: `${server.url}/bad/empty-conflict`,
      method: 'PATCH',
      body: {},
      version: { etag: '"1"' },
    })
    const create = await sendWrite({ url: `${server.url}/bad/html-conflict`, method: 'POST', body: {} })
    expect(update).toMatchObject({ kind: 'stale', status: 409 })
    expect(create).toMatchObject({ kind: 'duplicate', status: 409 })
  })

  it('reports a broken ETag as MalformedETagError', async () => {
    await expect(fetchResource(`${server.url}/bad/etag`)).rejects.toBeInstanceOf(MalformedETagError)
    const outcome = await sendWrite({
      url: `${server.url}/bad/etag`,
      method: 'PUT',
      body: {},
      version: { etag: '"1"' },
    })
    expect(outcome.kind === 'error' && outcome.error).toBeInstanceOf(MalformedETagError)
  })

  it('fetchResource reports a non-JSON body, a 404 and a dead server with typed errors', async () => {
    await expect(fetchResource(`${server.url}/bad/html`)).rejects.toMatchObject({
      name: 'ResponseBodyError',
      reason: 'not-json',
    })
    const missing = fetchResource(`${server.url}/orders/404`)
    await expect(missing).rejects.toBeInstanceOf(HttpError)
    await expect(missing).rejects.toMatchObject({ status: 404, problem: { title: 'Not Found' } })
    const url = server.url
    await server.close()
    await expect(fetchResource(`${url}/orders/1`)).rejects.toBeInstanceOf(NetworkError)
    server = await startServer(api.handler)
  })

  it('sendWrite turns a dead server into a retryable network error', async () => {
    const url = server.url
    await server.close()
    const outcome = await sendWrite({
      url: `${url}/orders/1`,
      method: 'PUT',
      body: {},
      version: { etag: '"1"' },
    })
    expect(outcome).toMatchObject({ kind: 'error', retryable: true })
    if (outcome.kind === 'error') expect(outcome.error).toBeInstanceOf(NetworkError)
    server = await startServer(api.handler)
  })

  it('rethrows an abort instead of classifying it', async () => {
    const controller = new AbortController()
    const write = sendWrite({
      url: `${server.url}/orders?slow`,
      method: 'POST',
      body: { name: 'Aborted', invoices: 0 },
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(), 20)
    await expect(write).rejects.toMatchObject({ name: 'AbortError' })
  })
})
