import { describe, expect, it } from 'vitest'
import { createReferenceServer, PROBLEM_TYPES } from '../../src/server/index'
import { call } from './helpers'

const STRONG_ETAG = /^"[0-9a-f]{16}"$/

function notesServer(options: { requirePrecondition?: boolean } = {}) {
  let clock = Date.parse('2026-01-02T03:04:05.000Z')
  const server = createReferenceServer({
    resources: { notes: { versioning: 'etag', ...options } },
    seed: { notes: [{ id: '1', title: 'Groceries', body: 'milk' }] },
    now: () => (clock += 1000),
  })
  return server
}

describe('strong ETags', () => {
  it('are strong, sent on reads and writes, and derived from content only', async () => {
    const server = notesServer()
    const read = await call(server, 'GET', '/notes/1')
    expect(read.status).toBe(200)
    expect(read.headers.get('etag')).toMatch(STRONG_ETAG)
    expect(read.json).toEqual({ id: '1', title: 'Groceries', body: 'milk' })

    const other = notesServer()
    expect((await call(other, 'GET', '/notes/1')).headers.get('etag')).toBe(read.headers.get('etag'))

    const written = await call(server, 'PUT', '/notes/1', {
      body: { title: 'Groceries', body: 'oat milk' },
      headers: { 'If-Match': read.headers.get('etag') as string },
    })
    expect(written.status).toBe(200)
    expect(written.headers.get('etag')).toMatch(STRONG_ETAG)
    expect(written.headers.get('etag')).not.toBe(read.headers.get('etag'))

    // Writing the original content back gives the original ETag again: it names the content.
    const back = await call(server, 'PUT', '/notes/1', {
      body: { body: 'milk', title: 'Groceries' },
      headers: { 'If-Match': written.headers.get('etag') as string },
    })
    expect(back.headers.get('etag')).toBe(read.headers.get('etag'))
  })

  it('answer a matching If-None-Match on GET with 304 and no body', async () => {
    const server = notesServer()
    const read = await call(server, 'GET', '/notes/1')
    const again = await call(server, 'GET', '/notes/1', {
      headers: { 'If-None-Match': `W/${read.headers.get('etag')}` },
    })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    expect(again.headers.get('etag')).toBe(read.headers.get('etag'))
  })

  it('are sent for the collection too', async () => {
    const server = notesServer()
    const list = await call(server, 'GET', '/notes')
    expect(list.status).toBe(200)
    expect(list.json).toEqual([{ id: '1', title: 'Groceries', body: 'milk' }])
    expect(list.headers.get('etag')).toMatch(STRONG_ETAG)
    expect(
      (
        await call(server, 'GET', '/notes', {
          headers: { 'If-None-Match': list.headers.get('etag') as string },
        })
      ).status,
    ).toBe(304)
  })
})

