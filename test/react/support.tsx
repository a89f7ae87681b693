/**
 * Test support for the hooks: the reference server (in process, or on a real loopback port), a request
 * log to count requests, a QueryClient wrapper, and a small todo form built on the hooks.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { type ReactNode } from 'react'
import { createReferenceServer } from '../../src/server/reference-server'
import type { Exchange, ReferenceServerOptions } from '../../src/server/types'
import {
  useConflictSafeMutation,
  type UseConflictSafeMutationOptions,
} from '../../src/react/useConflictSafeMutation'
import { useVersionedQuery } from '../../src/react/useVersionedQuery'

export type Todo = {
  id: string
  title: string
  notes: string
  done: boolean
}

export const seedTodo: Todo = { id: '1', title: 'Buy milk', notes: 'two litres', done: false }

/** The reference server in process: `fetch` calls its handler directly (no socket), and every exchange is logged. */
export function inProcessServer(options: Partial<ReferenceServerOptions> = {}) {
  const exchanges: Exchange[] = []
  const server = createReferenceServer({
    resources: { todos: {} },
    seed: { todos: [seedTodo] },
    ...options,
    onExchange: (exchange) => exchanges.push(exchange),
  })
  const origin = 'http://todos.test'
  // The reference server says who wrote the record last and when (X-Modified-By, Last-Modified).
  const fetchImpl: typeof fetch = async (input, init) => server.handle(new Request(input, init))
  /** Change the record as someone else would (a direct PUT with the current ETag). */
  const changeElsewhere = async (id: string, change: Partial<Todo>, user = 'ana') => {
    const current = server.inspect('todos', id)
    if (!current) throw new Error(`no todo ${id}`)
    const response = await server.handle(
      new Request(`${origin}/todos/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'If-Match': current.etag, 'X-User': user },
        body: JSON.stringify({ ...current.data, ...change }),
      }),
    )
    if (!response.ok) throw new Error(`change elsewhere failed: ${response.status}`)
    exchanges.pop()
    return response.headers.get('etag')
  }
  const count = (method: string) => exchanges.filter((exchange) => exchange.method === method).length
  return { server, fetch: fetchImpl, origin, exchanges, changeElsewhere, count }
}

/** A fresh QueryClient for one test (no retries, no garbage collection during the test). */
export function createTestClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } })
}

export function withClient(client: QueryClient) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return <QueryClientProvider client={client}>{children}</QueryClientProvider>
  }
}

export interface TodoFormProps {
  readonly origin: string
  readonly fetch?: typeof fetch
  readonly id?: string
  readonly mutation?: Partial<UseConflictSafeMutationOptions<Todo>>
  readonly pollIntervalMs?: number
}

/** A todo form as an app would write it with the hooks. */
export function TodoForm({ origin, fetch: fetchImpl, id = '1', mutation, pollIntervalMs }: TodoFormProps) {
  const url = `${origin}/todos/${id}`
  const queryKey = ['todo', id]
  const doc = useVersionedQuery<Todo>({
    queryKey,
    url,
    ...(fetchImpl !== undefined && { fetch: fetchImpl }),
    ...(pollIntervalMs !== undefined && { pollIntervalMs }),
    // remoteMeta: the default reads who and when from X-Modified-By and Last-Modified.
  })
  const save = useConflictSafeMutation<Todo>({
    queryKey,
    request: { url, method: 'PUT', ...(fetchImpl !== undefined && { fetch: fetchImpl }) },
    ...mutation,
  })
  if (doc.isError) return <p role="alert">{doc.error?.message}</p>
  const values = save.draft
  if (!values) return <p>Loading…</p>
  return (
    <form
      aria-label="Todo"
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate()
      }}
    >
      <label>
        Title
        <input
          value={values.title}
          onChange={(event) => save.setDraft((draft) => ({ ...draft!, title: event.target.value }))}
        />
      </label>
      <label>
        Notes
        <input
          value={values.notes}
          onChange={(event) => save.setDraft((draft) => ({ ...draft!, notes: event.target.value }))}
        />
      </label>
      <button {...save.getSubmitButtonProps()}>Save</button>
      <output aria-label="status">{save.status}</output>
      <output aria-label="version">
        {typeof save.version === 'object' ? save.version.etag : String(save.version)}
      </output>
      {save.isDirty && <p>Unsaved changes</p>}
      {save.restoredDraft && <p>Restored your unsaved changes</p>}
      {save.changes.length > 0 && <p>Merged {save.changes.length} change(s) from elsewhere</p>}
      {doc.remoteChange && (
        <div role="region" aria-label="Changed elsewhere">
          Changed elsewhere{doc.remoteChange.by ? ` by ${doc.remoteChange.by}` : ''}
          {doc.remoteChange.at ? ` at ${doc.remoteChange.at}` : ''}:{' '}
          {doc.remoteChange.preview.conflicts.length} conflict(s)
          <button type="button" onClick={() => doc.rebase()}>
            Take their changes
          </button>
        </div>
      )}
      {save.conflict?.kind === 'merge' && (
        <div role="dialog" aria-label="Conflict">
          {save.conflict.conflicts.map((conflict) => (
            <p key={conflict.id}>
              {conflict.id}: mine {String(conflict.mine)} / theirs {String(conflict.theirs)}
            </p>
          ))}
          <button type="button" onClick={() => save.conflict?.kind === 'merge' && save.conflict.resolve({})}>
            Keep mine
          </button>
          <button type="button" onClick={() => save.conflict?.cancel()}>
            Cancel
          </button>
        </div>
      )}
      {save.error && <p role="alert">{save.error.message}</p>}
    </form>
  )
}
