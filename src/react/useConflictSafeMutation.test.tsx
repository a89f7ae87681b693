import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { StrictMode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createTestClient,
  inProcessServer,
  seedTodo,
  TodoForm,
  withClient,
  type Todo,
} from '../../test/react/support.js'
import { useConflictSafeMutation } from './useConflictSafeMutation.js'
import { useVersionedQuery } from './useVersionedQuery.js'
import type { MutationFnContext } from '../core/save/writers.js'
import { createDraftStore } from '../core/save/draft-store.js'

afterEach(() => {
  vi.useRealTimers()
})

function setup(options: Parameters<typeof inProcessServer>[0] = {}) {
  const api = inProcessServer(options)
  const client = createTestClient()
  return { ...api, client, Wrapper: withClient(client) }
}

async function loaded() {
  return screen.findByLabelText('Title')
}

describe('useConflictSafeMutation with useVersionedQuery', () => {
  it('saves conditioned on the loaded version: one GET to load, one PUT to save, nothing else', async () => {
    const api = setup()
    const etag = api.server.inspect('todos', '1')?.etag
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    const title = await loaded()
    await user.clear(title)
    await user.type(title, 'Buy oat milk')
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(api.exchanges.map((exchange) => [exchange.method, exchange.status])).toEqual([
      ['GET', 200],
      ['PUT', 200],
    ])
    expect(api.exchanges[1]?.ifMatch).toBe(etag)
    expect(api.server.inspect('todos', '1')?.data).toMatchObject({ title: 'Buy oat milk' })
    // The new version is adopted and the cache updated: no refetch, not dirty.
    const newEtag = api.server.inspect('todos', '1')?.etag
    expect(screen.getByLabelText('version')).toHaveTextContent(newEtag!)
    expect(api.client.getQueryData(['todo', '1'])).toMatchObject({
      data: { title: 'Buy oat milk' },
      version: { etag: newEtag },
    })
    expect(screen.queryByText('Unsaved changes')).not.toBeInTheDocument()
  })

  it('ten rapid clicks send exactly one write', async () => {
    const api = setup({ delayMs: (request) => (request.method === 'PUT' ? 50 : 0) })
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    await user.type(await loaded(), '!')
    const button = screen.getByRole('button', { name: 'Save' })
    for (let i = 0; i < 10; i++) await user.click(button)
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(api.count('PUT')).toBe(1)
  })

  it('ten Enter presses send exactly one write', async () => {
    const api = setup({ delayMs: (request) => (request.method === 'PUT' ? 50 : 0) })
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    const title = await loaded()
    await user.type(title, '!')
    await user.type(title, '{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}')
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(api.count('PUT')).toBe(1)
  })

  it('the submit button is disabled, aria-disabled and aria-busy while saving', async () => {
    const api = setup({ delayMs: (request) => (request.method === 'PUT' ? 80 : 0) })
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    await user.type(await loaded(), '!')
    const button = screen.getByRole('button', { name: 'Save' })
    expect(button).toBeEnabled()
    expect(button).toHaveAttribute('aria-busy', 'false')
    await user.click(button)
    expect(button).toBeDisabled()
    expect(button).toHaveAttribute('aria-disabled', 'true')
    expect(button).toHaveAttribute('aria-busy', 'true')
    await waitFor(() => expect(button).toBeEnabled())
    expect(button).toHaveAttribute('aria-busy', 'false')
    expect(button).toHaveAttribute('type', 'submit')
  })

  it('a refetch never moves the pinned version: the save goes through conflict handling and merges', async () => {
    const api = setup()
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    const title = await loaded()
    const loadedEtag = api.server.inspect('todos', '1')!.etag
    await user.clear(title)
    await user.type(title, 'Buy oat milk')
    await api.changeElsewhere('1', { notes: 'three litres' })
    await act(() => api.client.invalidateQueries({ queryKey: ['todo', '1'] }))
    const notice = await screen.findByRole('region', { name: 'Changed elsewhere' })
    // Who and when come from the reference server (X-Modified-By, Last-Modified) through the default remoteMeta.
    expect(notice).toHaveTextContent(
      /^Changed elsewhere by ana at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z: 0 conflict\(s\)/,
    )
    // The form still shows the person's values and the loaded version.
    expect(title).toHaveValue('Buy oat milk')
    expect(screen.getByLabelText('Notes')).toHaveValue('two litres')
    expect(screen.getByLabelText('version')).toHaveTextContent(loadedEtag)
    api.exchanges.length = 0
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    // If-Match v1 → 412 (with the current record in the body) → merged PUT. No GET.
    expect(api.exchanges.map((exchange) => [exchange.method, exchange.status, exchange.ifMatch])).toEqual([
      ['PUT', 412, loadedEtag],
      ['PUT', 200, expect.any(String)],
    ])
    expect(api.server.inspect('todos', '1')?.data).toMatchObject({
      title: 'Buy oat milk',
      notes: 'three litres',
    })
    expect(screen.getByText('Merged 1 change(s) from elsewhere')).toBeInTheDocument()
    expect(screen.getByLabelText('Notes')).toHaveValue('three litres')
    expect(screen.queryByRole('region', { name: 'Changed elsewhere' })).not.toBeInTheDocument()
  })

  it('rebase() takes the remote change into the draft before saving', async () => {
    const api = setup()
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    const title = await loaded()
    await user.type(title, '!')
    const newEtag = await api.changeElsewhere('1', { notes: 'three litres' })
    await act(() => api.client.invalidateQueries({ queryKey: ['todo', '1'] }))
    await user.click(await screen.findByRole('button', { name: 'Take their changes' }))
    expect(screen.getByLabelText('Notes')).toHaveValue('three litres')
    expect(title).toHaveValue('Buy milk!')
    expect(screen.getByLabelText('version')).toHaveTextContent(newEtag!)
    api.exchanges.length = 0
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(api.exchanges.map((exchange) => exchange.status)).toEqual([200])
  })

  it('true conflicts reach save.conflict; resolving saves on theirs version', async () => {
    const api = setup()
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    const title = await loaded()
    await user.clear(title)
    await user.type(title, 'Mine')
    const theirsEtag = await api.changeElsewhere('1', { title: 'Theirs' })
    await user.click(screen.getByRole('button', { name: 'Save' }))
    const dialog = await screen.findByRole('dialog', { name: 'Conflict' })
    expect(dialog).toHaveTextContent('title: mine Mine / theirs Theirs')
    expect(screen.getByLabelText('status')).toHaveTextContent('conflict')
    api.exchanges.length = 0
    await user.click(screen.getByRole('button', { name: 'Keep mine' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(api.exchanges.map((exchange) => [exchange.method, exchange.ifMatch, exchange.status])).toEqual([
      ['PUT', theirsEtag, 200],
    ])
    expect(api.server.inspect('todos', '1')?.data.title).toBe('Mine')
  })

  it('after resolving a conflict, the saved form says what merged automatically from theirs', async () => {
    const api = setup()
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    const title = await loaded()
    await user.clear(title)
    await user.type(title, 'Mine')
    // Theirs: the title (a true conflict) and the notes (merges cleanly).
    await api.changeElsewhere('1', { title: 'Theirs', notes: 'three litres' })
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByRole('dialog', { name: 'Conflict' })
    await user.click(screen.getByRole('button', { name: 'Keep mine' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(screen.getByText('Merged 1 change(s) from elsewhere')).toBeInTheDocument()
    expect(screen.getByLabelText('Notes')).toHaveValue('three litres')
    expect(api.server.inspect('todos', '1')?.data).toMatchObject({ title: 'Mine', notes: 'three litres' })
  })

  it('a 428 reaches the form as a typed conflict with the message, not as an exception', async () => {
    const api = setup({ resources: { todos: { requirePrecondition: true } } })
    const user = userEvent.setup()
    function Form() {
      const doc = useVersionedQuery<Todo>({
        queryKey: ['todo', '1'],
        url: `${api.origin}/todos/1`,
        fetch: api.fetch,
      })
      const save = useConflictSafeMutation<Todo>({
        queryKey: ['todo', '1'],
        // Misconfigured user code: it drops the precondition headers.
        mutationFn: ({ values, signal }) =>
          api.fetch(`${api.origin}/todos/1`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(values),
            signal,
          }),
      })
      if (!doc.data) return null
      return (
        <>
          <button onClick={() => save.mutate({ ...doc.data!, title: 'x' })}>Save</button>
          <output>
            {save.conflict?.kind === 'precondition-required' ? save.conflict.message : save.status}
          </output>
          <p>{save.draft?.title}</p>
        </>
      )
    }
    render(<Form />, { wrapper: api.Wrapper })
    await user.click(await screen.findByRole('button'))
    await waitFor(() => expect(screen.getByRole('status')).not.toHaveTextContent(/^(idle|saving)$/))
    // It names the mutationFn and the header it was handed, not a proxy.
    expect(screen.getByRole('status').textContent).toMatch(
      /went through your mutationFn, which was handed the precondition in `headers` \(If-Match\): it must send those headers on/,
    )
    expect(screen.getByText('x')).toBeInTheDocument()
    expect(api.count('PUT')).toBe(1)
  })

  it('with no known version the client refuses a blind write: a typed error, no request', async () => {
    const api = setup()
    const user = userEvent.setup()
    function Form() {
      const save = useConflictSafeMutation<Todo>({
        queryKey: ['todo', 'x'],
        request: { url: `${api.origin}/todos/1`, method: 'PUT', fetch: api.fetch },
      })
      return (
        <>
          <button onClick={() => save.mutate({ ...seedTodo, title: 'x' })}>Save</button>
          <output>{save.error?.code ?? save.status}</output>
        </>
      )
    }
    render(<Form />, { wrapper: api.Wrapper })
    await user.click(screen.getByRole('button'))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('MISSING_VERSION'))
    expect(api.count('PUT')).toBe(0)
  })

  it('mutationFn receives the values, the precondition headers, a signal and the idempotency key', async () => {
    const api = setup()
    const seen: Array<MutationFnContext<Todo>> = []
    const user = userEvent.setup()
    function Form() {
      const doc = useVersionedQuery<Todo>({
        queryKey: ['todo', '1'],
        url: `${api.origin}/todos/1`,
        fetch: api.fetch,
      })
      const save = useConflictSafeMutation<Todo>({
        queryKey: ['todo', '1'],
        mutationFn: async (context) => {
          seen.push(context)
          return api.fetch(`${api.origin}/todos/1`, {
            method: 'PUT',
            headers: { ...context.headers, 'content-type': 'application/json' },
            body: JSON.stringify(context.values),
            signal: context.signal,
          })
        },
      })
      if (!doc.data) return null
      return (
        <>
          <button onClick={() => save.mutate({ ...doc.data!, title: 'custom' })}>Save</button>
          <output>{save.status}</output>
        </>
      )
    }
    render(<Form />, { wrapper: api.Wrapper })
    const etag = api.server.inspect('todos', '1')!.etag
    await user.click(await screen.findByRole('button'))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('saved'))
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({
      values: { title: 'custom' },
      headers: { 'If-Match': etag },
      idempotencyKey: undefined,
    })
    expect(seen[0]?.signal).toBeInstanceOf(AbortSignal)
    expect(api.server.inspect('todos', '1')?.data.title).toBe('custom')
  })

  it('typing during a save is kept: the form shows the server response merged with the new edits', async () => {
    const api = setup({ delayMs: (request) => (request.method === 'PUT' ? 60 : 0) })
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} mutation={{ debounceMs: 0 }} />, {
      wrapper: api.Wrapper,
    })
    const title = await loaded()
    await user.type(title, '!')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    const notes = screen.getByLabelText('Notes')
    await user.type(notes, ', cold')
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(title).toHaveValue('Buy milk!')
    expect(notes).toHaveValue('two litres, cold')
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument()
    expect(api.server.inspect('todos', '1')?.data).toMatchObject({ title: 'Buy milk!', notes: 'two litres' })
    // The next save sends the kept edit on the new version, without a conflict.
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(api.server.inspect('todos', '1')?.data.notes).toBe('two litres, cold'))
    expect(
      api.exchanges.filter((exchange) => exchange.method === 'PUT').map((exchange) => exchange.status),
    ).toEqual([200, 200])
  })

  it('React StrictMode double effects never double-send, and the form still works', async () => {
    const api = setup()
    const user = userEvent.setup()
    render(
      <StrictMode>
        <TodoForm origin={api.origin} fetch={api.fetch} />
      </StrictMode>,
      { wrapper: api.Wrapper },
    )
    await user.type(await loaded(), '!')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(api.count('PUT')).toBe(1)
  })

  it('unmounting during a save aborts the request, leaks no timer and sets no state', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const api = setup()
    const signals: AbortSignal[] = []
    const slowFetch: typeof fetch = (input, init) => {
      if (init?.method === 'PUT') {
        signals.push(init.signal!)
        return new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        )
      }
      return api.fetch(input, init)
    }
    const errors = vi.spyOn(console, 'error')
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    const { unmount } = render(
      <TodoForm
        origin={api.origin}
        fetch={slowFetch}
        mutation={{ autosave: true, autosaveDebounceMs: 5000 }}
      />,
      { wrapper: api.Wrapper },
    )
    await user.type(await loaded(), '!')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(signals).toHaveLength(1))
    // Typing during the save schedules an autosave (a timer) that must not outlive the form.
    await user.type(screen.getByLabelText('Notes'), '?')
    expect(screen.getByLabelText('status')).toHaveTextContent('saving')
    unmount()
    await act(() => vi.advanceTimersByTimeAsync(0))
    expect(signals[0]?.aborted).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
    await act(() => vi.advanceTimersByTimeAsync(10_000))
    expect(signals).toHaveLength(1)
    expect(errors).not.toHaveBeenCalled()
    errors.mockRestore()
  })
})

