import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MergeSaveConflict, SaveConflict } from '../conflict.js'
import { HttpError, NetworkError } from '../errors.js'
import type { SaveOutcome } from '../http/outcome.js'
import type { ResourceVersion } from '../http/version.js'
import { createDraftStore, type DraftStore } from './draft-store.js'
import { InvalidValuesError, SaveAttemptsExhaustedError } from './errors.js'
import { SaveController, type SaveControllerOptions, type SaveEvent } from './save-controller.js'
import { SaveQueue } from './save-queue.js'
import type { VersionedData } from './versioned.js'
import type { WriteContext } from './writers.js'

type Doc = { title: string; body: string; done?: boolean }

const v = (n: number): ResourceVersion => ({ etag: `"${n}"` })
const base: Doc = { title: 'Buy milk', body: 'two litres' }

type Step = SaveOutcome<Doc> | ((context: WriteContext<Doc>) => SaveOutcome<Doc> | Promise<SaveOutcome<Doc>>)

/** A write function that answers from a script and records what it was asked to send. */
function scriptedWrite(...steps: Step[]) {
  const calls: Array<Omit<WriteContext<Doc>, 'signal'> & { signal: AbortSignal }> = []
  const write = vi.fn(async (context: WriteContext<Doc>) => {
    calls.push({ ...context, values: structuredClone(context.values) })
    const step = steps.length > 1 ? steps.shift() : steps[0]
    if (step === undefined) throw new Error('script exhausted')
    return typeof step === 'function' ? step(context) : step
  })
  return { write, calls }
}

function ok(data: Doc | undefined, version: ResourceVersion | 'unknown'): SaveOutcome<Doc> {
  return { kind: 'ok', status: 200, data, version }
}

function gate<T>() {
  let open!: (value: T) => void
  const promise = new Promise<T>((resolve) => {
    open = resolve
  })
  return { promise, open }
}

let drafts: DraftStore
let storage: Map<string, string>

