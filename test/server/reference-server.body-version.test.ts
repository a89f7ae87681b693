import { describe, expect, it } from 'vitest'
import { createReferenceServer, PROBLEM_TYPES } from '../../src/server/index'
import { call } from './helpers'

function docsServer(options: { requirePrecondition?: boolean; versionField?: string } = {}) {
  return createReferenceServer({
    resources: { docs: { versioning: 'body', ...options } },
    seed: { docs: [{ id: '1', title: 'Plan' }] },
  })
}

describe("versioning: 'body'", () => {
  it('numbers versions from 1 and increments them on every write, whatever the client sends', async () => {
    const server = docsServer()
    expect((await call(server, 'GET', '/docs/1')).json).toEqual({ id: '1', title: 'Plan', version: 1 })
    const created = await call(server, 'POST', '/docs', { body: { title: 'New', version: 99 } })
    expect(created.json).toEqual({ id: '2', title: 'New', version: 1 })
    const put = await call(server, 'PUT', '/docs/1', { body: { title: 'Plan B', version: 1 } })
    expect(put.status).toBe(200)
    expect(put.json).toEqual({ id: '1', title: 'Plan B', version: 2 })
    const patch = await call(server, 'PATCH', '/docs/1', { body: { note: 'x', version: 2 } })
    expect(patch.json).toEqual({ id: '1', title: 'Plan B', note: 'x', version: 3 })
    expect(server.inspect('docs', '1')?.version).toBe(3)
  })

  it('refuses a stale body version with 409 and a problem carrying the current record and version', async () => {
    const server = docsServer()
    expect(
      (
        await call(server, 'PUT', '/docs/1', {
          body: { title: 'Theirs', version: 1 },
          headers: { 'X-User': 'ada' },
        })
      ).status,
    ).toBe(200)
    const mine = await call(server, 'PUT', '/docs/1', { body: { title: 'Mine', version: 1 } })
    expect(mine.status).toBe(409)
    expect(mine.json).toMatchObject({
      type: PROBLEM_TYPES.stale,
      code: 'stale',
      status: 409,
      current: { id: '1', title: 'Theirs', version: 2 },
      version: 2,
      etag: expect.stringMatching(/^"[0-9a-f]{16}"$/),
      by: 'ada',
    })
    expect(mine.json.detail).toContain('version 1 is not the current version 2')
    const patch = await call(server, 'PATCH', '/docs/1', { body: { title: 'Mine', version: 1 } })
    expect(patch.status).toBe(409)
    expect(server.snapshot().docs?.[0]).toEqual({ id: '1', title: 'Theirs', version: 2 })
  })

  it('accepts a numeric string version and refuses one of the wrong type with 422', async () => {
    const server = docsServer()
    expect((await call(server, 'PUT', '/docs/1', { body: { title: 'a', version: '1' } })).status).toBe(200)
    const wrong = await call(server, 'PUT', '/docs/1', { body: { title: 'b', version: { n: 2 } } })
    expect(wrong.status).toBe(422)
    expect(wrong.json.code).toBe('invalid')
  })

  it('takes the version of a DELETE from the query or a JSON body', async () => {
    const server = docsServer()
    await call(server, 'POST', '/docs', { body: { title: 'Two' } })
    expect((await call(server, 'DELETE', '/docs/1?version=7')).status).toBe(409)
    expect((await call(server, 'DELETE', '/docs/1?version=1')).status).toBe(204)
    expect((await call(server, 'DELETE', '/docs/2', { body: { version: 5 } })).status).toBe(409)
    expect((await call(server, 'DELETE', '/docs/2', { body: { version: 1 } })).status).toBe(204)
    expect(server.snapshot().docs).toEqual([])
  })

  it('still honours If-Match (412), like CouchDB', async () => {
    const server = docsServer()
    const stale = await call(server, 'PUT', '/docs/1', {
      body: { title: 'x' },
      headers: { 'If-Match': '"0000000000000000"' },
    })
    expect(stale.status).toBe(412)
    expect(stale.json.version).toBe(1)
  })

  it('requires the version (or If-Match) when requirePrecondition is set: 428 naming the field', async () => {
    const server = docsServer({ requirePrecondition: true, versionField: 'meta.rev' })
    const refused = await call(server, 'PUT', '/docs/1', { body: { title: 'x' } })
    expect(refused.status).toBe(428)
    expect(refused.json.required).toEqual(['meta.rev', 'If-Match'])
    expect(refused.json.detail).toContain("'meta.rev'")
    const ok = await call(server, 'PUT', '/docs/1', { body: { title: 'x', meta: { rev: 1 } } })
    expect(ok.status).toBe(200)
    expect(ok.json).toEqual({ id: '1', title: 'x', meta: { rev: 2 } })
  })
})