describe('autosave (fake timers)', () => {
  it('saves once after typing stops, with the latest draft', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const api = setup()
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    render(
      <TodoForm
        origin={api.origin}
        fetch={api.fetch}
        mutation={{ autosave: true, autosaveDebounceMs: 1000 }}
      />,
      {
        wrapper: api.Wrapper,
      },
    )
    const title = await loaded()
    await user.type(title, ' now')
    expect(api.count('PUT')).toBe(0)
    await act(() => vi.advanceTimersByTimeAsync(1000))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(api.count('PUT')).toBe(1)
    expect(api.server.inspect('todos', '1')?.data.title).toBe('Buy milk now')
  })

  it('a manual save during the autosave wait sends one write', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const api = setup()
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    render(<TodoForm origin={api.origin} fetch={api.fetch} mutation={{ autosave: true }} />, {
      wrapper: api.Wrapper,
    })
    await user.type(await loaded(), '!')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await act(() => vi.advanceTimersByTimeAsync(5000))
    expect(api.count('PUT')).toBe(1)
  })

  it('the submit debounce drops a second click within debounceMs after a fast save', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const api = setup()
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    render(<TodoForm origin={api.origin} fetch={api.fetch} mutation={{ debounceMs: 300 }} />, {
      wrapper: api.Wrapper,
    })
    const title = await loaded()
    await user.type(title, '!')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    await user.type(title, '?')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(api.count('PUT')).toBe(1)
    await act(() => vi.advanceTimersByTimeAsync(300))
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(api.count('PUT')).toBe(2))
  })
})

