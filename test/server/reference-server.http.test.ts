/**
 * The reference server on a real loopback node:http port (through test/support/node-adapter), driven
 * by plain fetch and by the core's own client (fetchResource / sendWrite), which must classify every
 * answer of the server into the right outcome without configuration.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fetchResource, sendWrite } from '../../src/core/http/index'
import type { ResourceVersion } from '../../src/core/http/index'
import { createReferenceServer } from '../../src/server/index'
import { serveFetch } from '../support/node-adapter'
import type { NodeFetchServer } from '../support/node-adapter'

interface Note {
  id: string
  title: string
  slug?: string
  status?: string
  notebookId?: string
  version?: number
}

const app = createReferenceServer({
  resources: {
    notebooks: {},
    notes: {
      requirePrecondition: true,
      unique: ['slug'],
      references: { notebookId: 'notebooks' },
      transitions: { status: { draft: ['published'], published: [] } },
    },
    docs: { versioning: 'body', requirePrecondition: true },
  },
  seed: {
    notebooks: [{ id: 'nb1' }],
    notes: [{ id: '1', title: 'A', slug: 'a', status: 'draft', notebookId: 'nb1' }],
    docs: [{ id: '1', title: 'Plan' }],
  },
  delayMs: (request) => (request.headers.get('x-slow') === '1' ? 150 : 0),
})

/** The version a read returned; every read of this server has one. */
function known(version: ResourceVersion | undefined): ResourceVersion {
  if (version === undefined) throw new Error('the server sent no version')
  return version
}

let http: NodeFetchServer
beforeAll(async () => {
  http = await serveFetch((request) => app.handle(request))
})
afterAll(async () => {
  await http.close()
})
beforeEach(() => app.reset())