function memoryStorage(map: Map<string, string>): Storage {
  return {
    get length() {
      return map.size
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  }
}

function make(
  options: Partial<SaveControllerOptions<Doc>> = {},
  pinned: VersionedData<Doc> | false = { data: base, version: v(1) },
) {
  const controller = new SaveController<Doc>({
    key: '["todo",1]',
    drafts,
    queue: new SaveQueue(),
    submitDebounceMs: 0,
    ...options,
  })
  const events: Array<SaveEvent<Doc>['type']> = []
  controller.onEvent((event) => events.push(event.type))
  controller.subscribe(() => {})
  if (pinned) controller.observe(pinned)
  return { controller, events }
}

beforeEach(() => {
  storage = new Map()
  drafts = createDraftStore({ storage: () => memoryStorage(storage) })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('pinning (issue point 1)', () => {
  it('a newer version in the cache never moves the pinned version: the save sends the loaded one', async () => {
    const { write, calls } = scriptedWrite(
      { kind: 'stale', status: 412, theirs: { data: { ...base, done: true }, version: v(2) } },
      ok(undefined, v(3)),
    )
    const { controller } = make({ write })
    controller.observe({ data: { ...base, done: true }, version: v(2) })
    expect(controller.getSnapshot().version).toEqual(v(1))
    controller.setDraft({ ...base, title: 'Buy oat milk' })
    await controller.save()
    expect(calls[0]?.version).toEqual(v(1))
    // The refused write went through conflict handling: theirs merged, then conditioned on v2.
    expect(calls[1]?.version).toEqual(v(2))
    expect(calls[1]?.values).toEqual({ title: 'Buy oat milk', body: 'two litres', done: true })
  })
})

describe('remote change notice (issue point 2)', () => {
  it('exposes a newer version with who/when and a merge preview, and rebase() takes it into the draft', () => {
    const { controller, events } = make()
    controller.setDraft({ ...base, title: 'Buy oat milk' })
    controller.observe({
      data: { ...base, body: 'three litres' },
      version: v(2),
      by: 'ana',
      at: '2024-05-01T10:00:00Z',
    })
    const notice = controller.getSnapshot().remoteChange
    expect(notice).toMatchObject({ version: v(2), by: 'ana', at: '2024-05-01T10:00:00Z' })
    expect(notice?.preview.conflicts).toEqual([])
    expect(notice?.preview.merged).toEqual({ title: 'Buy oat milk', body: 'three litres' })
    // Still pinned at v1 until the person rebases.
    expect(controller.getSnapshot().version).toEqual(v(1))
    const result = controller.rebase()
    expect(result?.conflicts).toEqual([])
    const after = controller.getSnapshot()
    expect(after.version).toEqual(v(2))
    expect(after.base).toEqual({ ...base, body: 'three litres' })
    expect(after.draft).toEqual({ title: 'Buy oat milk', body: 'three litres' })
    expect(after.remoteChange).toBeUndefined()
    expect(events).toContain('rebased')
  })

  it('the preview follows the draft', () => {
    const { controller } = make()
    controller.observe({ data: { ...base, title: 'Theirs' }, version: v(2) })
    expect(controller.getSnapshot().remoteChange?.preview.conflicts).toEqual([])
    controller.setDraft({ ...base, title: 'Mine' })
    expect(controller.getSnapshot().remoteChange?.preview.conflicts).toHaveLength(1)
  })

  it('a rebase with true conflicts opens a rebase conflict whose resolve changes the draft without saving', () => {
    const { write } = scriptedWrite(ok(undefined, v(9)))
    const { controller } = make({ write })
    controller.setDraft({ ...base, title: 'Mine' })
    controller.observe({ data: { ...base, title: 'Theirs' }, version: v(2) })
    controller.rebase()
    const conflict = controller.getSnapshot().conflict as MergeSaveConflict<Doc>
    expect(conflict).toMatchObject({
      kind: 'merge',
      origin: 'rebase',
      mine: { title: 'Mine' },
      theirs: { title: 'Theirs' },
    })
    conflict.resolve({ [conflict.conflicts[0]!.id]: 'theirs' })
    expect(write).not.toHaveBeenCalled()
    expect(controller.getSnapshot()).toMatchObject({
      status: 'idle',
      version: v(2),
      isDirty: false,
      draft: { title: 'Theirs' },
    })
  })

  it('the same version again, or a confirmation of our own save, raises no notice', async () => {
    const { write } = scriptedWrite(ok({ ...base, title: 'Saved' }, v(2)))
    const { controller } = make({ write })
    controller.observe({ data: base, version: v(1) })
    expect(controller.getSnapshot().remoteChange).toBeUndefined()
    await controller.save({ ...base, title: 'Saved' })
    controller.observe({ data: { ...base, title: 'Saved' }, version: v(2) })
    expect(controller.getSnapshot().remoteChange).toBeUndefined()
  })
})

describe('conditional save (issue point 3)', () => {
  it('adopts the version and data of the response; a clean save sends exactly one write', async () => {
    const { write, calls } = scriptedWrite(ok({ ...base, title: 'Saved' }, v(2)))
    const read = vi.fn()
    const { controller, events } = make({ write, read })
    const result = await controller.save({ ...base, title: 'Saved' })
    expect(result).toEqual({
      status: 'saved',
      data: { ...base, title: 'Saved' },
      version: v(2),
      changes: [],
      operation: 'update',
    })
    expect(calls).toHaveLength(1)
    expect(read).not.toHaveBeenCalled()
    expect(controller.getSnapshot()).toMatchObject({
      status: 'saved',
      version: v(2),
      isDirty: false,
      data: { title: 'Saved' },
    })
    expect(events).toEqual(['success', 'settled'])
  })

  it('a response without a version makes the next save read first: no blind write, no self-conflict', async () => {
    const { write, calls } = scriptedWrite(ok(undefined, 'unknown'), ok(undefined, v(3)))
    const read = vi.fn(async () => ({ data: { ...base, title: 'One' }, version: v(2) }))
    const { controller } = make({ write, read })
    await controller.save({ ...base, title: 'One' })
    expect(controller.getSnapshot().version).toBe('unknown')
    expect(read).not.toHaveBeenCalled()
    const second = await controller.save({ ...base, title: 'Two' })
    expect(read).toHaveBeenCalledOnce()
    expect(second.status).toBe('saved')
    expect(calls.map((call) => call.version)).toEqual([v(1), v(2)])
    expect(calls[1]?.values).toEqual({ ...base, title: 'Two' })
  })

  it('a read that confirms our versionless save adopts its version silently', async () => {
    const { write } = scriptedWrite(ok(undefined, 'unknown'))
    const { controller } = make({ write })
    await controller.save({ ...base, title: 'One' })
    controller.observe({ data: { ...base, title: 'One' }, version: v(2) })
    expect(controller.getSnapshot()).toMatchObject({ version: v(2), remoteChange: undefined })
  })

  it('saving unchanged values sends nothing', async () => {
    const { write } = scriptedWrite(ok(undefined, v(2)))
    const { controller } = make({ write })
    expect(await controller.save(base)).toEqual({ status: 'skipped', reason: 'unchanged' })
    expect(write).not.toHaveBeenCalled()
  })
})

describe('conflict flow (issue point 4)', () => {
  it('clean merge with theirs from the body: no GET, merged values saved on theirs version, changes reported', async () => {
    const theirs = { ...base, body: 'three litres' }
    const { write, calls } = scriptedWrite(
      { kind: 'stale', status: 412, theirs: { data: theirs, version: v(2) } },
      ok(undefined, v(3)),
    )
    const read = vi.fn()
    const { controller } = make({ write, read })
    const result = await controller.save({ ...base, title: 'Buy oat milk' })
    expect(read).not.toHaveBeenCalled()
    expect(calls.map((call) => call.version)).toEqual([v(1), v(2)])
    expect(calls[1]?.values).toEqual({ title: 'Buy oat milk', body: 'three litres' })
    expect(result).toMatchObject({ status: 'saved', version: v(3) })
    expect(result.status === 'saved' && result.changes.map((change) => change.id)).toEqual([
      expect.stringContaining('body'),
    ])
    expect(controller.getSnapshot().changes).toHaveLength(1)
  })

  it('theirs not in the body: exactly one read', async () => {
    const { write } = scriptedWrite({ kind: 'stale', status: 412 }, ok(undefined, v(3)))
    const read = vi.fn(async () => ({ data: { ...base, body: 'x' }, version: v(2) }))
    const { controller } = make({ write, read })
    await controller.save({ ...base, title: 'T' })
    expect(read).toHaveBeenCalledOnce()
  })

  it('true conflicts: base, mine, theirs, merged and conflicts; resolve saves conditioned on theirs version', async () => {
    const theirs = { ...base, title: 'Buy soy milk', body: 'one litre' }
    const { write, calls } = scriptedWrite(
      { kind: 'stale', status: 412, theirs: { data: theirs, version: v(2) }, by: 'ana' },
      ok(undefined, v(3)),
    )
    const { controller, events } = make({ write })
    const result = await controller.save({ ...base, title: 'Buy oat milk' })
    expect(result.status).toBe('conflict')
    const conflict = controller.getSnapshot().conflict as MergeSaveConflict<Doc>
    expect(conflict).toMatchObject({
      kind: 'merge',
      origin: 'save',
      base,
      mine: { ...base, title: 'Buy oat milk' },
      theirs,
      merged: { title: 'Buy oat milk', body: 'one litre' },
      meta: { by: 'ana' },
    })
    expect(conflict.conflicts).toHaveLength(1)
    expect(events).toContain('conflict')
    conflict.resolve({ [conflict.conflicts[0]!.id]: 'mine' })
    await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('saved'))
    expect(calls[1]).toMatchObject({ version: v(2), values: { title: 'Buy oat milk', body: 'one litre' } })
    expect(controller.getSnapshot()).toMatchObject({ version: v(3), isDirty: false })
  })

  it('a new conflict while saving a resolution starts over with the new theirs as base', async () => {
    const theirs2 = { ...base, title: 'Soy' }
    const theirs3 = { ...theirs2, title: 'Rice' }
    const { write, calls } = scriptedWrite(
      { kind: 'stale', status: 412, theirs: { data: theirs2, version: v(2) } },
      { kind: 'stale', status: 412, theirs: { data: theirs3, version: v(3) } },
    )
    const { controller } = make({ write })
    await controller.save({ ...base, title: 'Oat' })
    const first = controller.getSnapshot().conflict as MergeSaveConflict<Doc>
    first.resolve({ [first.conflicts[0]!.id]: 'mine' })
    await vi.waitFor(() => expect(controller.getSnapshot().conflict).not.toBe(first))
    const second = controller.getSnapshot().conflict as MergeSaveConflict<Doc>
    expect(second).toMatchObject({ kind: 'merge', base: theirs2, theirs: theirs3, mine: { title: 'Oat' } })
    expect(calls[1]?.version).toEqual(v(2))
  })

  it('cancel closes the conflict, keeps the draft and shows theirs as a remote change', async () => {
    const { write } = scriptedWrite({
      kind: 'stale',
      status: 412,
      theirs: { data: { ...base, title: 'Soy' }, version: v(2) },
    })
    const { controller } = make({ write })
    await controller.save({ ...base, title: 'Oat' })
    controller.getSnapshot().conflict?.cancel()
    expect(controller.getSnapshot()).toMatchObject({
      status: 'idle',
      draft: { title: 'Oat' },
      isDirty: true,
      version: v(1),
    })
    expect(controller.getSnapshot().remoteChange?.theirs).toEqual({ ...base, title: 'Soy' })
  })

  it('confirmMerge asks before saving a clean merge', async () => {
    const { write, calls } = scriptedWrite(
      { kind: 'stale', status: 412, theirs: { data: { ...base, body: 'x' }, version: v(2) } },
      ok(undefined, v(3)),
    )
    const { controller } = make({ write, confirmMerge: true })
    await controller.save({ ...base, title: 'Oat' })
    const conflict = controller.getSnapshot().conflict as MergeSaveConflict<Doc>
    expect(conflict).toMatchObject({ kind: 'merge', conflicts: [], merged: { title: 'Oat', body: 'x' } })
    expect(calls).toHaveLength(1)
    conflict.resolve({})
    await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('saved'))
    expect(calls[1]).toMatchObject({ version: v(2), values: { title: 'Oat', body: 'x' } })
  })

  it('onConflict can decide in code', async () => {
    const { write, calls } = scriptedWrite(
      { kind: 'stale', status: 412, theirs: { data: { ...base, title: 'Soy' }, version: v(2) } },
      ok(undefined, v(3)),
    )
    const onConflict = vi.fn((conflict: SaveConflict<Doc>) =>
      conflict.kind === 'merge'
        ? Object.fromEntries(conflict.conflicts.map((c) => [c.id, 'theirs' as const]))
        : undefined,
    )
    const { controller } = make({ write, onConflict })
    await controller.save({ ...base, title: 'Oat', done: true })
    await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('saved'))
    expect(calls[1]?.values).toEqual({ ...base, title: 'Soy', done: true })
  })

  it('a conflict that goes on forever ends after maxAttempts writes with a clear error, draft kept', async () => {
    let n = 1
    const { write, calls } = scriptedWrite(() => {
      n++
      return {
        kind: 'stale',
        status: 409,
        theirs: { data: { ...base, body: `changed ${n}` }, version: v(n) },
      }
    })
    const { controller, events } = make({ write })
    const result = await controller.save({ ...base, title: 'Oat' })
    expect(calls).toHaveLength(3)
    expect(result.status).toBe('error')
    const error = controller.getSnapshot().error
    expect(error).toBeInstanceOf(SaveAttemptsExhaustedError)
    expect(error?.message).toMatch(/Gave up saving after 3 attempts.*draft is kept/)
    expect(controller.getSnapshot()).toMatchObject({
      status: 'error',
      draft: { title: 'Oat' },
      isDirty: true,
    })
    expect(events).toContain('error')
  })

  it('maxAttempts is an option', async () => {
    const { write, calls } = scriptedWrite(() => ({
      kind: 'stale',
      status: 409,
      theirs: { data: { ...base, body: String(Math.random()) }, version: v(Math.random()) },
    }))
    const { controller } = make({ write, maxAttempts: 5 })
    await controller.save({ ...base, title: 'Oat' })
    expect(calls).toHaveLength(5)
  })

  it.each([
    [{ kind: 'duplicate', status: 409, field: 'slug', value: 'acme' } as const, 'duplicate'],
    [{ kind: 'state', status: 409, message: 'Closed orders cannot change' } as const, 'state'],
    [
      { kind: 'precondition-required', status: 428, message: 'send If-Match' } as const,
      'precondition-required',
    ],
    [{ kind: 'gone', status: 410 } as const, 'deleted'],
  ])('%o becomes a typed conflict, not an exception', async (outcome, kind) => {
    const { write } = scriptedWrite(outcome)
    const { controller } = make({ write })
    const result = await controller.save({ ...base, title: 'Oat' })
    expect(result.status).toBe('conflict')
    expect(controller.getSnapshot().conflict).toMatchObject({ kind, mine: { title: 'Oat' } })
    expect(controller.getSnapshot().draft).toEqual({ ...base, title: 'Oat' })
  })

  it('a 428 explains itself and keeps the draft after cancel', async () => {
    const { write } = scriptedWrite({
      kind: 'precondition-required',
      status: 428,
      message: 'The server requires If-Match',
    })
    const { controller } = make({ write })
    await controller.save({ ...base, title: 'Oat' })
    expect(controller.getSnapshot().conflict).toMatchObject({ message: 'The server requires If-Match' })
    controller.getSnapshot().conflict?.cancel()
    expect(controller.getSnapshot()).toMatchObject({ status: 'idle', draft: { title: 'Oat' } })
  })

  it('state conflict reload() reads the record again and merges it into the draft', async () => {
    const { write } = scriptedWrite({ kind: 'state', status: 409, message: 'closed' })
    const read = vi.fn(async () => ({ data: { ...base, done: true }, version: v(5) }))
    const { controller } = make({ write, read })
    await controller.save({ ...base, title: 'Oat' })
    const conflict = controller.getSnapshot().conflict
    if (conflict?.kind !== 'state') throw new Error('expected a state conflict')
    conflict.reload()
    await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('idle'))
    expect(controller.getSnapshot()).toMatchObject({ version: v(5), draft: { title: 'Oat', done: true } })
  })

  it('deleted: restore() creates the record again unconditionally; acceptDeletion() discards the draft', async () => {
    const { write, calls } = scriptedWrite({ kind: 'gone', status: 404 }, ok({ ...base, title: 'Oat' }, v(7)))
    const { controller } = make({ write })
    await controller.save({ ...base, title: 'Oat' })
    const conflict = controller.getSnapshot().conflict
    if (conflict?.kind !== 'deleted') throw new Error('expected deleted')
    expect(conflict.base).toEqual(base)
    conflict.restore()
    await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('saved'))
    expect(calls[1]).toMatchObject({ operation: 'create', unconditional: true, version: undefined })

    const other = make({ write: scriptedWrite({ kind: 'gone', status: 410 }).write })
    const events: string[] = []
    other.controller.onEvent((event) => events.push(event.type))
    await other.controller.save({ ...base, title: 'Oat' })
    const deleted = other.controller.getSnapshot().conflict
    if (deleted?.kind !== 'deleted') throw new Error('expected deleted')
    deleted.acceptDeletion()
    expect(other.controller.getSnapshot()).toMatchObject({
      status: 'idle',
      isPinned: false,
      draft: undefined,
    })
    expect(events).toContain('deleted')
  })

  it('400/422 end in a typed InvalidValuesError with the problem, draft kept', async () => {
    const problem = { title: 'Invalid', errors: [{ field: 'title' }] }
    const { write } = scriptedWrite({ kind: 'invalid', status: 422, message: 'title is required', problem })
    const { controller } = make({ write })
    await controller.save({ ...base, title: '' })
    const error = controller.getSnapshot().error as InvalidValuesError
    expect(error).toBeInstanceOf(InvalidValuesError)
    expect(error.problem).toEqual(problem)
    expect(controller.getSnapshot().draft).toEqual({ ...base, title: '' })
  })

  it('a non-retryable server error is reported as is', async () => {
    const error = new HttpError({ status: 403 })
    const { write } = scriptedWrite({ kind: 'error', status: 403, error, retryable: false })
    const { controller } = make({ write })
    await controller.save({ ...base, title: 'x' })
    expect(controller.getSnapshot().error).toBe(error)
  })
})