describe('drafts survive a reload', () => {
  it('restores the unsaved draft with a notice, against the version it was made on', async () => {
    const api = setup()
    const user = userEvent.setup()
    const first = render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    await user.type(await loaded(), ' (draft)')
    first.unmount()
    // A reload: a new QueryClient, the same sessionStorage.
    const client = createTestClient()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: withClient(client) })
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue('Buy milk (draft)'))
    expect(screen.getByText('Restored your unsaved changes')).toBeInTheDocument()
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument()
    // Once the restored draft is saved, its notice goes away.
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(screen.queryByText('Restored your unsaved changes')).not.toBeInTheDocument()
    expect(api.server.inspect('todos', '1')?.data.title).toBe('Buy milk (draft)')
  })

  it('a waiting draft is stored when the page is hidden (a reload right after typing loses nothing)', async () => {
    const api = setup()
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    await user.type(await loaded(), '!')
    expect(window.sessionStorage.length).toBe(0)
    window.dispatchEvent(new Event('pagehide'))
    expect(window.sessionStorage.length).toBe(1)
    expect(window.sessionStorage.getItem(window.sessionStorage.key(0)!)).toContain('Buy milk!')
  })

  it('persistDraft: false keeps nothing in sessionStorage', async () => {
    const api = setup()
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} mutation={{ persistDraft: false }} />, {
      wrapper: api.Wrapper,
    })
    await user.type(await loaded(), ' (draft)')
    expect(window.sessionStorage.length).toBe(0)
  })
})

