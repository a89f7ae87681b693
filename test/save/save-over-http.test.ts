/**
 * The save flow over real HTTP: a SaveController with the built-in REST writer and reader against the
 * reference server on a loopback port. Requests are counted on the server side.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MergeSaveConflict } from '../../src/core/conflict'
import { createDraftStore } from '../../src/core/save/draft-store'
import { createUrlReader } from '../../src/core/save/readers'
import { SaveController, type SaveControllerOptions } from '../../src/core/save/save-controller'
import { SaveQueue } from '../../src/core/save/save-queue'
import { createRequestWriter } from '../../src/core/save/writers'
import { startTodoServer, stripConflictBody } from './http-server'

type Todo = { id: string; title: string; notes: string; done: boolean }

let server: Awaited<ReturnType<typeof startTodoServer>>

afterEach(async () => {
  await server?.close()
})

async function open(options: Partial<SaveControllerOptions<Todo>> = {}, id = '1') {
  const url = `${server.url}/todos/${id}`
  const read = createUrlReader<Todo>(url)
  const controller = new SaveController<Todo>({
    key: `todo:${id}`,
    write: createRequestWriter<Todo>({ url, method: 'PUT' }),
    read,
    drafts: createDraftStore({ storage: () => undefined }),
    queue: new SaveQueue(),
    submitDebounceMs: 0,
    retryDelay: () => 20,
    ...options,
  })
  controller.subscribe(() => {})
  controller.observe(await (options.read ?? read)({ signal: new AbortController().signal }))
  server.log.length = 0
  return controller
}

const summary = () => server.log.map((entry) => `${entry.method} ${entry.status ?? 'dropped'}`)

describe('updates over HTTP', () => {
  beforeEach(async () => {
    server = await startTodoServer()
  })

  it('a clean save adds no request beyond the write, sends If-Match exactly as served, adopts the new ETag', async () => {
    const loaded = server.reference.inspect('todos', '1')!.etag
    const controller = await open()
    const result = await controller.save({ id: '1', title: 'Buy oat milk', notes: 'two litres', done: false })
    expect(summary()).toEqual(['PUT 200'])
    expect(server.log[0]?.ifMatch).toBe(loaded)
    const now = server.reference.inspect('todos', '1')!.etag
    expect(result).toMatchObject({ status: 'saved', version: { etag: now } })
    expect(controller.getSnapshot().version).toEqual({ etag: now })
  })

  it('a conflict whose 412 body carries the current record adds no GET', async () => {
    const controller = await open()
    await server.changeElsewhere('1', { notes: 'three litres' })
    await controller.save({ id: '1', title: 'Buy oat milk', notes: 'two litres', done: false })
    expect(summary()).toEqual(['PUT 412', 'PUT 200'])
    expect(server.reference.inspect('todos', '1')?.data).toMatchObject({
      title: 'Buy oat milk',
      notes: 'three litres',
    })
    expect(controller.getSnapshot().changes.map((change) => change.path)).toEqual([['notes']])
  })

  it('a conflict without the record in the body adds exactly one GET', async () => {
    const controller = await open()
    await server.changeElsewhere('1', { notes: 'three litres' })
    server.intercept(stripConflictBody)
    await controller.save({ id: '1', title: 'Buy oat milk', notes: 'two litres', done: false })
    expect(summary()).toEqual(['PUT 412', 'GET 200', 'PUT 200'])
    expect(server.reference.inspect('todos', '1')?.data).toMatchObject({
      title: 'Buy oat milk',
      notes: 'three litres',
    })
  })

  it('true conflicts wait for the person; resolving saves on theirs ETag', async () => {
    const controller = await open()
    const theirs = await server.changeElsewhere('1', { title: 'Buy soy milk' }, 'ana')
    const result = await controller.save({ id: '1', title: 'Buy oat milk', notes: 'two litres', done: true })
    expect(result.status).toBe('conflict')
    const conflict = controller.getSnapshot().conflict as MergeSaveConflict<Todo>
    expect(conflict.meta.by).toBe('ana')
    expect(conflict.merged).toMatchObject({ title: 'Buy oat milk', done: true })
    conflict.resolve({ [conflict.conflicts[0]!.id]: 'theirs' })
    await expect.poll(() => controller.getSnapshot().status).toBe('saved')
    expect(server.log.at(-1)).toMatchObject({ method: 'PUT', ifMatch: theirs, status: 200 })
    expect(server.reference.inspect('todos', '1')?.data).toMatchObject({ title: 'Buy soy milk', done: true })
  })

  it('a record that keeps changing ends after 3 attempts with a clear error; the draft is kept', async () => {
    const controller = await open()
    let n = 0
    const changeFirst = async (_request: Request, _log: unknown, answer: () => Promise<Response>) => {
      await server.changeElsewhere('1', { notes: `changed ${++n}` })
      return answer()
    }
    server.intercept(changeFirst, changeFirst, changeFirst)
    const result = await controller.save({ id: '1', title: 'Mine', notes: 'two litres', done: false })
    expect(summary()).toEqual(['PUT 412', 'PUT 412', 'PUT 412'])
    expect(result).toMatchObject({ status: 'error', error: { code: 'SAVE_ATTEMPTS_EXHAUSTED' } })
    expect(controller.getSnapshot()).toMatchObject({
      status: 'error',
      draft: { title: 'Mine' },
      isDirty: true,
    })
    expect(server.reference.inspect('todos', '1')?.data.title).toBe('Buy milk')
  })

  it('a network drop on an update is retried on the same version, then succeeds', async () => {
    const controller = await open()
    server.intercept(() => 'drop' as const)
    const result = await controller.save({ id: '1', title: 'After drop', notes: 'two litres', done: false })
    expect(summary()).toEqual(['PUT dropped', 'PUT 200'])
    expect(result.status).toBe('saved')
  })

  it('a dropped response after the write landed needs no user action and never duplicates the change', async () => {
    const controller = await open()
    // The server applies the write, but the response never arrives.
    server.intercept(async (_request, _log, answer) => {
      await answer()
      return 'drop' as const
    })
    const result = await controller.save({ id: '1', title: 'Applied once', notes: 'two litres', done: false })
    // The retry on the old ETag is refused (412); theirs is exactly what we sent, so nothing is written again.
    expect(summary()).toEqual(['PUT dropped', 'PUT 412'])
    expect(result).toMatchObject({ status: 'saved', data: { title: 'Applied once' } })
    expect(controller.getSnapshot().version).toEqual({ etag: server.reference.inspect('todos', '1')!.etag })
  })

  it('a response without an ETag: the next save reads first, then writes on the read ETag (no blind write, no self-conflict)', async () => {
    const controller = await open()
    server.intercept(async (_request, _log, answer) => {
      const response = await answer()
      const headers = new Headers(response.headers)
      headers.delete('etag')
      return new Response(response.body, { status: response.status, headers })
    })
    await controller.save({ id: '1', title: 'One', notes: 'two litres', done: false })
    expect(controller.getSnapshot().version).toBe('unknown')
    const afterFirst = server.reference.inspect('todos', '1')!.etag
    await controller.save({ id: '1', title: 'Two', notes: 'two litres', done: false })
    expect(summary()).toEqual(['PUT 200', 'GET 200', 'PUT 200'])
    expect(server.log[2]?.ifMatch).toBe(afterFirst)
    expect(server.reference.inspect('todos', '1')?.data.title).toBe('Two')
  })

  it('a 428 is a typed state that says how to fix the configuration', async () => {
    await server.close()
    server = await startTodoServer({ resources: { todos: { requirePrecondition: true } } })
    // Misconfigured: versions read from a body field, but this API wants If-Match.
    const controller = await open({
      read: createUrlReader<Todo>(`${server.url}/todos/1`, { versionSource: { field: 'id' } }),
    })
    expect(controller.getSnapshot().version).toEqual({ value: '1' })
    const result = await controller.save({ id: '1', title: 'x', notes: '', done: false })
    expect(summary()).toEqual(['PUT 428'])
    expect(result.status).toBe('conflict')
    const conflict = controller.getSnapshot().conflict
    expect(conflict?.kind).toBe('precondition-required')
    expect(conflict?.kind === 'precondition-required' && conflict.message).toMatch(/If-Match|precondition/i)
    expect(controller.getSnapshot().draft).toMatchObject({ title: 'x' })
  })

  it('a deleted record becomes a typed state; restore() creates it again with If-None-Match: *', async () => {
    const controller = await open()
    await server.reference.handle(
      new Request(`${server.url}/todos/1`, {
        method: 'DELETE',
        headers: { 'If-Match': server.reference.inspect('todos', '1')!.etag },
      }),
    )
    await controller.save({ id: '1', title: 'Still needed', notes: 'two litres', done: false })
    const conflict = controller.getSnapshot().conflict
    expect(conflict?.kind).toBe('deleted')
    if (conflict?.kind !== 'deleted') return
    conflict.restore()
    await expect.poll(() => controller.getSnapshot().status).toBe('saved')
    expect(server.log.at(-1)).toMatchObject({ method: 'PUT', ifNoneMatch: '*', status: 201 })
    expect(server.reference.inspect('todos', '1')?.data.title).toBe('Still needed')
  })

  it("a delete (operation 'delete') sends DELETE with If-Match as loaded and no body; the record is gone", async () => {
    const loaded = server.reference.inspect('todos', '1')!.etag
    const url = `${server.url}/todos/1`
    const controller = await open({
      operation: 'delete',
      write: createRequestWriter<Todo>({ url, method: 'DELETE' }),
    })
    const result = await controller.save()
    expect(summary()).toEqual(['DELETE 204'])
    expect(server.log[0]).toMatchObject({ ifMatch: loaded, body: undefined })
    expect(result).toMatchObject({ status: 'saved', operation: 'delete', data: { title: 'Buy milk' } })
    expect(server.reference.inspect('todos', '1')).toBeUndefined()
    expect(controller.getSnapshot()).toMatchObject({ isPinned: false, draft: undefined })
  })

  it('a delete of a record changed elsewhere deletes nothing until the person has seen the change', async () => {
    const url = `${server.url}/todos/1`
    const controller = await open({
      operation: 'delete',
      write: createRequestWriter<Todo>({ url, method: 'DELETE' }),
    })
    const theirs = await server.changeElsewhere('1', { notes: 'three litres' }, 'ana')
    await controller.save()
    expect(summary()).toEqual(['DELETE 412'])
    const conflict = controller.getSnapshot().conflict
    expect(conflict).toMatchObject({ kind: 'state', meta: { by: 'ana' } })
    if (conflict?.kind !== 'state') return
    conflict.reload()
    expect(controller.getSnapshot()).toMatchObject({
      status: 'idle',
      version: { etag: theirs },
      base: { notes: 'three litres' },
    })
    expect(server.reference.inspect('todos', '1')).toBeDefined()
    await controller.save()
    expect(summary()).toEqual(['DELETE 412', 'DELETE 204'])
    expect(server.log[1]?.ifMatch).toBe(theirs)
    expect(server.reference.inspect('todos', '1')).toBeUndefined()
  })

  it('dispose during a save aborts the request and changes no state', async () => {
    await server.close()
    server = await startTodoServer({ delayMs: (request) => (request.method === 'PUT' ? 300 : 0) })
    const controller = await open()
    const saving = controller.save({ id: '1', title: 'x', notes: '', done: false })
    await expect.poll(() => server.count('PUT')).toBe(1)
    const before = controller.getSnapshot()
    controller.dispose()
    expect(await saving).toEqual({ status: 'skipped', reason: 'disposed' })
    expect(controller.getSnapshot()).toBe(before)
  })
})

describe('body versions over HTTP', () => {
  beforeEach(async () => {
    server = await startTodoServer({ resources: { todos: { versioning: 'body', versionField: 'version' } } })
  })

  it('sends the version in the body, merges on 409 and saves on theirs version', async () => {
    const url = `${server.url}/todos/1`
    const controller = await open({
      write: createRequestWriter<Todo>({
        url,
        method: 'PUT',
        precondition: { mode: 'body' },
        classify: { versionSource: { field: 'version' } },
      }),
      read: createUrlReader<Todo>(url, { versionSource: { field: 'version' } }),
    })
    expect(controller.getSnapshot().version).toMatchObject({ value: 1 })
    await server.changeElsewhere('1', { notes: 'three litres' })
    const mine = { ...controller.getSnapshot().base!, title: 'Mine' }
    const result = await controller.save(mine)
    expect(summary()).toEqual(['PUT 409', 'PUT 200'])
    expect((server.log[0]?.body as { version: number }).version).toBe(1)
    expect((server.log[1]?.body as { version: number }).version).toBe(2)
    expect(result).toMatchObject({ status: 'saved', version: { value: 3 } })
    expect(server.reference.inspect('todos', '1')?.data).toMatchObject({
      title: 'Mine',
      notes: 'three litres',
    })
  })
})

describe('creates over HTTP', () => {
  beforeEach(async () => {
    server = await startTodoServer({ resources: { todos: { unique: ['title'] } } })
  })

  async function creator(options: Partial<SaveControllerOptions<Todo>> = {}) {
    const controller = new SaveController<Todo>({
      key: 'todo:new',
      operation: 'create',
      write: createRequestWriter<Todo>({ url: `${server.url}/todos`, method: 'POST' }),
      drafts: createDraftStore({ storage: () => undefined }),
      queue: new SaveQueue(),
      submitDebounceMs: 0,
      retryDelay: () => 20,
      maxAttempts: 5,
      ...options,
    })
    controller.subscribe(() => {})
    return controller
  }

  const created = () => server.reference.snapshot().todos!.filter((todo) => todo.title === 'Call mum')

  it('a dropped response, a 503 and an in-progress 409 reuse one Idempotency-Key; the record is created once', async () => {
    await server.close()
    let posts = 0
    // The first POST is slow: the server is still working on it when the retries arrive.
    server = await startTodoServer({
      resources: { todos: { unique: ['title'] } },
      delayMs: (request) => (request.method === 'POST' && ++posts === 1 ? 150 : 0),
    })
    const controller = await creator({ retryDelay: () => 40, maxAttempts: 10 })
    let firstWrite: Promise<Response> | undefined
    server.intercept(
      // 1: the server starts on it, and the connection drops before the answer.
      (_request, _log, answer) => {
        firstWrite = answer()
        return 'drop'
      },
      // 2: a gateway error.
      () => new Response(null, { status: 503 }),
    )
    const result = await controller.save({ id: 'c1', title: 'Call mum', notes: '', done: false })
    await firstWrite
    expect(result.status).toBe('saved')
    const sent = server.log.filter((entry) => entry.method === 'POST')
    const statuses = sent.map((entry) => entry.status ?? 'dropped')
    expect(statuses.slice(0, 3)).toEqual(['dropped', 503, 409])
    expect(statuses.at(-1)).toBe(201)
    expect(new Set(sent.map((entry) => entry.idempotencyKey)).size).toBe(1)
    expect(created()).toHaveLength(1)
  })

  it("after a create, the next save is a conditional PUT of the created record at its Location, on the create's ETag", async () => {
    const controller = await creator({
      read: ({ signal, url }) => createUrlReader<Todo>(url ?? `${server.url}/todos`)({ signal }),
    })
    const first = await controller.save({ title: 'Call mum', notes: '', done: false } as Todo)
    expect(first).toMatchObject({
      status: 'saved',
      operation: 'create',
      data: { id: '2', title: 'Call mum' },
    })
    const createdEtag = server.reference.inspect('todos', '2')!.etag
    expect(controller.getSnapshot()).toMatchObject({
      createdUrl: `${server.url}/todos/2`,
      version: { etag: createdEtag },
    })
    const second = await controller.save({ id: '2', title: 'Call mum', notes: 'on Sunday', done: false })
    expect(second).toMatchObject({ status: 'saved', operation: 'update' })
    expect(server.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      'POST /todos 201',
      'PUT /todos/2 200',
    ])
    expect(server.log[1]).toMatchObject({ ifMatch: createdEtag, idempotencyKey: undefined })
    // A conflict on the created record reads theirs from its URL (one GET) and merges.
    await server.changeElsewhere('2', { done: true })
    server.intercept(stripConflictBody)
    await controller.save({ id: '2', title: 'Call mum today', notes: 'on Sunday', done: false })
    expect(server.log.slice(2).map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      'PUT /todos/2 412',
      'GET /todos/2 200',
      'PUT /todos/2 200',
    ])
    expect(server.reference.snapshot().todos).toHaveLength(2)
    expect(server.reference.inspect('todos', '2')?.data).toMatchObject({
      title: 'Call mum today',
      notes: 'on Sunday',
      done: true,
    })
  })

  it('a duplicate names the field; retry(values) with a new title creates it', async () => {
    const controller = await creator()
    await controller.save({ id: 'c1', title: 'Buy milk', notes: '', done: false })
    const conflict = controller.getSnapshot().conflict
    expect(conflict).toMatchObject({ kind: 'duplicate', field: 'title' })
    if (conflict?.kind !== 'duplicate') return
    conflict.retry({ id: 'c1', title: 'Call mum', notes: '', done: false })
    await expect.poll(() => controller.getSnapshot().status).toBe('saved')
    const keys = server.log.map((entry) => entry.idempotencyKey)
    expect(keys[0]).not.toBe(keys[1])
    expect(created()).toHaveLength(1)
  })
})
