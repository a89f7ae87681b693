/**
 * Sending one write: the precondition, the idempotency key, the JSON body, and the classified outcome.
 */
import { ConflictSafeError, InvalidBodyError } from '../errors.js'
import { classifyFailure, classifyResponse, type ClassifyOptions, type WriteOperation } from './classify.js'
import { createIdempotencyKey, DEFAULT_IDEMPOTENCY_HEADER } from './idempotency.js'
import type { SaveOutcome } from './outcome.js'
import { buildPrecondition, type PreconditionMode, type PreconditionOptions } from './precondition.js'
import type { ResourceVersion } from './version.js'

/** The HTTP methods of a write. */
export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Options of `sendWrite`. */
export interface SendWriteOptions<TData, TBody = unknown> {
  /** Where to send the write. Required. */
  readonly url: string
  /** The HTTP method. Required. */
  readonly method: WriteMethod
  /** The body, sent as JSON. Default: none. */
  readonly body?: TBody
  /** The version the form loaded (the pinned base); required for updates and deletes unless unconditional. */
  readonly version?: ResourceVersion
  /** How the version is sent (If-Match, body, both) or `unconditional: true`. Default: If-Match when an ETag is known, else the body. */
  readonly precondition?: PreconditionOptions
  /** The idempotency key of this user action; reuse it for every retry of the action. Default on creates: a new key. */
  readonly idempotencyKey?: string
  /** The header that carries the idempotency key. Default: `'Idempotency-Key'`. */
  readonly idempotencyHeader?: string
  /** Extra request headers (for example `Authorization`). Default: none. */
  readonly headers?: Record<string, string>
  /** Cancels the request; an aborted write rejects with its AbortError. Default: none. */
  readonly signal?: AbortSignal
  /** The fetch implementation. Default: `globalThis.fetch` at call time. */
  readonly fetch?: typeof fetch
  /** How the response is classified (version source, problem types, theirs…). Default: see `ClassifyOptions`. */
  readonly classify?: Omit<ClassifyOptions<TData>, 'operation'>
  /** What the write does. Default: from the method (POST creates, DELETE deletes, PUT and PATCH update). */
  readonly operation?: WriteOperation
}

function operationOf(method: WriteMethod): WriteOperation {
  return method === 'POST' ? 'create' : method === 'DELETE' ? 'delete' : 'update'
}

function failed(error: ConflictSafeError): SaveOutcome<never> {
  return { kind: 'error', error, retryable: false }
}

/**
 * Send one write and classify its outcome. Updates and deletes carry the precondition of `version` (If-Match
 * exactly as the server sent it, or the version in the body); creates carry an `Idempotency-Key` instead.
 *
 * Never rejects except when `signal` aborts (the AbortError is rethrown): a write refused before sending (no
 * known version, a body that cannot be serialized) is `kind: 'error'` with a MissingVersionError or
 * InvalidBodyError and `retryable: false`; a network failure is a retryable `kind: 'error'`.
 */
export async function sendWrite<TData, TBody = unknown>(
  options: SendWriteOptions<TData, TBody>,
): Promise<SaveOutcome<TData>> {
  const operation = options.operation ?? operationOf(options.method)
  const headers = new Headers(options.headers)
  let body: TBody | undefined = options.body
  let sentPrecondition: 'none' | PreconditionMode = 'none'

  if (operation !== 'create') {
    try {
      const precondition = buildPrecondition(options.version, body, options.precondition)
      body = precondition.body
      for (const [name, value] of Object.entries(precondition.headers)) headers.set(name, value)
    } catch (error) {
      if (error instanceof ConflictSafeError) return failed(error)
      throw error
    }
    if (options.precondition?.unconditional !== true) {
      sentPrecondition =
        options.precondition?.mode ?? (options.version?.etag !== undefined ? 'if-match' : 'body')
    }
  }
  if (operation === 'create' || options.idempotencyKey !== undefined) {
    headers.set(
      options.idempotencyHeader ?? DEFAULT_IDEMPOTENCY_HEADER,
      options.idempotencyKey ?? createIdempotencyKey(),
    )
  }
  if (!headers.has('accept')) headers.set('accept', 'application/json, application/problem+json')

  let payload: string | undefined
  if (body !== undefined) {
    try {
      payload = JSON.stringify(body)
    } catch (error) {
      return failed(
        new InvalidBodyError('it cannot be serialized as JSON (a cycle or a BigInt?)', { cause: error }),
      )
    }
    if (payload !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json')
  }

  let response: Response
  try {
    response = await (options.fetch ?? globalThis.fetch)(options.url, {
      method: options.method,
      headers,
      ...(payload !== undefined && { body: payload }),
      ...(options.signal !== undefined && { signal: options.signal }),
    })
  } catch (error) {
    return classifyFailure(error)
  }
  return classifyResponse<TData>(response, { ...options.classify, operation, sentPrecondition })
}