describe('over a loopback port', () => {
  it('serves strong ETags and refuses a stale If-Match with 412 and the current record', async () => {
    const read = await fetch(`${http.url}/notes/1`)
    const etag = read.headers.get('etag') as string
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/)
    const first = await fetch(`${http.url}/notes/1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': etag },
      body: JSON.stringify({ title: 'B' }),
    })
    expect(first.status).toBe(200)
    const second = await fetch(`${http.url}/notes/1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': etag },
      body: JSON.stringify({ title: 'C' }),
    })
    expect(second.status).toBe(412)
    expect(second.headers.get('content-type')).toBe('application/problem+json')
    expect(second.headers.get('x-request-id')).toMatch(/^req-/)
    expect(await second.json()).toMatchObject({
      code: 'stale',
      current: { title: 'B' },
      etag: first.headers.get('etag'),
    })
  })

  it('lets exactly one of 20 parallel conditional PUTs win', async () => {
    const etag = (await fetch(`${http.url}/notes/1`)).headers.get('etag') as string
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        fetch(`${http.url}/notes/1`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'if-match': etag },
          body: JSON.stringify({ title: `writer ${index}`, slug: 'a', status: 'draft', notebookId: 'nb1' }),
        }).then((response) => response.status),
      ),
    )
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    expect(statuses.filter((status) => status === 412)).toHaveLength(19)
  })

  it('replays an idempotent create over the wire, and says in-progress while it runs', async () => {
    const send = () =>
      fetch(`${http.url}/notebooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'wire-1', 'x-slow': '1' },
        body: JSON.stringify({ name: 'Work' }),
      })
    const firstPending = send()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const during = await send()
    expect(during.status).toBe(409)
    expect(during.headers.get('retry-after')).toBe('1')
    const first = await firstPending
    const firstText = await first.text()
    const replay = await send()
    expect(replay.status).toBe(201)
    expect(await replay.text()).toBe(firstText)
    expect(app.snapshot().notebooks).toHaveLength(2)
  })
})

describe('the core client against the reference server', () => {
  const url = (path: string) => `${http.url}${path}`

  it('reads theirs and the version, saves, and classifies a stale write with theirs', async () => {
    const base = await fetchResource<Note>(url('/notes/1'))
    expect(base.version?.etag).toMatch(/^"/)
    const ok = await sendWrite<Note>({
      url: url('/notes/1'),
      method: 'PUT',
      body: { ...base.data, title: 'theirs' },
      version: known(base.version),
      headers: { 'X-User': 'ada' },
    })
    expect(ok).toMatchObject({ kind: 'ok', status: 200, data: { title: 'theirs' } })
    const stale = await sendWrite<Note>({
      url: url('/notes/1'),
      method: 'PUT',
      body: { ...base.data, title: 'mine' },
      version: known(base.version),
    })
    expect(stale).toMatchObject({
      kind: 'stale',
      status: 412,
      theirs: { data: { title: 'theirs' } },
      by: 'ada',
    })
    if (stale.kind === 'stale' && ok.kind === 'ok') expect(stale.theirs?.version).toEqual(ok.version)
  })

  it('classifies duplicates, state rules, 428, gone and in-progress', async () => {
    const base = await fetchResource<Note>(url('/notes/1'))
    const version = known(base.version)
    expect(
      await sendWrite<Note>({
        url: url('/notes'),
        method: 'POST',
        body: { id: 'x', title: 'dup', slug: 'a' },
      }),
    ).toMatchObject({
      kind: 'duplicate',
      field: 'slug',
      value: 'a',
      existing: url('/notes/1'),
    })
    expect(
      await sendWrite<Note>({ url: url('/notes/1'), method: 'PATCH', body: { status: 'gone' }, version }),
    ).toMatchObject({
      kind: 'state',
      message: expect.stringContaining("status cannot change from 'draft'"),
    })
    expect(
      await sendWrite<Note>({
        url: url('/notebooks/nb1'),
        method: 'DELETE',
        precondition: { unconditional: true },
      }),
    ).toMatchObject({
      kind: 'state',
      message: expect.stringContaining('cannot be deleted'),
    })
    expect(
      await sendWrite<Note>({
        url: url('/notes/1'),
        method: 'PUT',
        body: base.data,
        precondition: { unconditional: true },
      }),
    ).toMatchObject({
      kind: 'precondition-required',
      status: 428,
    })
    expect(
      await sendWrite<Note>({ url: url('/notes/404'), method: 'PUT', body: base.data, version }),
    ).toMatchObject({ kind: 'gone', status: 404 })

    const key = 'core-slow'
    const pending = sendWrite<Note>({
      url: url('/notebooks'),
      method: 'POST',
      body: { name: 'n' },
      idempotencyKey: key,
      headers: { 'x-slow': '1' },
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(
      await sendWrite<Note>({
        url: url('/notebooks'),
        method: 'POST',
        body: { name: 'n' },
        idempotencyKey: key,
        headers: { 'x-slow': '1' },
      }),
    ).toMatchObject({
      kind: 'in-progress',
      retryAfterMs: 1000,
    })
    expect(await pending).toMatchObject({ kind: 'ok', status: 201 })
  })

  it('speaks the version-in-body variant: 409 stale with theirs and its version', async () => {
    const versionSource = { field: 'version' } as const
    const base = await fetchResource<Note>(url('/docs/1'), { versionSource })
    expect(base.version?.value).toBe(1)
    const precondition = { mode: 'body' } as const
    const classify = { versionSource }
    const ok = await sendWrite<Note>({
      url: url('/docs/1'),
      method: 'PUT',
      body: { ...base.data, title: 'theirs' },
      version: known(base.version),
      precondition,
      classify,
    })
    expect(ok).toMatchObject({ kind: 'ok', data: { version: 2 } })
    const stale = await sendWrite<Note>({
      url: url('/docs/1'),
      method: 'PUT',
      body: { ...base.data, title: 'mine' },
      version: known(base.version),
      precondition,
      classify,
    })
    expect(stale).toMatchObject({
      kind: 'stale',
      status: 409,
      theirs: { data: { title: 'theirs', version: 2 } },
    })
    if (stale.kind === 'stale') expect(stale.theirs?.version?.value).toBe(2)
  })
})
