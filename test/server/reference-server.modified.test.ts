/**
 * Who wrote a record last and when: `Last-Modified` (an HTTP date) and `X-Modified-By` (the writer's
 * `userHeader`) on record reads (GET, HEAD) and writes, and the core's default `remoteMeta` reading them.
 */
import { describe, expect, it } from 'vitest'
import { createVersionedReader, defaultRemoteMeta } from '../../src/core/save/readers'
import { createReferenceServer } from '../../src/server/index'
import { call, request } from './helpers'

const written = Date.UTC(2026, 0, 2, 3, 4, 5, 678)

function app(extra: Partial<Parameters<typeof createReferenceServer>[0]> = {}) {
  let now = Date.UTC(2026, 0, 1, 0, 0, 0)
  const server = createReferenceServer({
    resources: { notes: {} },
    seed: { notes: [{ id: '1', title: 'A' }] },
    now: () => now,
    ...extra,
  })
  return {
    server,
    /** The clock moves on to `written` and someone saves note 1 as `user`. */
    async writeAs(user: string, headerName = 'X-User') {
      now = written
      const etag = server.inspect('notes', '1')!.etag
      return call(server, 'PUT', '/notes/1', {
        body: { title: 'B' },
        headers: { 'If-Match': etag, [headerName]: user },
      })
    },
  }
}

describe('Last-Modified and X-Modified-By', () => {
  it('a seeded record has Last-Modified (the load time) and no X-Modified-By', async () => {
    const { server } = app()
    const read = await call(server, 'GET', '/notes/1')
    expect(read.headers.get('last-modified')).toBe('Thu, 01 Jan 2026 00:00:00 GMT')
    expect(read.headers.get('x-modified-by')).toBeNull()
  })

  it('GET, HEAD and the write response say who wrote the record and when (an HTTP date, to the second)', async () => {
    const { server, writeAs } = app()
    const write = await writeAs('ada')
    expect(write.status).toBe(200)
    expect(write.headers.get('last-modified')).toBe('Fri, 02 Jan 2026 03:04:05 GMT')
    expect(write.headers.get('x-modified-by')).toBe('ada')
    for (const method of ['GET', 'HEAD']) {
      const read = await call(server, method, '/notes/1')
      expect(read.headers.get('last-modified')).toBe('Fri, 02 Jan 2026 03:04:05 GMT')
      expect(read.headers.get('x-modified-by')).toBe('ada')
    }
    const created = await call(server, 'POST', '/notes', {
      body: { title: 'C' },
      headers: { 'X-User': 'ben' },
    })
    expect(created.headers.get('x-modified-by')).toBe('ben')
    // Lists and 304s carry no record metadata.
    expect((await call(server, 'GET', '/notes')).headers.get('x-modified-by')).toBeNull()
    const etag = server.inspect('notes', '1')!.etag
    const notModified = await call(server, 'GET', '/notes/1', { headers: { 'If-None-Match': etag } })
    expect(notModified.status).toBe(304)
    expect(notModified.headers.get('x-modified-by')).toBeNull()
  })

  it('follows userHeader; modifiedByHeader renames the header or (false) leaves it out; CORS exposes it', async () => {
    const renamed = app({ userHeader: 'X-Person', modifiedByHeader: 'X-Last-Editor', cors: true })
    await renamed.writeAs('cy', 'X-Person')
    const read = await call(renamed.server, 'GET', '/notes/1')
    expect(read.headers.get('x-last-editor')).toBe('cy')
    expect(read.headers.get('x-modified-by')).toBeNull()
    expect(read.headers.get('access-control-expose-headers')).toContain('Last-Modified, X-Last-Editor')

    const off = app({ modifiedByHeader: false })
    await off.writeAs('ada')
    const quiet = await call(off.server, 'GET', '/notes/1')
    expect(quiet.headers.get('x-modified-by')).toBeNull()
    expect(quiet.headers.get('last-modified')).toBe('Fri, 02 Jan 2026 03:04:05 GMT')
    expect(() => app({ modifiedByHeader: 'not a header' })).toThrow(/modifiedByHeader 'not a header'/)
  })

  it("the client's default remoteMeta reads them: by and at (ISO 8601) on the versioned read", async () => {
    const { server, writeAs } = app()
    await writeAs('ada')
    const read = createVersionedReader<{ title: string }>({
      url: 'http://test.local/notes/1',
      fetch: async (input, init) => server.handle(new Request(input, init)),
    })
    const theirs = await read({ signal: new AbortController().signal, queryKey: [] })
    expect(theirs).toMatchObject({ data: { title: 'B' }, by: 'ada', at: '2026-01-02T03:04:05.000Z' })
    expect(defaultRemoteMeta({ headers: new Headers({ 'X-Modified-By': '  ' }), body: undefined })).toEqual(
      {},
    )
    expect(
      defaultRemoteMeta({
        headers: (await server.handle(request('GET', '/notes/1'))).headers,
        body: undefined,
      }),
    ).toEqual({
      by: 'ada',
      at: '2026-01-02T03:04:05.000Z',
    })
  })
})