describe('one action, one request (issue point 5)', () => {
  it('ten synchronous saves send one write', async () => {
    const reply = gate<SaveOutcome<Doc>>()
    const { write } = scriptedWrite(() => reply.promise)
    const { controller } = make({ write, submitDebounceMs: 300 })
    controller.setDraft({ ...base, title: 'Oat' })
    const results = Array.from({ length: 10 }, () => controller.save())
    expect(controller.getSnapshot().isPending).toBe(true)
    reply.open(ok(undefined, v(2)))
    const settled = await Promise.all(results)
    expect(write).toHaveBeenCalledTimes(1)
    expect(new Set(settled.map((result) => result.status))).toEqual(new Set(['saved']))
  })

  it('without the debounce, the in-flight lock still joins repeated saves of the same values', async () => {
    const reply = gate<SaveOutcome<Doc>>()
    const { write } = scriptedWrite(() => reply.promise)
    const { controller } = make({ write, submitDebounceMs: 0 })
    const first = controller.save({ ...base, title: 'Oat' })
    const second = controller.save({ ...base, title: 'Oat' })
    expect(second).toBe(first)
    reply.open(ok(undefined, v(2)))
    await first
    expect(write).toHaveBeenCalledTimes(1)
  })

  it('the leading-edge debounce drops saves within the window (fake timers)', async () => {
    vi.useFakeTimers()
    const { write } = scriptedWrite(ok(undefined, v(2)), ok(undefined, v(3)))
    const { controller } = make({ write, submitDebounceMs: 300 })
    await controller.save({ ...base, title: 'A' })
    controller.setDraft({ ...base, title: 'B' })
    await controller.save()
    expect(write).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(300)
    await controller.save()
    expect(write).toHaveBeenCalledTimes(2)
  })

  it('writes to one record never overlap and the latest draft takes the next slot', async () => {
    const replies = [gate<SaveOutcome<Doc>>(), gate<SaveOutcome<Doc>>()]
    let running = 0
    let maxRunning = 0
    const sent: string[] = []
    const { write } = scriptedWrite(async (context) => {
      running++
      maxRunning = Math.max(maxRunning, running)
      sent.push(context.values.title)
      const outcome = await replies[sent.length - 1]!.promise
      running--
      return outcome
    })
    const { controller } = make({ write })
    const a = controller.save({ ...base, title: 'A' })
    const b = controller.save({ ...base, title: 'B' })
    const c = controller.save({ ...base, title: 'C' })
    replies[0]!.open(ok({ ...base, title: 'A' }, v(2)))
    await vi.waitFor(() => expect(sent).toHaveLength(2))
    replies[1]!.open(ok({ ...base, title: 'C' }, v(3)))
    const results = await Promise.all([a, b, c])
    expect(sent).toEqual(['A', 'C'])
    expect(maxRunning).toBe(1)
    expect(results.map((result) => result.status === 'saved' && result.data.title)).toEqual(['A', 'C', 'C'])
    expect(controller.getSnapshot()).toMatchObject({ version: v(3), isDirty: false })
  })

  it('two controllers of one record share the queue', async () => {
    const queue = new SaveQueue()
    const reply = gate<SaveOutcome<Doc>>()
    const one = scriptedWrite(() => reply.promise)
    const two = scriptedWrite(ok(undefined, v(5)))
    const first = make({ write: one.write, queue })
    const second = make({ write: two.write, queue })
    void first.controller.save({ ...base, title: 'A' })
    const later = second.controller.save({ ...base, title: 'B' })
    await Promise.resolve()
    expect(two.write).not.toHaveBeenCalled()
    reply.open(ok(undefined, v(2)))
    await later
    expect(two.write).toHaveBeenCalledOnce()
  })
})

