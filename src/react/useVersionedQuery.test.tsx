import { focusManager } from '@tanstack/react-query'
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BROADCAST_CHANNEL_NAME } from '../core/save/broadcast.js'
import { hashKey } from '../core/save/hash-key.js'
import {
  createTestClient,
  inProcessServer,
  TodoForm,
  withClient,
  type Todo,
} from '../../test/react/support.js'
import { useConflictSafeMutation } from './useConflictSafeMutation.js'
import { useVersionedQuery } from './useVersionedQuery.js'

afterEach(() => {
  vi.useRealTimers()
  focusManager.setFocused(undefined)
})

function setup() {
  const api = inProcessServer()
  const client = createTestClient()
  return { ...api, client, Wrapper: withClient(client) }
}

describe('useVersionedQuery', () => {
  it('loads the record with its ETag and keeps { data, version } in the cache', async () => {
    const api = setup()
    const { result } = renderHook(
      () =>
        useVersionedQuery<Todo>({ queryKey: ['todo', '1'], url: `${api.origin}/todos/1`, fetch: api.fetch }),
      { wrapper: api.Wrapper },
    )
    await waitFor(() => expect(result.current.status).toBe('success'))
    const etag = api.server.inspect('todos', '1')!.etag
    expect(result.current.data).toMatchObject({ title: 'Buy milk' })
    expect(result.current.version).toEqual({ etag })
    expect(api.client.getQueryData(['todo', '1'])).toEqual({
      data: result.current.data,
      version: { etag },
      // `at` from Last-Modified (the default remoteMeta).
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })
  })

  it('a queryFn returning data reads the version from the body field', async () => {
    const api = setup()
    const { result } = renderHook(
      () =>
        useVersionedQuery<{ id: string; version: number }>({
          queryKey: ['doc', 1],
          queryFn: async () => ({ id: 'a', version: 7 }),
        }),
      { wrapper: api.Wrapper },
    )
    await waitFor(() => expect(result.current.version).toEqual({ value: 7 }))
  })

  it('a queryFn returning a Response reads its ETag', async () => {
    const api = setup()
    const { result } = renderHook(
      () =>
        useVersionedQuery<Todo>({
          queryKey: ['todo', '1'],
          queryFn: ({ signal }) => api.fetch(`${api.origin}/todos/1`, { signal }),
        }),
      { wrapper: api.Wrapper },
    )
    await waitFor(() => expect(result.current.status).toBe('success'))
    expect(result.current.version).toEqual({ etag: api.server.inspect('todos', '1')!.etag })
  })

  it('a failed load is a typed error', async () => {
    const api = setup()
    const { result } = renderHook(
      () =>
        useVersionedQuery<Todo>({
          queryKey: ['todo', '404'],
          url: `${api.origin}/todos/404`,
          fetch: api.fetch,
        }),
      { wrapper: api.Wrapper },
    )
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toMatchObject({ code: 'HTTP', status: 404 })
  })

  it('a window-focus refetch shows a newer version as remoteChange and keeps the pin', async () => {
    const api = setup()
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    await user.type(await screen.findByLabelText('Title'), '!')
    const pinned = screen.getByLabelText('version').textContent
    await api.changeElsewhere('1', { title: 'Buy soy milk' })
    act(() => {
      focusManager.setFocused(false)
      focusManager.setFocused(true)
    })
    const notice = await screen.findByRole('region', { name: 'Changed elsewhere' })
    expect(notice).toHaveTextContent('by ana')
    expect(notice).toHaveTextContent('1 conflict(s)')
    expect(screen.getByLabelText('version').textContent).toBe(pinned)
    expect(screen.getByLabelText('Title')).toHaveValue('Buy milk!')
  })

  it('polling (pollIntervalMs) finds a change made elsewhere', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const api = setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} pollIntervalMs={5000} />, { wrapper: api.Wrapper })
    await screen.findByLabelText('Title')
    await api.changeElsewhere('1', { notes: 'three litres' })
    expect(screen.queryByRole('region', { name: 'Changed elsewhere' })).not.toBeInTheDocument()
    await act(() => vi.advanceTimersByTimeAsync(5000))
    expect(await screen.findByRole('region', { name: 'Changed elsewhere' })).toHaveTextContent(
      '0 conflict(s)',
    )
    expect(screen.getByLabelText('Notes')).toHaveValue('two litres')
  })

  it('another tab announcing a save (BroadcastChannel) triggers a refetch and a notice', async () => {
    const api = setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    await screen.findByLabelText('Title')
    const etag = await api.changeElsewhere('1', { notes: 'from the other tab' })
    const otherTab = new BroadcastChannel(BROADCAST_CHANNEL_NAME)
    otherTab.postMessage({ type: 'saved', key: hashKey(['todo', '1']), version: { etag } })
    otherTab.close()
    expect(await screen.findByRole('region', { name: 'Changed elsewhere' })).toBeInTheDocument()
    expect(api.count('GET')).toBe(2)
  })

  it('a save announces itself to other tabs', async () => {
    const api = setup()
    const otherTab = new BroadcastChannel(BROADCAST_CHANNEL_NAME)
    const heard = vi.fn()
    otherTab.onmessage = (event) => heard(event.data)
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    await user.type(await screen.findByLabelText('Title'), '!')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(heard).toHaveBeenCalled())
    otherTab.close()
    expect(heard).toHaveBeenCalledWith({
      type: 'saved',
      key: hashKey(['todo', '1']),
      version: { etag: api.server.inspect('todos', '1')!.etag },
    })
  })

  it('another component mutating the cache never moves the pinned version', async () => {
    const api = setup()
    const user = userEvent.setup()
    render(<TodoForm origin={api.origin} fetch={api.fetch} />, { wrapper: api.Wrapper })
    await screen.findByLabelText('Title')
    const loaded = api.server.inspect('todos', '1')!.etag
    await user.type(screen.getByLabelText('Title'), '!')
    // Another component saved (or optimistically wrote) v2 into the cache.
    await api.changeElsewhere('1', { notes: 'elsewhere' })
    const current = api.server.inspect('todos', '1')!
    act(() => api.client.setQueryData(['todo', '1'], { data: current.data, version: { etag: current.etag } }))
    expect(screen.getByLabelText('version')).toHaveTextContent(loaded)
    api.exchanges.length = 0
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByLabelText('status')).toHaveTextContent('saved'))
    expect(api.exchanges[0]).toMatchObject({ method: 'PUT', ifMatch: loaded, status: 412 })
    expect(api.server.inspect('todos', '1')?.data).toMatchObject({ title: 'Buy milk!', notes: 'elsewhere' })
  })

  it('two hooks on one record share the pin: a save through one moves the version the other shows', async () => {
    const api = setup()
    const user = userEvent.setup()
    function Page() {
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
          <button onClick={() => save.mutate({ ...doc.data!, done: true })}>Done</button>
          <output aria-label="doc">{doc.version === 'unknown' ? '' : doc.version?.etag}</output>
          <output aria-label="remote">{doc.remoteChange ? 'remote' : 'none'}</output>
        </>
      )
    }
    render(<Page />, { wrapper: api.Wrapper })
    await user.click(await screen.findByRole('button', { name: 'Done' }))
    const saved = api.server.inspect('todos', '1')!.etag
    await waitFor(() => expect(screen.getByLabelText('doc')).toHaveTextContent(saved))
    // A form's own save never shows up as a change made elsewhere.
    expect(screen.getByLabelText('remote')).toHaveTextContent('none')
    await act(() => api.client.invalidateQueries({ queryKey: ['todo', '1'] }))
    expect(screen.getByLabelText('remote')).toHaveTextContent('none')
  })
})
