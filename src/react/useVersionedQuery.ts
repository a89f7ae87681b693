/**
 * `useVersionedQuery`: load a record with its version for a form, and pin both while the form edits it.
 *
 * A thin layer over `useQuery`: the cache entry holds `{ data, version }`; the record's shared
 * `SaveController` pins base and version at the first load and turns every later, different version
 * (refetch on focus or visibility, polling, another tab's save through BroadcastChannel, another
 * component's mutation) into `remoteChange` instead of moving the pin.
 */
import {
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
  type UseQueryResult,
} from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import type { ConflictSafeError } from '../core/errors.js'
import { sameVersion, type ResourceVersion, type VersionSource } from '../core/http/version.js'
import type { MergeResult } from '../core/merge/types.js'
import { onSavedElsewhere } from '../core/save/broadcast.js'
import type { PinnedVersion } from '../core/save/draft-store.js'
import { hashKey } from '../core/save/hash-key.js'
import { createVersionedReader, type RemoteMetaReader, type VersionedQueryFn } from '../core/save/readers.js'
import type { RemoteChange } from '../core/save/remote-change.js'
import type { VersionedData } from '../core/save/versioned.js'
import { getRecordReaders } from './registry.js'
import { useRecord } from './useRecord.js'

/** Options of `useVersionedQuery`. One of `url` and `queryFn` is required. */
export interface UseVersionedQueryOptions<TData, TQueryKey extends QueryKey = QueryKey> {
  /** The record's query key; the mutation of the same form uses the same key. Required. */
  readonly queryKey: TQueryKey
  /** GET this URL (absolute in tests and on the server). Default: none; give `url` or `queryFn`. */
  readonly url?: string
  /** Your own read: return the fetch `Response` (its ETag is read) or the data (version from the body). Default: none. */
  readonly queryFn?: VersionedQueryFn<TData, TQueryKey>
  /** Where the version is. Default: `'etag'` for responses, `{ field: 'version' }` for data from `queryFn`. */
  readonly version?: VersionSource
  /** Who changed the record and when, from the response. Default: `at` from `Last-Modified`, `by` from `X-Modified-By`. */
  readonly remoteMeta?: RemoteMetaReader
  /** Extra request headers for `url` (for example `Authorization`). Default: none. */
  readonly headers?: Record<string, string>
  /** The fetch implementation for `url`. Default: `globalThis.fetch`. */
  readonly fetch?: typeof fetch
  /** Load at all. Default `true`. */
  readonly enabled?: boolean
  /** Refetch when the window regains focus or becomes visible (changes show as `remoteChange`). Default `true`. */
  readonly refetchOnWindowFocus?: boolean
  /** Poll for changes every this many ms, or `false`. Default `false`. */
  readonly pollIntervalMs?: number | false
  /** Refetch when another tab announces a save of this record (BroadcastChannel). Default `true`. */
  readonly crossTab?: boolean
  /** How long loaded data counts as fresh, in ms. Default `0`. */
  readonly staleTime?: number
  /** The QueryClient. Default: the one from `QueryClientProvider`. */
  readonly queryClient?: QueryClient
}

/** What `useVersionedQuery` returns. */
export interface UseVersionedQueryResult<TData> {
  /** The record the form edits: the pinned base (or the cache before anything is pinned). */
  readonly data: TData | undefined
  /** The pinned version saves are conditioned on (`'unknown'` when the last save returned none). */
  readonly version: PinnedVersion
  /** The newest record in the cache (may be newer than `data`; see `remoteChange`). */
  readonly latest: TData | undefined
  /** The version of `latest`. */
  readonly latestVersion: ResourceVersion | undefined
  /** A newer version than the pinned one, with who/when and a merge preview; `undefined` when none. */
  readonly remoteChange: RemoteChange<TData> | undefined
  /** Take `remoteChange` into the draft now (three-way merge); returns the merge, or `undefined` when there is nothing to take. */
  readonly rebase: () => MergeResult<TData> | undefined
  /** `'pending'` until the first load, then `'success'` or `'error'`. */
  readonly status: 'pending' | 'success' | 'error'
  /** No data yet. */
  readonly isPending: boolean
  /** A request is running (first load or refetch). */
  readonly isFetching: boolean
  /** The last load failed. */
  readonly isError: boolean
  /** Why the last load failed (a typed ConflictSafeError: NetworkError, HttpError…). */
  readonly error: ConflictSafeError | null
  /** Load again now. */
  readonly refetch: () => Promise<unknown>
  /** The underlying `useQuery` result (its data is the `{ data, version }` envelope). */
  readonly query: UseQueryResult<VersionedData<TData>, ConflictSafeError>
}