describe('autosave (issue point 5)', () => {
  it('saves once after the draft stops changing, on the shared queue', async () => {
    vi.useFakeTimers()
    const { write, calls } = scriptedWrite(ok(undefined, v(2)))
    const { controller } = make({ write, autosave: true, autosaveDebounceMs: 1000 })
    controller.setDraft({ ...base, title: 'O' })
    await vi.advanceTimersByTimeAsync(500)
    controller.setDraft({ ...base, title: 'Oa' })
    await vi.advanceTimersByTimeAsync(500)
    controller.setDraft({ ...base, title: 'Oat' })
    expect(controller.getSnapshot().isAutosavePending).toBe(true)
    await vi.advanceTimersByTimeAsync(999)
    expect(write).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(calls.map((call) => call.values.title)).toEqual(['Oat'])
    expect(controller.getSnapshot()).toMatchObject({ status: 'saved', isDirty: false })
  })

  it('a manual save cancels the pending autosave (one write)', async () => {
    vi.useFakeTimers()
    const { write } = scriptedWrite(ok(undefined, v(2)))
    const { controller } = make({ write, autosave: true })
    controller.setDraft({ ...base, title: 'Oat' })
    await controller.save()
    await vi.advanceTimersByTimeAsync(5000)
    expect(write).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('edits during an autosave are saved by the next autosave', async () => {
    vi.useFakeTimers()
    const reply = gate<SaveOutcome<Doc>>()
    const { write, calls } = scriptedWrite(() => reply.promise, ok(undefined, v(3)))
    const { controller } = make({ write, autosave: true, autosaveDebounceMs: 100 })
    controller.setDraft({ ...base, title: 'A' })
    await vi.advanceTimersByTimeAsync(100)
    controller.setDraft({ ...base, title: 'AB' })
    await vi.advanceTimersByTimeAsync(100)
    expect(calls).toHaveLength(1)
    reply.open(ok({ ...base, title: 'A' }, v(2)))
    await vi.advanceTimersByTimeAsync(0)
    expect(controller.getSnapshot().draft?.title).toBe('AB')
    await vi.advanceTimersByTimeAsync(100)
    expect(calls.map((call) => [call.values.title, call.version])).toEqual([
      ['A', v(1)],
      ['AB', v(2)],
    ])
  })
})

describe('creates (issue point 6)', () => {
  it('one Idempotency-Key per action, reused on network error, 5xx and in-progress retries', async () => {
    vi.useFakeTimers()
    const { write, calls } = scriptedWrite(
      { kind: 'error', error: new NetworkError(new TypeError('fetch failed')), retryable: true },
      {
        kind: 'error',
        status: 503,
        error: new HttpError({ status: 503 }),
        retryable: true,
        retryAfterMs: 10,
      },
      { kind: 'in-progress', status: 409, retryAfterMs: 10 },
      ok({ ...base, title: 'New' }, v(1)),
    )
    const { controller } = make({ write, operation: 'create', maxAttempts: 4 }, false)
    const saving = controller.save({ ...base, title: 'New' })
    await vi.advanceTimersByTimeAsync(5000)
    expect(await saving).toMatchObject({ status: 'saved' })
    expect(calls).toHaveLength(4)
    const keys = new Set(calls.map((call) => call.idempotencyKey))
    expect(keys.size).toBe(1)
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(calls.every((call) => call.operation === 'create' && call.version === undefined)).toBe(true)
  })

  it('retries wait (Retry-After, then back-off) and show the failure while retrying', async () => {
    vi.useFakeTimers()
    const { write } = scriptedWrite(
      { kind: 'error', error: new NetworkError(new TypeError('down')), retryable: true },
      ok(undefined, v(1)),
    )
    const { controller } = make({ write, operation: 'create' }, false)
    void controller.save({ ...base, title: 'New' })
    await vi.advanceTimersByTimeAsync(0)
    expect(write).toHaveBeenCalledTimes(1)
    expect(controller.getSnapshot()).toMatchObject({ status: 'saving', failureCount: 1 })
    await vi.advanceTimersByTimeAsync(999)
    expect(write).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(write).toHaveBeenCalledTimes(2)
  })

  it('after giving up, saving the same values again reuses the key; changed values get a new one', async () => {
    const down: SaveOutcome<Doc> = {
      kind: 'error',
      error: new NetworkError(new TypeError('down')),
      retryable: true,
    }
    const { write, calls } = scriptedWrite(down)
    const { controller } = make({ write, operation: 'create', maxAttempts: 1 }, false)
    await controller.save({ ...base, title: 'New' })
    expect(controller.getSnapshot().error).toBeInstanceOf(SaveAttemptsExhaustedError)
    await controller.save({ ...base, title: 'New' })
    await controller.save({ ...base, title: 'Newer' })
    expect(calls[0]?.idempotencyKey).toBe(calls[1]?.idempotencyKey)
    expect(calls[2]?.idempotencyKey).not.toBe(calls[1]?.idempotencyKey)
  })

  it('a duplicate names the field; retry(values) sends the changed values with a new key', async () => {
    const { write, calls } = scriptedWrite(
      { kind: 'duplicate', status: 409, field: 'title', value: 'New' },
      ok(undefined, v(1)),
    )
    const { controller } = make({ write, operation: 'create' }, false)
    await controller.save({ ...base, title: 'New' })
    const conflict = controller.getSnapshot().conflict
    if (conflict?.kind !== 'duplicate') throw new Error('expected duplicate')
    expect(conflict).toMatchObject({ field: 'title', value: 'New' })
    conflict.retry({ ...base, title: 'New 2' })
    await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('saved'))
    expect(calls[1]?.values.title).toBe('New 2')
    expect(calls[1]?.idempotencyKey).not.toBe(calls[0]?.idempotencyKey)
  })

  it('in-progress after all attempts is a typed state whose retry() reuses the key', async () => {
    vi.useFakeTimers()
    const { write, calls } = scriptedWrite(
      { kind: 'in-progress', status: 409 },
      { kind: 'in-progress', status: 409 },
      ok(undefined, v(1)),
    )
    const { controller } = make({ write, operation: 'create', maxAttempts: 2 }, false)
    const saving = controller.save({ ...base, title: 'New' })
    await vi.advanceTimersByTimeAsync(5000)
    await saving
    const conflict = controller.getSnapshot().conflict
    if (conflict?.kind !== 'in-progress') throw new Error('expected in-progress')
    conflict.retry()
    await vi.advanceTimersByTimeAsync(0)
    await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('saved'))
    expect(new Set(calls.map((call) => call.idempotencyKey)).size).toBe(1)
  })
})

