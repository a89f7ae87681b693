/**
 * The lighttpd harness works, and lighttpd really enforces the protocol the end-to-end tests rely on:
 * strong ETags, 412 for a stale If-Match, one winner among parallel conditional PUTs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { parseETag } from '../../src/core/http/index'
import { startLighttpd } from '../support/lighttpd'
import type { Lighttpd } from '../support/lighttpd'

let server: Lighttpd
beforeAll(async () => {
  server = await startLighttpd({ files: { 'seed.json': '{"title":"seed"}' }, cors: '*' })
})
afterAll(async () => {
  await server.stop()
})

function put(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

describe('lighttpd with mod_webdav', () => {
  it('serves the seeded files with a strong ETag and JSON content type', async () => {
    const read = await fetch(`${server.url}/seed.json`)
    expect(read.status).toBe(200)
    expect(read.headers.get('content-type')).toBe('application/json')
    expect(read.headers.get('access-control-allow-origin')).toBe('*')
    expect(await read.json()).toEqual({ title: 'seed' })
    const etag = read.headers.get('etag') as string
    expect(parseETag(etag).weak).toBe(false)
  })

  it('creates with PUT, sends a strong ETag on the PUT reply and changes it on every write', async () => {
    const created = await put('/doc.json', { n: 1 })
    expect(created.status).toBe(201)
    const etags = [created.headers.get('etag') as string]
    expect(parseETag(etags[0] as string).weak).toBe(false)
    for (let n = 2; n <= 5; n++) {
      // Same size every time: the ETag must still change (lighttpd uses the mtime's nanoseconds and the inode).
      const written = await put('/doc.json', { n }, { 'If-Match': etags[etags.length - 1] as string })
      expect(written.status).toBe(204)
      etags.push(written.headers.get('etag') as string)
    }
    expect(new Set(etags).size).toBe(etags.length)
    const read = await fetch(`${server.url}/doc.json`)
    expect(read.headers.get('etag')).toBe(etags[etags.length - 1])
    expect(await read.json()).toEqual({ n: 5 })
  })

  it('answers a stale If-Match with 412 and keeps the file', async () => {
    const first = await put('/stale.json', { v: 'base' })
    const base = first.headers.get('etag') as string
    expect((await put('/stale.json', { v: 'theirs' }, { 'If-Match': base })).status).toBe(204)
    const mine = await put('/stale.json', { v: 'mine' }, { 'If-Match': base })
    expect(mine.status).toBe(412)
    expect(await (await fetch(`${server.url}/stale.json`)).json()).toEqual({ v: 'theirs' })
  })

  it('lets exactly one of 20 parallel conditional PUTs win', async () => {
    const base = (await put('/race.json', { winner: null })).headers.get('etag') as string
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        put('/race.json', { winner: index }, { 'If-Match': base }).then((r) => r.status),
      ),
    )
    expect(statuses.filter((status) => status === 204 || status === 200)).toHaveLength(1)
    expect(statuses.filter((status) => status === 412)).toHaveLength(19)
    const winner = statuses.findIndex((status) => status !== 412)
    expect(await (await fetch(`${server.url}/race.json`)).json()).toEqual({ winner })
  })

  it('stops on SIGTERM and removes its document root', async () => {
    const other = await startLighttpd()
    expect(existsSync(other.root)).toBe(true)
    await other.stop()
    expect(existsSync(other.root)).toBe(false)
    await expect(fetch(other.url)).rejects.toThrow()
  })
})
