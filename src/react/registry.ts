/**
 * One `SaveController` per record and QueryClient, shared by every hook of that record (the versioned
 * query and the mutation of one form see the same pin, draft and queue).
 *
 * - Controllers are created on first render (no side effects beyond this map; nothing touches `window`),
 *   retained by mounted hooks and disposed a microtask after the last one unmounts, so React StrictMode's
 *   unmount-and-mount-again never disposes a controller in use.
 * - While retained, the controller watches the query cache entry of its key and is shown every new
 *   value (`observe`): the first pins base and version, later ones become `remoteChange`.
 */
import type { Query, QueryClient, QueryKey } from '@tanstack/react-query'
import { isVersionedData, type VersionedData } from '../core/save/versioned.js'
import { hashKey } from '../core/save/hash-key.js'
import { SaveController } from '../core/save/save-controller.js'
import { SaveQueue } from '../core/save/save-queue.js'
import { NoReadConfiguredError } from '../core/save/errors.js'
import { announceSaved } from '../core/save/broadcast.js'
import type { ReadFn } from '../core/save/versioned.js'

/** The readers of one record, by who registered them; the first present one is used. */
export interface RecordReaders<TData> {
  /** From `useConflictSafeMutation({ read })`. */
  explicit?: ReadFn<TData> | undefined
  /** From `useVersionedQuery` (its URL or queryFn). */
  query?: ReadFn<TData> | undefined
  /** From `useConflictSafeMutation({ request: { url } })` for PUT/PATCH. */
  request?: ReadFn<TData> | undefined
}

/** What the record does after a save; set by `useConflictSafeMutation`. */
export interface RecordSettings {
  /** Put the saved record into the query cache. */
  updateCache: boolean
  /** Tell other tabs about the save. */
  crossTab: boolean
}

interface Entry {
  readonly key: string
  readonly queryKey: QueryKey
  // One entry per record, of any record type; `getRecordController<TData>` gives it its type back.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  controller: SaveController<any>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readers: RecordReaders<any>
  settings: RecordSettings
  refs: number
  stopWatching: (() => void) | undefined
}

interface Registry {
  readonly queue: SaveQueue
  readonly entries: Map<string, Entry>
}

const registries = new WeakMap<QueryClient, Registry>()

function registryOf(client: QueryClient): Registry {
  let registry = registries.get(client)
  if (!registry) {
    registry = { queue: new SaveQueue(), entries: new Map() }
    registries.set(client, registry)
  }
  return registry
}

function createEntry<TData>(client: QueryClient, registry: Registry, queryKey: QueryKey, key: string): Entry {
  const entry: Entry = {
    key,
    queryKey,
    controller: undefined as unknown as SaveController<TData>,
    readers: {},
    settings: { updateCache: true, crossTab: true },
    refs: 0,
    stopWatching: undefined,
  }
  entry.controller = new SaveController<TData>({
    key,
    queue: registry.queue,
    read: async (context) => {
      const read = entry.readers.explicit ?? entry.readers.query ?? entry.readers.request
      if (!read) throw new NoReadConfiguredError()
      const theirs = await read(context)
      writeCache(client, queryKey, theirs.data, theirs.version, theirs)
      return theirs
    },
  })
  entry.controller.onEvent((event) => {
    if (event.type === 'success') {
      const version = event.version === 'unknown' ? undefined : event.version
      if (entry.settings.updateCache) {
        // A deleted record leaves the cache (a mounted query loads it again and finds it gone).
        if (event.operation === 'delete') client.removeQueries({ queryKey, exact: true })
        else writeCache(client, queryKey, event.data, version)
      }
      if (entry.settings.crossTab) announceSaved(key, version)
    } else if (event.type === 'deleted' && entry.settings.updateCache) {
      client.removeQueries({ queryKey, exact: true })
    }
  })
  return entry
}

/** The live entry of `queryKey` (created when missing). Safe to call during render. */
export function getRecordEntry(client: QueryClient, queryKey: QueryKey): Entry {
  const registry = registryOf(client)
  const key = hashKey(queryKey)
  let entry = registry.entries.get(key)
  if (!entry || entry.controller.isDisposed) {
    entry = createEntry(client, registry, queryKey, key)
    registry.entries.set(key, entry)
  }
  return entry
}

/** The controller of `queryKey` in `client`, shared by every hook of the record. */
export function getRecordController<TData>(client: QueryClient, queryKey: QueryKey): SaveController<TData> {
  return getRecordEntry(client, queryKey).controller as SaveController<TData>
}

/** The readers of a record, for hooks to register theirs. */
export function getRecordReaders<TData>(client: QueryClient, queryKey: QueryKey): RecordReaders<TData> {
  return getRecordEntry(client, queryKey).readers as RecordReaders<TData>
}

/**
 * A mounted hook holds the record: starts watching the cache on the first hold. Returns the release
 * (the controller is disposed a microtask after the last release, unless held again by then).
 */
export function retainRecord(client: QueryClient, queryKey: QueryKey): () => void {
  const entry = getRecordEntry(client, queryKey)
  entry.refs++
  if (entry.refs === 1 && !entry.stopWatching) entry.stopWatching = watchCache(client, entry)
  let released = false
  return () => {
    if (released) return
    released = true
    entry.refs--
    if (entry.refs > 0) return
    // Store a waiting draft now: the next mount (or a reload) may read it before the controller is disposed.
    entry.controller.flushDraft()
    queueMicrotask(() => {
      if (entry.refs > 0) return
      entry.stopWatching?.()
      entry.stopWatching = undefined
      entry.controller.dispose()
      const registry = registryOf(client)
      if (registry.entries.get(entry.key) === entry) registry.entries.delete(entry.key)
    })
  }
}

const queryKeys = new WeakMap<Query, string>()

function keyOf(query: Query): string {
  let key = queryKeys.get(query)
  if (key === undefined) {
    key = hashKey(query.queryKey)
    queryKeys.set(query, key)
  }
  return key
}

/** Show the controller every new value of its cache entry. */
function watchCache(client: QueryClient, entry: Entry): () => void {
  let last: unknown
  const show = (value: unknown): void => {
    if (value === undefined || value === last) return
    last = value
    entry.controller.observe(toVersioned(value))
  }
  show(client.getQueryData(entry.queryKey))
  return client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' && event.type !== 'added') return
    if (keyOf(event.query) !== entry.key) return
    show(event.query.state.data)
  })
}

/** A cache value as VersionedData: envelopes as they are, plain data with an unknown version. */
export function toVersioned<TData>(value: unknown): VersionedData<TData> {
  return isVersionedData(value)
    ? (value as VersionedData<TData>)
    : { data: value as TData, version: undefined }
}

/**
 * Put a record into the cache in the shape the entry already has: a `{ data, version }` envelope (what
 * `useVersionedQuery` keeps), or plain data when another `useQuery` owns the key with plain data.
 */
export function writeCache<TData>(
  client: QueryClient,
  queryKey: QueryKey,
  data: TData,
  version: VersionedData<TData>['version'],
  extra?: Pick<VersionedData<TData>, 'by' | 'at'>,
): void {
  const existing: unknown = client.getQueryData(queryKey)
  if (existing !== undefined && !isVersionedData(existing)) {
    client.setQueryData(queryKey, data)
    return
  }
  const envelope: VersionedData<TData> = {
    data,
    version,
    ...(extra?.by !== undefined && { by: extra.by }),
    ...(extra?.at !== undefined && { at: extra.at }),
  }
  client.setQueryData(queryKey, envelope)
}