describe('typing during a save is kept (issue point 7)', () => {
  it('the values become the response merged with the edits made in flight', async () => {
    const reply = gate<SaveOutcome<Doc>>()
    const { write } = scriptedWrite(() => reply.promise)
    const { controller } = make({ write })
    void controller.save({ ...base, title: 'oat milk' })
    controller.setDraft((draft) => ({ ...draft!, body: 'two litres, cold' }))
    // The server normalises the title.
    reply.open(ok({ ...base, title: 'Oat milk' }, v(2)))
    await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('saved'))
    expect(controller.getSnapshot()).toMatchObject({
      draft: { title: 'Oat milk', body: 'two litres, cold' },
      base: { title: 'Oat milk', body: 'two litres' },
      version: v(2),
      isDirty: true,
    })
  })
})

describe('drafts survive (issue point 8)', () => {
  it('the draft is stored and restored by a new controller, with a notice', () => {
    const { controller } = make()
    controller.setDraft({ ...base, title: 'Unsaved' })
    controller.dispose()
    const again = new SaveController<Doc>({ key: '["todo",1]', drafts, queue: new SaveQueue() })
    again.subscribe(() => {})
    // The fresh load does not overwrite the restored draft or its pin.
    again.observe({ data: base, version: v(1) })
    expect(again.getSnapshot()).toMatchObject({
      draft: { title: 'Unsaved' },
      base,
      version: v(1),
      isDirty: true,
      restored: { withConflict: false },
    })
    again.dismissRestored()
    expect(again.getSnapshot().restored).toBeUndefined()
  })

  it('an unresolved conflict is restored with working actions', async () => {
    const { write } = scriptedWrite({
      kind: 'stale',
      status: 412,
      theirs: { data: { ...base, title: 'Soy' }, version: v(2) },
    })
    const { controller } = make({ write })
    await controller.save({ ...base, title: 'Oat' })
    controller.dispose()
    const next = scriptedWrite(ok(undefined, v(3)))
    const again = new SaveController<Doc>({
      key: '["todo",1]',
      drafts,
      queue: new SaveQueue(),
      write: next.write,
    })
    again.subscribe(() => {})
    const conflict = again.getSnapshot().conflict as MergeSaveConflict<Doc>
    expect(conflict).toMatchObject({ kind: 'merge', mine: { title: 'Oat' }, theirs: { title: 'Soy' } })
    expect(again.getSnapshot().restored).toEqual({ savedAt: expect.any(String), withConflict: true })
    conflict.resolve({ [conflict.conflicts[0]!.id]: 'mine' })
    await vi.waitFor(() => expect(again.getSnapshot().status).toBe('saved'))
    expect(next.calls[0]?.version).toEqual(v(2))
  })

  it('a saved draft is removed from storage; drafts: false stores nothing', async () => {
    const { write } = scriptedWrite(ok(undefined, v(2)))
    const { controller } = make({ write })
    controller.setDraft({ ...base, title: 'Oat' })
    controller.flushDraft()
    expect(storage.size).toBe(1)
    await controller.save()
    expect(storage.size).toBe(0)
    const { controller: off } = make({ drafts: false })
    off.setDraft({ ...base, title: 'x' })
    expect(storage.size).toBe(0)
  })

  it('the draft is stored after draftWriteDelayMs of quiet, and at once on save, page hide and dispose', async () => {
    vi.useFakeTimers()
    const { controller } = make({ draftWriteDelayMs: 250 })
    controller.setDraft({ ...base, title: 'O' })
    await vi.advanceTimersByTimeAsync(200)
    controller.setDraft({ ...base, title: 'Oa' })
    await vi.advanceTimersByTimeAsync(200)
    expect(storage.size).toBe(0)
    await vi.advanceTimersByTimeAsync(50)
    expect(drafts.read<Doc>('["todo",1]')?.mine.title).toBe('Oa')
    controller.setDraft({ ...base, title: 'Oat' })
    controller.dispose()
    expect(drafts.read<Doc>('["todo",1]')?.mine.title).toBe('Oat')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('draftWriteDelayMs: 0 stores every change at once', () => {
    const { controller } = make({ draftWriteDelayMs: 0 })
    controller.setDraft({ ...base, title: 'O' })
    expect(drafts.read<Doc>('["todo",1]')?.mine.title).toBe('O')
  })

  it('discardDraft goes back to the base and forgets the stored draft', () => {
    const { controller } = make()
    controller.setDraft({ ...base, title: 'x' })
    controller.discardDraft()
    expect(controller.getSnapshot()).toMatchObject({ draft: base, isDirty: false })
    expect(storage.size).toBe(0)
  })
})

describe('lifecycle (issue point 9)', () => {
  it('dispose aborts the request in flight, leaves no timer and changes no state', async () => {
    vi.useFakeTimers()
    let signal: AbortSignal | undefined
    const { write } = scriptedWrite(
      (context) =>
        new Promise<SaveOutcome<Doc>>((_resolve, reject) => {
          signal = context.signal
          context.signal.addEventListener('abort', () => reject(context.signal.reason))
        }),
    )
    const { controller } = make({ write, autosave: true, submitDebounceMs: 300 })
    const listener = vi.fn()
    controller.subscribe(listener)
    const saving = controller.save({ ...base, title: 'Oat' })
    controller.setDraft({ ...base, title: 'Oat!' })
    await vi.advanceTimersByTimeAsync(0)
    const before = controller.getSnapshot()
    listener.mockClear()
    controller.dispose()
    expect(signal?.aborted).toBe(true)
    expect(await saving).toEqual({ status: 'skipped', reason: 'disposed' })
    expect(vi.getTimerCount()).toBe(0)
    expect(listener).not.toHaveBeenCalled()
    expect(controller.getSnapshot()).toBe(before)
    expect(await controller.save()).toEqual({ status: 'skipped', reason: 'disposed' })
  })

  it('dispose during a retry back-off cancels the wait', async () => {
    vi.useFakeTimers()
    const { write } = scriptedWrite({
      kind: 'error',
      error: new NetworkError(new TypeError('down')),
      retryable: true,
    })
    const { controller } = make({ write })
    const saving = controller.save({ ...base, title: 'Oat' })
    await vi.advanceTimersByTimeAsync(0)
    expect(vi.getTimerCount()).toBe(1)
    controller.dispose()
    expect(await saving).toEqual({ status: 'skipped', reason: 'disposed' })
    expect(vi.getTimerCount()).toBe(0)
    expect(write).toHaveBeenCalledOnce()
  })
})

describe('changes after a resolved conflict', () => {
  it('the save that follows resolve() reports what merged automatically from theirs', async () => {
    // Theirs changed the title (conflicts with mine) and the body (merges cleanly).
    const theirs = { ...base, title: 'Buy soy milk', body: 'one litre' }
    const { write } = scriptedWrite(
      { kind: 'stale', status: 412, theirs: { data: theirs, version: v(2) } },
      ok(undefined, v(3)),
    )
    const { controller } = make({ write })
    const successes: Array<readonly unknown[]> = []
    controller.onEvent((event) => {
      if (event.type === 'success') successes.push(event.changes)
    })
    await controller.save({ ...base, title: 'Buy oat milk' })
    const conflict = controller.getSnapshot().conflict as MergeSaveConflict<Doc>
    expect(conflict.changes.map((change) => change.path)).toEqual([['body']])
    conflict.resolve({ [conflict.conflicts[0]!.id]: 'mine' })
    await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('saved'))
    expect(controller.getSnapshot().changes.map((change) => change.path)).toEqual([['body']])
    expect(successes).toEqual([[expect.objectContaining({ path: ['body'], theirs: 'one litre' })]])
    // Reported once: the next save starts from nothing merged.
    write.mockResolvedValueOnce(ok(undefined, v(4)))
    const next = await controller.save({ title: 'Buy oat milk!', body: 'one litre' })
    expect(next).toMatchObject({ status: 'saved', changes: [] })
  })

  it('a confirmed clean merge (confirmMerge) reports its changes too', async () => {
    const { write } = scriptedWrite(
      { kind: 'stale', status: 412, theirs: { data: { ...base, body: 'x' }, version: v(2) } },
      ok(undefined, v(3)),
    )
    const { controller } = make({ write, confirmMerge: true })
    await controller.save({ ...base, title: 'Oat' })
    ;(controller.getSnapshot().conflict as MergeSaveConflict<Doc>).resolve({})
    await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('saved'))
    expect(controller.getSnapshot().changes.map((change) => change.path)).toEqual([['body']])
  })
})

