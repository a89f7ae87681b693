/**
 * Reading a record with its version: from a URL (one GET), or from your own `queryFn` returning a fetch
 * `Response` or the data itself. Also reads who changed it and when, when the server says.
 */
import { fetchResource } from '../http/fetch-resource.js'
import { readVersion, type VersionSource } from '../http/version.js'
import type { VersionedData } from './versioned.js'

/** Who changed the record and when, read from a response (headers and body). */
export type RemoteMetaReader = (input: { readonly headers: Headers; readonly body: unknown }) => {
  readonly by?: string | undefined
  readonly at?: string | undefined
}

/** The response header naming who last changed the record (the reference server sends it). */
export const MODIFIED_BY_HEADER = 'X-Modified-By'

/**
 * The default: `at` from the `Last-Modified` header (as ISO 8601) and `by` from `X-Modified-By`, when the
 * server sends them (the reference server does, on reads and writes).
 */
export const defaultRemoteMeta: RemoteMetaReader = ({ headers }) => {
  const by = headers.get(MODIFIED_BY_HEADER)?.trim()
  const modified = headers.get('last-modified')
  const time = modified === null ? Number.NaN : Date.parse(modified)
  return {
    ...(by !== undefined && by !== '' && { by }),
    ...(!Number.isNaN(time) && { at: new Date(time).toISOString() }),
  }
}

/** Your own read: return the fetch `Response` (its ETag is read) or the data (its version is read from the body). */
export type VersionedQueryFn<TData, TQueryKey = readonly unknown[]> = (context: {
  readonly signal: AbortSignal
  readonly queryKey: TQueryKey
}) => Promise<Response | TData>

/** Options of `createVersionedReader`. */
export interface VersionedReaderOptions<TData, TQueryKey = readonly unknown[]> {
  /** GET this URL. One of `url` and `queryFn` is required. */
  readonly url?: string
  /** Your own read. One of `url` and `queryFn` is required. */
  readonly queryFn?: VersionedQueryFn<TData, TQueryKey>
  /** Where the version is. Default: `'etag'` for responses, `{ field: 'version' }` for data a queryFn returns. */
  readonly version?: VersionSource
  /** Who changed it and when. Default: `at` from `Last-Modified`, `by` from `X-Modified-By`. */
  readonly remoteMeta?: RemoteMetaReader
  /** Extra request headers for `url`. Default: none. */
  readonly headers?: Record<string, string>
  /** The fetch implementation for `url`. Default: `globalThis.fetch` at call time. */
  readonly fetch?: typeof fetch
}

/** A reader of the record and its version, for `useVersionedQuery` and for fetching theirs. */
export function createVersionedReader<TData, TQueryKey = readonly unknown[]>(
  options: VersionedReaderOptions<TData, TQueryKey>,
): (context: {
  readonly signal: AbortSignal
  readonly queryKey: TQueryKey
}) => Promise<VersionedData<TData>> {
  const remoteMeta = options.remoteMeta ?? defaultRemoteMeta
  const fromResponse = async (
    url: string,
    fetchImpl: typeof fetch,
    signal: AbortSignal,
  ): Promise<VersionedData<TData>> => {
    let headers = new Headers()
    const fetched = await fetchResource<TData>(url, {
      signal,
      fetch: async (input, init) => {
        const response = await fetchImpl(input, init)
        headers = response.headers
        return response
      },
      ...(options.version !== undefined && { versionSource: options.version }),
      ...(options.headers !== undefined && { headers: options.headers }),
    })
    return withMeta(fetched.data, fetched.version, remoteMeta({ headers, body: fetched.data }))
  }
  return async ({ signal, queryKey }) => {
    if (options.queryFn) {
      const returned = await options.queryFn({ signal, queryKey })
      if (typeof Response !== 'undefined' && returned instanceof Response) {
        return fromResponse(returned.url || 'about:blank', async () => returned, signal)
      }
      const data = returned as TData
      const headers = new Headers()
      const version = readVersion(options.version ?? { field: 'version' }, { headers, body: data })
      return withMeta(data, version, remoteMeta({ headers, body: data }))
    }
    if (options.url === undefined) {
      throw new TypeError('createVersionedReader needs `url` or `queryFn`.')
    }
    return fromResponse(
      options.url,
      options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      signal,
    )
  }
}

function withMeta<TData>(
  data: TData,
  version: VersionedData<TData>['version'],
  meta: { readonly by?: string | undefined; readonly at?: string | undefined },
): VersionedData<TData> {
  return {
    data,
    version,
    ...(typeof meta.by === 'string' && { by: meta.by }),
    ...(typeof meta.at === 'string' && { at: meta.at }),
  }
}

/** Options of `createUrlReader`. */
export interface UrlReadOptions {
  /** Where the version is read. Default: `'etag'`. */
  readonly versionSource?: VersionSource
  /** Extra request headers. Default: none. */
  readonly headers?: Record<string, string>
  /** The fetch implementation. Default: `globalThis.fetch` at call time. */
  readonly fetch?: typeof fetch
}

/** A reader that GETs `url` (one request) and reads its version. */
export function createUrlReader<TData>(url: string, options: UrlReadOptions = {}) {
  const read = createVersionedReader<TData>({
    url,
    ...(options.versionSource !== undefined && { version: options.versionSource }),
    ...(options.headers !== undefined && { headers: options.headers }),
    ...(options.fetch !== undefined && { fetch: options.fetch }),
  })
  return ({ signal }: { readonly signal: AbortSignal }): Promise<VersionedData<TData>> =>
    read({ signal, queryKey: [] })
}
