/**
 * How every scenario form loads and saves a record of the demo backend: `useVersionedQuery` and
 * `useConflictSafeMutation` on the same query key, with the person's `X-User` header and draft store.
 */
import type { QueryKey } from '@tanstack/react-query'
import { useConflictSafeMutation, useVersionedQuery } from '../../src/react/index'
import type {
  UseConflictSafeMutationOptions,
  UseConflictSafeMutationResult,
  UseVersionedQueryOptions,
  UseVersionedQueryResult,
} from '../../src/react/index'
import type { DemoBackend } from './demo-backend'
import { usePerson } from './Person'

/** Options of `useDemoRecord`. */
export interface UseDemoRecordOptions<TData> extends Omit<
  UseConflictSafeMutationOptions<TData>,
  'queryKey' | 'request' | 'mutationFn'
> {
  /** The story's backend. */
  readonly backend: DemoBackend
  /** The resource (`'notes'`). */
  readonly resource: string
  /** The record id. */
  readonly id: string
  /** The write method. Default `'PUT'`. */
  readonly method?: 'PUT' | 'PATCH'
  /** Options of the query (refetch on focus, polling, cross-tab). Default: no refetch on focus. */
  readonly query?: Omit<UseVersionedQueryOptions<TData>, 'queryKey' | 'url' | 'queryFn' | 'headers'>
}

/** The record's query key in a story: the backend's base URL keeps stories apart. */
export function demoQueryKey(backend: DemoBackend, resource: string, id: string): QueryKey {
  return [backend.baseUrl, resource, id]
}

/** Loads and saves one record of the demo backend as the current person. */
export function useDemoRecord<TData>(options: UseDemoRecordOptions<TData>): {
  readonly doc: UseVersionedQueryResult<TData>
  readonly save: UseConflictSafeMutationResult<TData>
} {
  const { backend, resource, id, method = 'PUT', query, ...mutation } = options
  const person = usePerson()
  const queryKey = demoQueryKey(backend, resource, id)
  const url = backend.url(`/${resource}/${encodeURIComponent(id)}`)
  const doc = useVersionedQuery<TData>({
    queryKey,
    url,
    headers: person.headers,
    refetchOnWindowFocus: false,
    ...query,
  })
  const save = useConflictSafeMutation<TData>({
    queryKey,
    request: { url, method, headers: person.headers },
    draftStore: person.draftStore,
    ...mutation,
  })
  return { doc, save }
}