describe('deletes', () => {
  it("operation 'delete' sends the unchanged record conditioned on the pinned version, then unpins it", async () => {
    const { write, calls } = scriptedWrite({ kind: 'ok', status: 204, data: undefined, version: 'unknown' })
    const { controller, events } = make({ write, operation: 'delete' })
    controller.setDraft({ ...base, title: 'unsaved edit' })
    controller.flushDraft()
    expect(storage.size).toBe(1)
    const result = await controller.save()
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ operation: 'delete', version: v(1), idempotencyKey: undefined })
    expect(result).toEqual({
      status: 'saved',
      operation: 'delete',
      data: { ...base, title: 'unsaved edit' },
      version: undefined,
      changes: [],
    })
    expect(controller.getSnapshot()).toMatchObject({
      status: 'saved',
      isPinned: false,
      base: undefined,
      draft: undefined,
      isDirty: false,
    })
    expect(controller.getSnapshot().state).toMatchObject({ status: 'saved', operation: 'delete' })
    expect(storage.size).toBe(0)
    expect(events).toEqual(['success', 'settled'])
  })

  it('a delete of the unchanged record is never skipped; an update of it is, unless skipUnchanged is false', async () => {
    const deleting = make({ write: scriptedWrite(ok(undefined, 'unknown')).write, operation: 'delete' })
    expect(await deleting.controller.save()).toMatchObject({ status: 'saved', operation: 'delete' })

    const updating = scriptedWrite(ok(base, v(2)))
    const update = make({ write: updating.write })
    expect(await update.controller.save()).toEqual({ status: 'skipped', reason: 'unchanged' })
    expect(updating.calls).toHaveLength(0)
    update.controller.setOptions({ skipUnchanged: false })
    expect(await update.controller.save()).toMatchObject({ status: 'saved', operation: 'update' })
    expect(updating.calls).toHaveLength(1)
  })

  it('a record already deleted elsewhere (404/410) is what the delete wanted: saved', async () => {
    const { write } = scriptedWrite({ kind: 'gone', status: 410 })
    const { controller } = make({ write, operation: 'delete' })
    expect(await controller.save()).toMatchObject({ status: 'saved', operation: 'delete' })
    expect(controller.getSnapshot()).toMatchObject({ isPinned: false, conflict: undefined })
  })

  it('a stale delete of a record changed elsewhere deletes nothing: a state conflict whose reload() takes theirs without a read', async () => {
    const theirs = { ...base, body: 'three litres' }
    const { write } = scriptedWrite({
      kind: 'stale',
      status: 412,
      theirs: { data: theirs, version: v(2) },
      by: 'ana',
    })
    const read = vi.fn()
    const { controller } = make({ write, read, operation: 'delete' })
    const result = await controller.save()
    expect(write).toHaveBeenCalledOnce()
    expect(result.status).toBe('conflict')
    const conflict = controller.getSnapshot().conflict
    if (conflict?.kind !== 'state') throw new Error('expected a state conflict')
    expect(conflict.message).toMatch(/changed by ana after you loaded it, so it was not deleted/)
    expect(conflict.meta).toMatchObject({ by: 'ana' })
    conflict.reload()
    expect(read).not.toHaveBeenCalled()
    expect(controller.getSnapshot()).toMatchObject({
      status: 'idle',
      base: theirs,
      version: v(2),
      isDirty: false,
    })
    // Deleting again is conditioned on the version the person has now seen.
    write.mockResolvedValueOnce(ok(undefined, 'unknown'))
    expect(await controller.save()).toMatchObject({ status: 'saved', operation: 'delete' })
    expect(write.mock.calls[1]?.[0]).toMatchObject({ operation: 'delete', version: v(2) })
  })

  it('a stale delete whose record did not change (a version bump) deletes on the new version', async () => {
    const { write, calls } = scriptedWrite(
      { kind: 'stale', status: 412, theirs: { data: base, version: v(2) } },
      ok(undefined, 'unknown'),
    )
    const { controller } = make({ write, operation: 'delete' })
    expect(await controller.save()).toMatchObject({ status: 'saved', operation: 'delete' })
    expect(calls.map((call) => call.version)).toEqual([v(1), v(2)])
  })

  it('a delete after a save whose version was unknown reads first (no blind delete)', async () => {
    const { write, calls } = scriptedWrite(ok(undefined, 'unknown'), ok(undefined, 'unknown'))
    const read = vi.fn(async () => ({ data: { ...base, title: 'Oat' }, version: v(2) }))
    const { controller } = make({ write, read })
    await controller.save({ ...base, title: 'Oat' })
    controller.setOptions({ operation: 'delete' })
    await controller.save()
    expect(read).toHaveBeenCalledOnce()
    expect(calls[1]).toMatchObject({ operation: 'delete', version: v(2) })
  })

  it('each save keeps the operation it was asked with, even when the options change while it waits in the queue', async () => {
    const first = gate<SaveOutcome<Doc>>()
    const { write, calls } = scriptedWrite(() => first.promise, ok(undefined, 'unknown'))
    const { controller } = make({ write })
    const saving = controller.save({ ...base, title: 'Oat' })
    controller.setOptions({ operation: 'delete' })
    const deleting = controller.save()
    controller.setOptions({ operation: 'update' })
    first.open(ok({ ...base, title: 'Oat' }, v(2)))
    expect(await saving).toMatchObject({ status: 'saved', operation: 'update' })
    expect(await deleting).toMatchObject({ status: 'saved', operation: 'delete' })
    expect(calls.map((call) => [call.operation, call.version])).toEqual([
      ['update', v(1)],
      ['delete', v(2)],
    ])
  })
})

