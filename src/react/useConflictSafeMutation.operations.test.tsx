/**
 * Deletes, creates that become updates, `skipUnchanged` and immer recipes in `setDraft`, through the
 * hooks against the reference server (in process), counting the requests it sees.
 */
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import {
  createTestClient,
  inProcessServer,
  seedTodo,
  withClient,
  type Todo,
} from '../../test/react/support.js'
import { useConflictSafeMutation } from './useConflictSafeMutation.js'
import { useVersionedQuery } from './useVersionedQuery.js'

function setup(options: Parameters<typeof inProcessServer>[0] = {}) {
  const api = inProcessServer(options)
  const client = createTestClient()
  return { ...api, client, Wrapper: withClient(client) }
}

const lines = (api: ReturnType<typeof setup>) =>
  api.exchanges.map(
    (exchange) =>
      `${exchange.method} ${new URL(exchange.url).pathname} ${exchange.ifMatch ?? '-'} ${exchange.status}`,
  )

describe("deletes: operation 'delete'", () => {
  /** An edit form with a delete button: two mutations of one record (one shared pin and queue). */
  function TodoWithDelete({ api }: { readonly api: ReturnType<typeof setup> }) {
    const queryKey = ['todo', '1']
    const url = `${api.origin}/todos/1`
    const doc = useVersionedQuery<Todo>({ queryKey, url, fetch: api.fetch, refetchOnWindowFocus: false })
    const save = useConflictSafeMutation<Todo>({ queryKey, request: { url, fetch: api.fetch } })
    const remove = useConflictSafeMutation<Todo>({
      queryKey,
      request: { url, method: 'DELETE', fetch: api.fetch },
    })
    const deleted = remove.state.status === 'saved' && remove.state.operation === 'delete'
    if (deleted) return <p>Deleted {remove.data?.title}.</p>
    if (doc.data === undefined || save.draft === undefined) return <p>Loading…</p>
    return (
      <>
        <input
          aria-label="Title"
          value={save.draft.title}
          onChange={(event) => save.setDraft((draft) => void (draft!.title = event.target.value))}
        />
        <button type="button" onClick={() => save.mutate()}>
          Save
        </button>
        <button type="button" onClick={() => remove.mutate()}>
          Delete
        </button>
        <output aria-label="status">{save.status}</output>
        {remove.conflict?.kind === 'state' && (
          <div role="alert">
            {remove.conflict.message}
            <button
              type="button"
              onClick={() => remove.conflict?.kind === 'state' && remove.conflict.reload()}
            >
              Reload
            </button>
          </div>
        )}
        <p>Version {typeof save.version === 'object' ? save.version.etag : String(save.version)}</p>
      </>
    )
  }

  it('a delete right after a save sends DELETE conditioned on the version that save returned; nothing is skipped', async () => {
    const api = setup()
    const user = userEvent.setup()
    render(<TodoWithDelete api={api} />, { wrapper: api.Wrapper })
    const loaded = api.server.inspect('todos', '1')!.etag
    await user.type(await screen.findByLabelText('Title'), '!')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    const saved = api.server.inspect('todos', '1')!.etag
    // Within the submit debounce of the save: another action, not a repeat.
    await user.click(screen.getByRole('button', { name: 'Delete' }))
    expect(await screen.findByText('Deleted Buy milk!.')).toBeInTheDocument()
    // The record left the cache, so the mounted query loaded it again and found it gone.
    await waitFor(() => expect(api.count('GET')).toBe(2))
    expect(lines(api)).toEqual([
      `GET /todos/1 - 200`,
      `PUT /todos/1 ${loaded} 200`,
      `DELETE /todos/1 ${saved} 204`,
      `GET /todos/1 - 410`,
    ])
    expect(api.server.inspect('todos', '1')).toBeUndefined()
    expect(api.client.getQueryData(['todo', '1'])).toBeUndefined()
  })

  it('a delete of a record changed elsewhere is refused as a typed state; after a reload it deletes on the new version', async () => {
    const api = setup()
    const user = userEvent.setup()
    render(<TodoWithDelete api={api} />, { wrapper: api.Wrapper })
    await screen.findByLabelText('Title')
    const theirs = await api.changeElsewhere('1', { notes: 'three litres' }, 'ana')
    await user.click(screen.getByRole('button', { name: 'Delete' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This record was changed by ana after you loaded it, so it was not deleted.',
    )
    expect(api.server.inspect('todos', '1')).toBeDefined()
    await user.click(screen.getByRole('button', { name: 'Reload' }))
    expect(await screen.findByText(`Version ${theirs}`)).toBeInTheDocument()
    // The person reads the changes (longer than the 300 ms submit debounce), then deletes again.
    await new Promise((resolve) => setTimeout(resolve, 350))
    await user.click(screen.getByRole('button', { name: 'Delete' }))
    expect(await screen.findByText('Deleted Buy milk.')).toBeInTheDocument()
    // The 412 carried theirs: reload needed no GET (the last GET is the removed query finding the record gone).
    await waitFor(() => expect(api.count('GET')).toBe(2))
    expect(lines(api).slice(0, -1)).toEqual([
      'GET /todos/1 - 200',
      expect.stringMatching(/^DELETE \/todos\/1 "[0-9a-f]+" 412$/),
      `DELETE /todos/1 ${theirs} 204`,
    ])
  })
})

describe('skipUnchanged', () => {
  function Form({
    api,
    skipUnchanged,
  }: {
    readonly api: ReturnType<typeof setup>
    readonly skipUnchanged?: boolean
  }) {
    const url = `${api.origin}/todos/1`
    const doc = useVersionedQuery<Todo>({ queryKey: ['todo', '1'], url, fetch: api.fetch })
    const save = useConflictSafeMutation<Todo>({
      queryKey: ['todo', '1'],
      request: { url, fetch: api.fetch },
      ...(skipUnchanged !== undefined && { skipUnchanged }),
    })
    if (doc.data === undefined) return null
    return (
      <button
        type="button"
        onClick={() => void save.mutateAsync().then((result) => (document.title = result.status))}
      >
        Save
      </button>
    )
  }

  it('by default an unchanged record is not sent; skipUnchanged: false sends it (conditioned)', async () => {
    for (const [skipUnchanged, expected] of [
      [undefined, 'skipped'],
      [false, 'saved'],
    ] as const) {
      const api = setup()
      const user = userEvent.setup()
      const view = render(<Form api={api} {...(skipUnchanged !== undefined && { skipUnchanged })} />, {
        wrapper: api.Wrapper,
      })
      await user.click(await screen.findByRole('button', { name: 'Save' }))
      await waitFor(() => expect(document.title).toBe(expected))
      expect(api.count('PUT')).toBe(expected === 'saved' ? 1 : 0)
      view.unmount()
      document.title = ''
    }
  })
})

describe('creates that become updates', () => {
  function CreateForm({
    api,
    fetch: fetchImpl = api.fetch,
  }: {
    readonly api: ReturnType<typeof setup>
    readonly fetch?: typeof fetch
  }) {
    const save = useConflictSafeMutation<Partial<Todo>>({
      queryKey: ['todo', 'new'],
      request: { url: `${api.origin}/todos`, method: 'POST', fetch: fetchImpl },
      debounceMs: 0,
    })
    return (
      <>
        <button type="button" onClick={() => save.mutate({ title: 'Call mum', notes: '', done: false })}>
          Create
        </button>
        <button type="button" onClick={() => save.mutate({ ...save.draft, title: 'Call mum today' })}>
          Rename
        </button>
        <output aria-label="status">
          {save.status} {save.state.status === 'saved' ? save.state.operation : ''} {save.data?.id ?? ''}
        </output>
      </>
    )
  }

  it("the next save is a conditional PUT of the created record (its Location), on the create's ETag", async () => {
    const api = setup()
    const user = userEvent.setup()
    render(<CreateForm api={api} />, { wrapper: api.Wrapper })
    await user.click(screen.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved create 2'))
    const created = api.server.inspect('todos', '2')!.etag
    await user.click(screen.getByRole('button', { name: 'Rename' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved update 2'))
    expect(lines(api)).toEqual(['POST /todos - 201', `PUT /todos/2 ${created} 200`])
    expect(api.exchanges[1]?.idempotencyKey).toBeUndefined()
    expect(api.server.snapshot()['todos']).toHaveLength(2)
    expect(api.server.inspect('todos', '2')?.data).toMatchObject({ title: 'Call mum today' })
  })

  it('a conflict on the created record reads theirs from its Location (one GET) and merges', async () => {
    const api = setup()
    // A server whose 412 carries no body: theirs must be read.
    const bare: typeof fetch = async (input, init) => {
      const response = await api.fetch(input, init)
      return response.status === 412 ? new Response(null, { status: 412 }) : response
    }
    const user = userEvent.setup()
    render(<CreateForm api={api} fetch={bare} />, { wrapper: api.Wrapper })
    await user.click(screen.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved create 2'))
    await api.changeElsewhere('2', { notes: 'on Sunday' })
    await user.click(screen.getByRole('button', { name: 'Rename' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved update 2'))
    expect(lines(api).map((line) => line.replace(/"[0-9a-f]+"/, 'etag'))).toEqual([
      'POST /todos - 201',
      'PUT /todos/2 etag 412',
      'GET /todos/2 - 200',
      'PUT /todos/2 etag 200',
    ])
    expect(api.server.inspect('todos', '2')?.data).toMatchObject({
      title: 'Call mum today',
      notes: 'on Sunday',
    })
  })
})

describe('setDraft with an immer recipe', () => {
  type Card = Todo & { meta: { tags: string[] } }

  it('edits the draft in place: untouched parts keep their identity, nothing is frozen', async () => {
    const api = setup({ seed: { todos: [{ ...seedTodo, meta: { tags: ['home'] } }] } })
    const { result } = renderHook(
      () => {
        const doc = useVersionedQuery<Card>({
          queryKey: ['todo', '1'],
          url: `${api.origin}/todos/1`,
          fetch: api.fetch,
        })
        const save = useConflictSafeMutation<Card>({
          queryKey: ['todo', '1'],
          request: { url: `${api.origin}/todos/1`, fetch: api.fetch },
        })
        return { doc, save }
      },
      { wrapper: withClient(createTestClient()) },
    )
    await waitFor(() => expect(result.current.save.draft).toBeDefined())
    const base = result.current.save.base!
    act(() =>
      result.current.save.setDraft((draft) => {
        draft!.title = 'Buy oat milk'
      }),
    )
    const draft = result.current.save.draft!
    expect(draft).toEqual({ ...base, title: 'Buy oat milk' })
    expect(draft.meta).toBe(base.meta)
    expect(result.current.save.isDirty).toBe(true)
    expect(base.title).toBe('Buy milk')
    expect([draft, draft.meta, draft.meta.tags, base].some((value) => Object.isFrozen(value))).toBe(false)
  })
})