/** Load a record and its version for a form; pin them while the form edits. See the file comment. */
export function useVersionedQuery<TData, TQueryKey extends QueryKey = QueryKey>(
  options: UseVersionedQueryOptions<TData, TQueryKey>,
): UseVersionedQueryResult<TData> {
  const contextClient = useQueryClient(options.queryClient)
  const client = options.queryClient ?? contextClient
  const { queryKey } = options
  const key = hashKey(queryKey)

  // The latest options, for a read function that stays the same between renders.
  const latest = useRef(options)
  latest.current = options
  const read = useMemo(
    () =>
      (context: { signal: AbortSignal; queryKey: TQueryKey }): Promise<VersionedData<TData>> => {
        const current = latest.current
        return createVersionedReader<TData, TQueryKey>({
          ...(current.url !== undefined && { url: current.url }),
          ...(current.queryFn !== undefined && { queryFn: current.queryFn }),
          ...(current.version !== undefined && { version: current.version }),
          ...(current.remoteMeta !== undefined && { remoteMeta: current.remoteMeta }),
          ...(current.headers !== undefined && { headers: current.headers }),
          ...(current.fetch !== undefined && { fetch: current.fetch }),
        })(context)
      },
    [],
  )

  const query = useQuery<VersionedData<TData>, ConflictSafeError, VersionedData<TData>, TQueryKey>(
    {
      queryKey,
      queryFn: ({ signal, queryKey: key }) => read({ signal, queryKey: key }),
      enabled: options.enabled ?? true,
      refetchOnWindowFocus: options.refetchOnWindowFocus ?? true,
      refetchInterval: options.pollIntervalMs ?? false,
      staleTime: options.staleTime ?? 0,
    },
    client,
  )

  const { controller, snapshot } = useRecord<TData>(client, queryKey)

  // Theirs for a conflict is read the same way the form loads the record.
  useEffect(() => {
    const readers = getRecordReaders<TData>(client, queryKey)
    const reader = ({ signal }: { signal: AbortSignal }) => read({ signal, queryKey })
    readers.query = reader
    return () => {
      if (readers.query === reader) readers.query = undefined
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, read])

  // Another tab saved this record: refetch it (the change shows as `remoteChange`).
  const crossTab = options.crossTab ?? true
  useEffect(() => {
    if (!crossTab) return undefined
    return onSavedElsewhere((message) => {
      if (message.key !== key) return
      const cached = client.getQueryData<VersionedData<TData>>(queryKey)
      if (sameVersion(message.version, cached?.version)) return
      void client.invalidateQueries({ queryKey, exact: true })
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, crossTab])

  const rebase = useCallback(() => controller.rebase(), [controller])
  const cached = query.data
  return {
    data: snapshot.isPinned ? snapshot.base : cached?.data,
    version: snapshot.isPinned ? snapshot.version : cached?.version,
    latest: cached?.data,
    latestVersion: cached?.version,
    remoteChange: snapshot.remoteChange,
    rebase,
    status: query.status,
    isPending: query.isPending,
    isFetching: query.isFetching,
    isError: query.isError,
    error: query.error,
    refetch: query.refetch,
    query,
  }
}