describe('creates that become updates', () => {
  function created(location: string | undefined): SaveOutcome<Doc> {
    return {
      kind: 'ok',
      status: 201,
      data: { ...base, title: 'New' },
      version: v(1),
      ...(location !== undefined && { location }),
    }
  }

  it("the created record's Location makes the next save a conditional update there, on the create's version", async () => {
    const { write, calls } = scriptedWrite(
      created('https://api.test/todos/7'),
      ok({ ...base, title: 'New!' }, v(2)),
    )
    const read = vi.fn()
    const { controller } = make({ write, read, operation: 'create' }, false)
    controller.setDraft({ ...base, title: 'New' })
    expect(await controller.save()).toMatchObject({ status: 'saved', operation: 'create' })
    expect(controller.getSnapshot()).toMatchObject({
      createdUrl: 'https://api.test/todos/7',
      version: v(1),
      base: { title: 'New' },
    })
    controller.setDraft((draft) => {
      draft!.title = 'New!'
    })
    expect(await controller.save()).toMatchObject({ status: 'saved', operation: 'update' })
    expect(calls[0]).toMatchObject({ operation: 'create', url: undefined, version: undefined })
    expect(calls[0]?.idempotencyKey).toEqual(expect.any(String))
    expect(calls[1]).toMatchObject({
      operation: 'update',
      url: 'https://api.test/todos/7',
      version: v(1),
      idempotencyKey: undefined,
    })
  })

  it('createdUrl(data) names it when the response has no Location; without either, saves keep creating', async () => {
    const named = scriptedWrite(created(undefined), ok(undefined, v(2)))
    const withOption = make(
      {
        write: named.write,
        operation: 'create',
        createdUrl: (data, { location }) => location ?? `/todos/${data.title}`,
      },
      false,
    )
    await withOption.controller.save({ ...base, title: 'New' })
    await withOption.controller.save({ ...base, title: 'New!' })
    expect(named.calls[1]).toMatchObject({ operation: 'update', url: '/todos/New', version: v(1) })

    const plain = scriptedWrite(created(undefined))
    const without = make({ write: plain.write, operation: 'create' }, false)
    await without.controller.save({ ...base, title: 'New' })
    await without.controller.save({ ...base, title: 'Other' })
    expect(plain.calls.map((call) => call.operation)).toEqual(['create', 'create'])
    expect(plain.calls[0]?.idempotencyKey).not.toBe(plain.calls[1]?.idempotencyKey)
  })

  it('a read after adopting the created record is given its URL; a reload keeps it', async () => {
    const { write, calls } = scriptedWrite(
      created('/todos/7'),
      { kind: 'stale', status: 412 },
      ok(undefined, v(3)),
    )
    const read = vi.fn(async ({ url }: { url?: string | undefined }) => ({
      data: { ...base, title: 'New', body: `read ${url}` },
      version: v(2),
    }))
    const { controller } = make({ write, read, operation: 'create' }, false)
    await controller.save({ ...base, title: 'New' })
    controller.setDraft({ ...base, title: 'New!' })
    controller.flushDraft()
    const again = new SaveController<Doc>({
      key: '["todo",1]',
      drafts,
      queue: new SaveQueue(),
      write,
      read,
      operation: 'create',
      submitDebounceMs: 0,
    })
    again.subscribe(() => {})
    expect(again.getSnapshot()).toMatchObject({
      createdUrl: '/todos/7',
      version: v(1),
      draft: { title: 'New!' },
    })
    expect(await again.save()).toMatchObject({ status: 'saved', operation: 'update' })
    expect(read).toHaveBeenCalledWith(expect.objectContaining({ url: '/todos/7' }))
    expect(calls[2]).toMatchObject({
      operation: 'update',
      url: '/todos/7',
      version: v(2),
      values: { title: 'New!', body: 'read /todos/7' },
    })
  })
})