describe('callbacks and prop getters', () => {
  it('onSuccess, onError and onSettled fire for the record; mutate callbacks for the call', async () => {
    const api = setup()
    const onSuccess = vi.fn()
    const onError = vi.fn()
    const onSettled = vi.fn()
    const callSuccess = vi.fn()
    const user = userEvent.setup()
    function Form() {
      const doc = useVersionedQuery<Todo>({
        queryKey: ['todo', '1'],
        url: `${api.origin}/todos/1`,
        fetch: api.fetch,
      })
      const save = useConflictSafeMutation<Todo>({
        queryKey: ['todo', '1'],
        request: { url: `${api.origin}/todos/1`, fetch: api.fetch },
        onSuccess,
        onError,
        onSettled,
      })
      if (!doc.data) return null
      return (
        <button onClick={() => save.mutate({ ...doc.data!, done: true }, { onSuccess: callSuccess })}>
          Done
        </button>
      )
    }
    render(<Form />, { wrapper: api.Wrapper })
    await user.click(await screen.findByRole('button'))
    await waitFor(() => expect(onSettled).toHaveBeenCalledOnce())
    const etag = api.server.inspect('todos', '1')!.etag
    expect(onSuccess).toHaveBeenCalledWith(expect.objectContaining({ done: true }), {
      version: { etag },
      changes: [],
      values: expect.objectContaining({ done: true }),
      operation: 'update',
    })
    expect(callSuccess).toHaveBeenCalledWith(expect.objectContaining({ done: true }))
    expect(onError).not.toHaveBeenCalled()
  })

  it('mutateAsync resolves with the result, and rejects with the typed error when the save fails', async () => {
    const api = setup()
    const { result } = renderHookWith(api)
    await waitFor(() => expect(result.current.save.draft).toBeDefined())
    const saved = await act(() =>
      result.current.save.mutateAsync({ ...result.current.save.draft!, title: 'async' }),
    )
    expect(saved).toMatchObject({ status: 'saved', data: { title: 'async' } })
    const broken = renderHookWith(api, { request: { url: `${api.origin}/nowhere/1`, fetch: api.fetch } }, [
      'todo',
      '2',
    ])
    await expect(
      act(() => broken.result.current.save.mutateAsync({ ...seedTodo, title: 'x' })),
    ).rejects.toMatchObject({ code: 'MISSING_VERSION' })
  })

  it('getSubmitButtonProps({ type: "button" }) saves on click, outside a form', async () => {
    const api = setup()
    const user = userEvent.setup()
    const onClick = vi.fn()
    function Bar() {
      const doc = useVersionedQuery<Todo>({
        queryKey: ['todo', '1'],
        url: `${api.origin}/todos/1`,
        fetch: api.fetch,
      })
      const save = useConflictSafeMutation<Todo>({
        queryKey: ['todo', '1'],
        request: { url: `${api.origin}/todos/1`, fetch: api.fetch },
      })
      if (!doc.data) return null
      return (
        <>
          <input
            aria-label="Title"
            value={save.draft?.title ?? ''}
            onChange={(event) => save.setDraft((draft) => ({ ...draft!, title: event.target.value }))}
          />
          <button {...save.getSubmitButtonProps({ type: 'button', onClick })}>Save</button>
        </>
      )
    }
    render(<Bar />, { wrapper: api.Wrapper })
    await user.type(await screen.findByLabelText('Title'), '!')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(api.server.inspect('todos', '1')?.data.title).toBe('Buy milk!'))
    expect(onClick).toHaveBeenCalledOnce()
    expect(screen.getByRole('button')).toHaveAttribute('type', 'button')
  })

  it('with full storage the draft falls back to memory and still survives an unmount', async () => {
    const api = setup()
    const user = userEvent.setup()
    const full = {
      ...window.sessionStorage,
      getItem: () => null,
      removeItem: () => {},
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
    } as unknown as Storage
    const draftStore = createDraftStore({ storage: () => full })
    const first = render(<TodoForm origin={api.origin} fetch={api.fetch} mutation={{ draftStore }} />, {
      wrapper: api.Wrapper,
    })
    await user.type(await loaded(), ' (draft)')
    first.unmount()
    expect(draftStore.lastWrittenTo).toBe('memory')
    render(<TodoForm origin={api.origin} fetch={api.fetch} mutation={{ draftStore }} />, {
      wrapper: withClient(createTestClient()),
    })
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue('Buy milk (draft)'))
    expect(screen.getByText('Restored your unsaved changes')).toBeInTheDocument()
  })
})

function renderHookWith(
  api: ReturnType<typeof setup>,
  mutation: Partial<Parameters<typeof useConflictSafeMutation<Todo>>[0]> = {},
  queryKey: readonly unknown[] = ['todo', '1'],
) {
  return renderHook(
    () => {
      const doc = useVersionedQuery<Todo>({
        queryKey,
        url: `${api.origin}/todos/1`,
        fetch: api.fetch,
        enabled: queryKey[1] === '1',
      })
      const save = useConflictSafeMutation<Todo>({
        queryKey,
        request: { url: `${api.origin}/todos/1`, fetch: api.fetch },
        ...mutation,
      })
      return { doc, save }
    },
    { wrapper: api.Wrapper },
  )
}
