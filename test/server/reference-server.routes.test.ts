import { describe, expect, it } from 'vitest'
import { createReferenceServer, PROBLEM_TYPES } from '../../src/server/index'
import type { Exchange } from '../../src/server/index'
import { call, receive } from './helpers'

function app(extra: Partial<Parameters<typeof createReferenceServer>[0]> = {}) {
  return createReferenceServer({
    resources: { notes: {} },
    seed: { notes: [{ id: 1, title: 'A' }] },
    ...extra,
  })
}

describe('routes', () => {
  it('serves GET, POST, PUT, PATCH and DELETE with JSON bodies and ids as strings', async () => {
    const server = app()
    expect((await call(server, 'GET', '/notes/1')).json).toEqual({ id: '1', title: 'A' })
    const created = await call(server, 'POST', '/notes', { body: { title: 'B' } })
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBe('http://test.local/notes/2')
    expect(created.headers.get('content-type')).toBe('application/json')
    const patched = await call(server, 'PATCH', '/notes/2', {
      body: { title: null, tags: ['x'] },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    })
    expect(patched.json).toEqual({ id: '2', tags: ['x'] })
    const replaced = await call(server, 'PUT', '/notes/2', { body: { title: 'C' } })
    expect(replaced.json).toEqual({ id: '2', title: 'C' })
    expect((await call(server, 'DELETE', '/notes/2')).status).toBe(204)
    expect((await call(server, 'GET', '/notes')).json).toEqual([{ id: '1', title: 'A' }])
    // Ids of deleted records are not handed out again.
    expect((await call(server, 'POST', '/notes', { body: {} })).json.id).toBe('3')
  })

  it('answers HEAD with headers only', async () => {
    const head = await call(app(), 'HEAD', '/notes/1')
    expect(head.status).toBe(200)
    expect(head.text).toBe('')
    expect(head.headers.get('etag')).toMatch(/^"/)
  })

  it('answers unknown paths with 404 and wrong methods with 405 and Allow', async () => {
    const server = app()
    for (const path of ['/', '/nope', '/notes/1/extra', '/nope/1']) {
      const missing = await call(server, 'GET', path)
      expect(missing.status).toBe(404)
      expect(missing.json.type).toBe(PROBLEM_TYPES.notFound)
    }
    const wrong = await call(server, 'DELETE', '/notes')
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS')
    expect((await call(server, 'POST', '/notes/1', { body: {} })).headers.get('allow')).toContain('PATCH')
  })

  it('refuses the id in the body when it differs from the URL', async () => {
    const mismatch = await call(app(), 'PUT', '/notes/1', { body: { id: '2', title: 'x' } })
    expect(mismatch.status).toBe(422)
  })

  it('refuses non-JSON (415), malformed JSON (400), non-objects (422) and oversized bodies (413)', async () => {
    const server = app({ maxBodyBytes: 64 })
    const text = await call(server, 'POST', '/notes', {
      body: 'hello',
      headers: { 'Content-Type': 'text/plain' },
    })
    expect(text.status).toBe(415)
    expect(text.json.type).toBe(PROBLEM_TYPES.unsupportedMediaType)
    expect((await call(server, 'POST', '/notes', { body: '{"a":' })).status).toBe(400)
    expect((await call(server, 'POST', '/notes', { body: [1, 2] })).status).toBe(422)
    expect((await call(server, 'POST', '/notes', { body: '' })).status).toBe(422)
    const big = await call(server, 'POST', '/notes', { body: { text: 'x'.repeat(100) } })
    expect(big.status).toBe(413)
    expect(big.json.type).toBe(PROBLEM_TYPES.payloadTooLarge)
    expect(server.snapshot().notes).toHaveLength(1)
  })

  it('drops __proto__ members so nothing reaches a prototype', async () => {
    const server = app()
    const sent = await call(server, 'POST', '/notes', {
      body: '{"title":"x","__proto__":{"polluted":true},"nested":{"__proto__":{"polluted":true}}}',
    })
    expect(sent.status).toBe(201)
    expect(sent.json).toEqual({ id: '2', title: 'x', nested: {} })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    const patched = await call(server, 'PATCH', '/notes/2', { body: '{"__proto__":{"polluted":true}}' })
    expect(patched.json).toEqual({ id: '2', title: 'x', nested: {} })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('is mounted under basePath', async () => {
    const server = app({ basePath: '/api/' })
    expect((await call(server, 'GET', '/api/notes/1')).status).toBe(200)
    expect((await call(server, 'GET', '/notes/1')).status).toBe(404)
    expect((await call(server, 'POST', '/api/notes', { body: {} })).headers.get('location')).toBe(
      'http://test.local/api/notes/2',
    )
  })
})

describe('id and request id makers', () => {
  it('uses generateId for created records without an id, and requestId for responses', async () => {
    let n = 0
    const server = createReferenceServer({
      resources: { notes: {} },
      generateId: (resource) => `${resource}-${++n}`,
      requestId: () => `trace-${n}`,
    })
    const created = await call(server, 'POST', '/notes', { body: { title: 'x' } })
    expect(created.json).toEqual({ id: 'notes-1', title: 'x' })
    expect(created.headers.get('x-request-id')).toBe('trace-0')
    expect((await call(server, 'POST', '/notes', { body: { id: 'mine', title: 'y' } })).json.id).toBe('mine')
  })
})

describe('X-Request-Id', () => {
  it('is on every response: echoed when the client sent a valid one, else generated', async () => {
    const server = app()
    const responses = await Promise.all([
      call(server, 'GET', '/notes/1'),
      call(server, 'GET', '/nope'),
      call(server, 'PUT', '/notes/1', { body: 'x' }),
      call(server, 'OPTIONS', '/notes'),
    ])
    const ids = responses.map((response) => response.headers.get('x-request-id'))
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
    expect(
      (await call(server, 'GET', '/notes/1', { headers: { 'X-Request-Id': 'trace-42' } })).headers.get(
        'x-request-id',
      ),
    ).toBe('trace-42')
    expect(
      (await call(server, 'GET', '/notes/1', { headers: { 'X-Request-Id': 'bad id\u00e9' } })).headers.get(
        'x-request-id',
      ),
    ).toMatch(/^req-/)
  })
})

describe('CORS', () => {
  it('is off by default', async () => {
    const response = await call(app(), 'GET', '/notes/1')
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers preflights and exposes the protocol headers when on', async () => {
    const server = app({ cors: 'http://localhost:6006', userHeader: 'X-Person' })
    const preflight = await call(server, 'OPTIONS', '/notes/1', {
      headers: { Origin: 'http://localhost:6006', 'Access-Control-Request-Method': 'PUT' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:6006')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH')
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'Content-Type, If-Match, If-None-Match, X-Request-Id, X-Person, Idempotency-Key',
    )
    const read = await call(server, 'GET', '/notes/1')
    expect(read.headers.get('access-control-expose-headers')).toContain('ETag')
    expect(read.headers.get('vary')).toBe('Origin')
  })
})

describe('snapshot, inspect, reset and onExchange', () => {
  it('gives copies, and reset restores the seed and forgets keys', async () => {
    const server = app()
    const copy = server.snapshot()
    copy.notes?.push({ id: 'x' })
    expect(server.snapshot().notes).toHaveLength(1)
    await call(server, 'POST', '/notes', {
      body: { title: 'B' },
      headers: { 'Idempotency-Key': 'k', 'X-User': 'ada' },
    })
    expect(server.inspect('notes', '2')).toMatchObject({
      data: { id: '2', title: 'B' },
      by: 'ada',
      etag: expect.any(String),
    })
    expect(server.inspect('nope', '1')).toBeUndefined()
    server.reset()
    expect(server.snapshot()).toEqual({ notes: [{ id: '1', title: 'A' }] })
    const again = await call(server, 'POST', '/notes', {
      body: { title: 'B' },
      headers: { 'Idempotency-Key': 'k', 'X-User': 'ada' },
    })
    expect(again.headers.get('idempotent-replayed')).toBeNull()
    server.reset({ notes: [] })
    expect(server.snapshot()).toEqual({ notes: [] })
  })

  it('reports every exchange', async () => {
    const log: Exchange[] = []
    const server = app({ onExchange: (exchange) => log.push(exchange) })
    const read = await receive(await server.handle(new Request('http://test.local/notes/1')))
    await call(server, 'PUT', '/notes/1', {
      body: { title: 'x' },
      headers: { 'If-Match': '"0000000000000000"' },
    })
    expect(log).toEqual([
      {
        requestId: 'req-1',
        method: 'GET',
        url: 'http://test.local/notes/1',
        status: 200,
        etag: read.headers.get('etag'),
        replayed: false,
      },
      {
        requestId: 'req-2',
        method: 'PUT',
        url: 'http://test.local/notes/1',
        status: 412,
        ifMatch: '"0000000000000000"',
        problemCode: 'stale',
        replayed: false,
      },
    ])
  })

  it('rejects invalid options with a message that names the problem', () => {
    expect(() => createReferenceServer({ resources: { 'a/b': {} } })).toThrow(/one URL path segment/)
    expect(() => createReferenceServer({ resources: { a: { references: { bId: 'b' } } } })).toThrow(
      /unknown resource 'b'/,
    )
    expect(() => createReferenceServer({ resources: { a: { unique: ['__proto__.x'] } } })).toThrow(
      /invalid field path/,
    )
    expect(() => createReferenceServer({ resources: { a: {} }, seed: { b: [] } })).toThrow(
      /unknown resource 'b'/,
    )
  })
})