describe('setDraft with an immer recipe', () => {
  type Card = {
    title: string
    owner: { name: string }
    tags: string[]
    steps: Array<{ id: number; done: boolean }>
  }
  const card: Card = {
    title: 'Plan',
    owner: { name: 'Ana' },
    tags: ['a'],
    steps: [
      { id: 1, done: false },
      { id: 2, done: false },
    ],
  }

  function cardController() {
    const controller = new SaveController<Card>({ key: 'card', drafts: false, queue: new SaveQueue() })
    controller.subscribe(() => {})
    controller.observe({ data: card, version: v(1) })
    return controller
  }

  it('changes the draft in place: untouched parts keep their identity, the base is not changed', () => {
    const controller = cardController()
    controller.setDraft((draft) => {
      draft!.title = 'Plan B'
      draft!.steps[1]!.done = true
    })
    const draft = controller.getSnapshot().draft!
    expect(draft).toEqual({
      ...card,
      title: 'Plan B',
      steps: [
        { id: 1, done: false },
        { id: 2, done: true },
      ],
    })
    expect(draft.owner).toBe(card.owner)
    expect(draft.tags).toBe(card.tags)
    expect(draft.steps[0]).toBe(card.steps[0])
    expect(draft.steps).not.toBe(card.steps)
    expect(card.title).toBe('Plan')
    expect(card.steps[1]!.done).toBe(false)
    expect(controller.getSnapshot().isDirty).toBe(true)
  })

  it('freezes nothing: neither the result nor the objects it shares with the base', () => {
    const controller = cardController()
    controller.setDraft((draft) => {
      draft!.owner.name = 'Ben'
    })
    const draft = controller.getSnapshot().draft!
    expect(draft.owner).toEqual({ name: 'Ben' })
    expect(card.owner).toEqual({ name: 'Ana' })
    for (const value of [
      draft,
      draft.owner,
      draft.tags,
      draft.steps,
      draft.steps[0],
      card,
      card.owner,
      card.steps,
    ]) {
      expect(Object.isFrozen(value)).toBe(false)
    }
    // The person can keep changing their own objects.
    draft.tags.push('b')
    expect(draft.tags).toEqual(['a', 'b'])
  })

  it('a recipe may return the next value; a value and a recipe that changes nothing behave as before', () => {
    const controller = cardController()
    controller.setDraft((draft) => ({ ...draft!, title: 'Returned' }))
    expect(controller.getSnapshot().draft?.title).toBe('Returned')
    const before = controller.getSnapshot()
    controller.setDraft(() => {})
    expect(controller.getSnapshot()).toBe(before)
    controller.setDraft(card)
    expect(controller.getSnapshot()).toMatchObject({ draft: card, isDirty: false })
  })

  it('before anything is loaded the recipe gets undefined and may return the first values', () => {
    const controller = new SaveController<Card>({ key: 'new-card', drafts: false, queue: new SaveQueue() })
    controller.setDraft((draft) => {
      expect(draft).toBeUndefined()
    })
    expect(controller.getSnapshot().draft).toBeUndefined()
    controller.setDraft((draft) => draft ?? { ...card, title: 'First' })
    expect(controller.getSnapshot().draft?.title).toBe('First')
  })
})

describe('the restored-draft notice', () => {
  function restore(write = scriptedWrite(ok(undefined, v(2))).write) {
    const { controller } = make()
    controller.setDraft({ ...base, title: 'Unsaved' })
    controller.dispose()
    const again = new SaveController<Doc>({
      key: '["todo",1]',
      drafts,
      queue: new SaveQueue(),
      write,
      submitDebounceMs: 0,
    })
    again.subscribe(() => {})
    again.observe({ data: base, version: v(1) })
    expect(again.getSnapshot().restored).toEqual({ savedAt: expect.any(String), withConflict: false })
    return again
  }

  it('is cleared when the restored draft is saved', async () => {
    const again = restore()
    expect(await again.save()).toMatchObject({ status: 'saved' })
    expect(again.getSnapshot().restored).toBeUndefined()
  })

  it('is cleared when the restored draft is discarded', () => {
    const again = restore()
    again.discardDraft()
    expect(again.getSnapshot().restored).toBeUndefined()
  })

  it('stays while the restored draft is not saved yet (a failed save)', async () => {
    const again = restore(
      scriptedWrite({ kind: 'error', status: 400, error: new HttpError({ status: 403 }), retryable: false })
        .write,
    )
    expect(await again.save()).toMatchObject({ status: 'error' })
    expect(again.getSnapshot().restored).toBeDefined()
  })
})

describe('bad input', () => {
  it('no write configured is a typed error, not a throw', async () => {
    const { controller } = make({})
    const result = await controller.save({ ...base, title: 'x' })
    expect(result).toMatchObject({ status: 'error', error: { code: 'NO_WRITE_CONFIGURED' } })
  })

  it('nothing loaded and no values is a typed error', async () => {
    const { write } = scriptedWrite(ok(undefined, v(1)))
    const { controller } = make({ write }, false)
    expect(await controller.save()).toMatchObject({ status: 'error', error: { code: 'NOTHING_TO_SAVE' } })
    expect(write).not.toHaveBeenCalled()
  })

  it('a read that fails during a conflict ends in its typed error, draft kept', async () => {
    const { write } = scriptedWrite({ kind: 'stale', status: 412 })
    const read = vi.fn(async () => {
      throw new NetworkError(new TypeError('offline'))
    })
    const { controller } = make({ write, read })
    await controller.save({ ...base, title: 'x' })
    expect(controller.getSnapshot().error).toBeInstanceOf(NetworkError)
    expect(controller.getSnapshot().draft?.title).toBe('x')
  })

  it('a conflict without theirs in the body and no reader says how to fix it', async () => {
    const { write } = scriptedWrite({ kind: 'stale', status: 412 })
    const { controller } = make({ write })
    await controller.save({ ...base, title: 'x' })
    expect(controller.getSnapshot().error?.code).toBe('NO_READ_CONFIGURED')
  })

  it('a throwing write function becomes a typed error', async () => {
    const write = vi.fn(async () => {
      throw new Error('bug in user code')
    })
    const { controller } = make({ write })
    await controller.save({ ...base, title: 'x' })
    expect(controller.getSnapshot().error).toMatchObject({
      code: 'UNEXPECTED',
      message: expect.stringContaining('bug in user code'),
    })
  })
})
