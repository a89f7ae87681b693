/**
 * Reading a resource and its version with one GET: how a form loads its base, and how theirs is fetched when a
 * conflict response does not carry it.
 */
import { HttpError, ResponseBodyError } from '../errors.js'
import { classifyFailure, DEFAULT_REQUEST_ID_HEADER } from './classify.js'
import { toProblemDetails } from './problem.js'
import { readBody } from './read-body.js'
import { readVersion, type ResourceVersion, type VersionSource } from './version.js'

/** Options of `fetchResource`. */
export interface FetchResourceOptions {
  /** Where the version is read. Default: `'etag'` (the `ETag` response header). */
  readonly versionSource?: VersionSource
  /** Cancels the request; an aborted fetch rejects with its AbortError. Default: none. */
  readonly signal?: AbortSignal
  /** The fetch implementation. Default: `globalThis.fetch` at call time. */
  readonly fetch?: typeof fetch
  /** Extra request headers (for example `Authorization`). Default: none. */
  readonly headers?: Record<string, string>
  /** The response header that carries the request id. Default: `'X-Request-Id'`. */
  readonly requestIdHeader?: string
  /** The most bytes of the body read. Default: 1 MiB. */
  readonly maxBodyBytes?: number
}

/** A resource as read by `fetchResource`. */
export interface FetchedResource<TData> {
  /** The parsed JSON body. */
  readonly data: TData
  /** Its version, `undefined` when the response carries none. */
  readonly version: ResourceVersion | undefined
  /** The request id the server reported, when it did. */
  readonly requestId?: string
}

/**
 * GET a resource (bypassing the HTTP cache) and read its version.
 *
 * @throws NetworkError when no response arrived; HttpError for a non-2xx status (with its problem details);
 *   ResponseBodyError for an empty, non-JSON, too large or cut-off body; MalformedETagError or
 *   InvalidVersionError for a broken version; the AbortError itself when `signal` aborts.
 */
export async function fetchResource<TData>(
  url: string,
  options: FetchResourceOptions = {},
): Promise<FetchedResource<TData>> {
  const fetchImpl = options.fetch ?? globalThis.fetch
  const headers = new Headers(options.headers)
  if (!headers.has('accept')) headers.set('accept', 'application/json')
  let response: Response
  try {
    response = await fetchImpl(url, {
      method: 'GET',
      headers,
      cache: 'no-store',
      ...(options.signal !== undefined && { signal: options.signal }),
    })
  } catch (failure) {
    const outcome = classifyFailure(failure)
    throw outcome.kind === 'error' ? outcome.error : failure
  }
  const requestId = response.headers.get(options.requestIdHeader ?? DEFAULT_REQUEST_ID_HEADER) ?? undefined
  const body = await readBody(
    response,
    options.maxBodyBytes === undefined ? {} : { maxBytes: options.maxBodyBytes },
  )
  if (response.status < 200 || response.status > 299) {
    const problem = toProblemDetails(body.json, body.contentType)
    throw new HttpError({
      status: response.status,
      statusText: response.statusText,
      ...(problem !== undefined && { problem }),
      ...(requestId !== undefined && { requestId }),
    })
  }
  const reason = body.unreadable ?? (body.json === undefined ? 'empty' : undefined)
  if (reason !== undefined) {
    throw new ResponseBodyError({
      status: response.status,
      reason,
      contentType: body.contentType,
      text: body.text,
    })
  }
  const version = readVersion(options.versionSource ?? 'etag', { headers: response.headers, body: body.json })
  return { data: body.json as TData, version, ...(requestId !== undefined && { requestId }) }
}