describe('If-Match', () => {
  it('accepts the current ETag, in a list, and *', async () => {
    const server = notesServer()
    const etag = (await call(server, 'GET', '/notes/1')).headers.get('etag') as string
    const listed = await call(server, 'PATCH', '/notes/1', {
      body: { body: 'bread' },
      headers: { 'If-Match': `"nope", ${etag}` },
    })
    expect(listed.status).toBe(200)
    expect(listed.json).toEqual({ id: '1', title: 'Groceries', body: 'bread' })
    const star = await call(server, 'PATCH', '/notes/1', {
      body: { body: 'eggs' },
      headers: { 'If-Match': '*' },
    })
    expect(star.status).toBe(200)
  })

  it('refuses a stale ETag with 412 and a problem carrying the current record, its ETag, who and when', async () => {
    const server = notesServer()
    const base = (await call(server, 'GET', '/notes/1')).headers.get('etag') as string
    const theirs = await call(server, 'PUT', '/notes/1', {
      body: { title: 'Groceries', body: 'milk, eggs' },
      headers: { 'If-Match': base, 'X-User': 'ada' },
    })
    expect(theirs.status).toBe(200)

    const mine = await call(server, 'PUT', '/notes/1', {
      body: { title: 'Shopping', body: 'milk' },
      headers: { 'If-Match': base, 'X-User': 'bob' },
    })
    expect(mine.status).toBe(412)
    expect(mine.headers.get('content-type')).toBe('application/problem+json')
    expect(mine.json).toMatchObject({
      type: PROBLEM_TYPES.stale,
      code: 'stale',
      status: 412,
      title: expect.any(String),
      instance: '/notes/1',
      current: { id: '1', title: 'Groceries', body: 'milk, eggs' },
      etag: theirs.headers.get('etag'),
      by: 'ada',
      at: expect.stringMatching(/^2026-01-02T03:04:\d\d\.000Z$/),
    })
    expect(mine.json.detail).toContain(base)
    expect(server.snapshot().notes).toEqual([{ id: '1', title: 'Groceries', body: 'milk, eggs' }])
  })

  it('uses the strong comparison: a weak tag never matches', async () => {
    const server = notesServer()
    const etag = (await call(server, 'GET', '/notes/1')).headers.get('etag') as string
    const weak = await call(server, 'PUT', '/notes/1', {
      body: { title: 'x' },
      headers: { 'If-Match': `W/${etag}` },
    })
    expect(weak.status).toBe(412)
  })

  it('refuses a malformed If-Match with 400 and changes nothing', async () => {
    const server = notesServer()
    const bad = await call(server, 'PUT', '/notes/1', {
      body: { title: 'x' },
      headers: { 'If-Match': 'abc' },
    })
    expect(bad.status).toBe(400)
    expect(bad.json).toMatchObject({ code: 'invalid', type: PROBLEM_TYPES.invalid })
    expect(bad.json.detail).toContain('If-Match')
    expect(server.snapshot().notes?.[0]).toMatchObject({ title: 'Groceries' })
  })

  it('answers 404 for a record that never existed and 410 for a deleted one, whatever the If-Match', async () => {
    const server = notesServer()
    const etag = (await call(server, 'GET', '/notes/1')).headers.get('etag') as string
    expect(
      (await call(server, 'PUT', '/notes/9', { body: { title: 'x' }, headers: { 'If-Match': etag } })).status,
    ).toBe(404)
    expect((await call(server, 'DELETE', '/notes/1', { headers: { 'If-Match': etag } })).status).toBe(204)
    const gone = await call(server, 'PUT', '/notes/1', {
      body: { title: 'x' },
      headers: { 'If-Match': etag },
    })
    expect(gone.status).toBe(410)
    expect(gone.json).toMatchObject({ code: 'gone', type: PROBLEM_TYPES.gone })
    expect((await call(server, 'GET', '/notes/1')).status).toBe(410)
  })

  it('guards DELETE too', async () => {
    const server = notesServer()
    const stale = await call(server, 'DELETE', '/notes/1', { headers: { 'If-Match': '"0000000000000000"' } })
    expect(stale.status).toBe(412)
    expect(stale.json.current).toMatchObject({ id: '1' })
    expect(server.snapshot().notes).toHaveLength(1)
  })
})

describe('If-None-Match: * on PUT', () => {
  it('creates a record at a client-chosen id, and refuses when it exists', async () => {
    const server = notesServer()
    const created = await call(server, 'PUT', '/notes/abc', {
      body: { title: 'New' },
      headers: { 'If-None-Match': '*' },
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBe('http://test.local/notes/abc')
    expect(created.json).toEqual({ id: 'abc', title: 'New' })
    const again = await call(server, 'PUT', '/notes/abc', {
      body: { title: 'Other' },
      headers: { 'If-None-Match': '*' },
    })
    expect(again.status).toBe(412)
    expect(again.json.current).toEqual({ id: 'abc', title: 'New' })
  })
})

describe('requirePrecondition', () => {
  it('refuses unconditional writes with 428 and a message that says how to fix the client', async () => {
    const server = notesServer({ requirePrecondition: true })
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const refused = await call(
        server,
        method,
        '/notes/1',
        method === 'DELETE' ? {} : { body: { title: 'x' } },
      )
      expect(refused.status).toBe(428)
      expect(refused.json).toMatchObject({
        type: PROBLEM_TYPES.preconditionRequired,
        code: 'precondition-required',
        required: ['If-Match'],
      })
      expect(refused.json.detail).toContain('If-Match')
      expect(refused.json.detail).toContain(`${method} /notes/1 must be conditional`)
    }
    expect(server.snapshot().notes).toEqual([{ id: '1', title: 'Groceries', body: 'milk' }])
    // Creating needs no precondition.
    expect((await call(server, 'POST', '/notes', { body: { title: 'y' } })).status).toBe(201)
  })

  it('lets unconditional writes through when not required', async () => {
    const server = notesServer()
    expect((await call(server, 'PATCH', '/notes/1', { body: { title: 'x' } })).status).toBe(200)
  })
})
