/**
 * How the save controller talks to a server: a `WriteFn` sends one write and returns its classified
 * outcome; a `ReadFn` fetches theirs. Ready-made ones for plain REST (`request: { url, method }`) and
 * for your own fetch code (`mutationFn`).
 */
import { classifyFailure, classifyResponse, type ClassifyOptions } from '../http/classify.js'
import { ConflictSafeError, InvalidBodyError } from '../errors.js'
import { DEFAULT_IDEMPOTENCY_HEADER } from '../http/idempotency.js'
import type { SaveOutcome } from '../http/outcome.js'
import { buildPrecondition, type PreconditionMode, type PreconditionOptions } from '../http/precondition.js'
import { sendWrite, type WriteMethod } from '../http/send-write.js'
import type { ResourceVersion } from '../http/version.js'

/** What a save does: create the record (POST, Idempotency-Key), update it or delete it (both conditional). */
export type SaveOperation = 'create' | 'update' | 'delete'

/** Everything one write needs. */
export interface WriteContext<TData> {
  /** The values to send (mine, or the merged values); for a delete, the record as it is deleted (not sent by the REST writer). */
  readonly values: TData
  /** The version the write is conditioned on; `undefined` for a create. */
  readonly version: ResourceVersion | undefined
  /** Create, update or delete. */
  readonly operation: SaveOperation
  /** Where the record lives when a create told us (its `Location`): updates and deletes go there. `undefined` otherwise. */
  readonly url?: string | undefined
  /** The Idempotency-Key of this user action (creates), reused on every retry of it. */
  readonly idempotencyKey: string | undefined
  /** Re-create a deleted record: no If-Match; writers send `If-None-Match: *` (create only if absent). */
  readonly unconditional: boolean
  /** Aborted when the controller is disposed (the form unmounted). */
  readonly signal: AbortSignal
}

/** Sends one write; never rejects except with an AbortError. */
export type WriteFn<TData> = (context: WriteContext<TData>) => Promise<SaveOutcome<TData>>

/** Options of the built-in REST writer. */
export interface RequestWriteOptions<TData> {
  /** Where writes go (a create's `Location` takes over for the writes after it). Required. */
  readonly url: string
  /** The HTTP method. Default: `'POST'` for creates, `'PUT'` for updates, `'DELETE'` for deletes. */
  readonly method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Extra request headers (for example `Authorization`). Default: none. */
  readonly headers?: Record<string, string>
  /** The fetch implementation. Default: `globalThis.fetch` at call time. */
  readonly fetch?: typeof fetch
  /** How the version is sent: `mode` (`'if-match'`, `'body'`, `'both'`) and body `field`. Default: If-Match when an ETag is known, else the body field `version`. */
  readonly precondition?: Omit<PreconditionOptions, 'unconditional'>
  /** The header of the idempotency key. Default: `'Idempotency-Key'`. */
  readonly idempotencyHeader?: string
  /** How responses are classified (version source, problem types…). Default: see `ClassifyOptions`. */
  readonly classify?: Omit<ClassifyOptions<TData>, 'operation'>
}

/** The method of one write: deletes are DELETE; writes to a created record (its `Location`) are PUT unless PATCH is configured. */
function methodOf(
  context: WriteContext<unknown>,
  configured: RequestWriteOptions<unknown>['method'],
): WriteMethod {
  if (context.operation === 'delete') return 'DELETE'
  if (context.url !== undefined) return configured === 'PATCH' ? 'PATCH' : 'PUT'
  if (configured !== undefined && configured !== 'DELETE') return configured
  return context.operation === 'create' ? 'POST' : 'PUT'
}

/**
 * A writer for plain REST: `sendWrite` with the precondition, the idempotency key and JSON. A delete sends
 * no body (only the precondition; in precondition mode `'body'` the body is `{ [field]: version }`).
 */
export function createRequestWriter<TData>(options: RequestWriteOptions<TData>): WriteFn<TData> {
  return (context) => {
    const isDelete = context.operation === 'delete'
    return sendWrite<TData>({
      url: context.url ?? options.url,
      method: methodOf(context, options.method),
      ...(!isDelete && { body: context.values }),
      ...(context.version !== undefined && { version: context.version }),
      precondition: { ...options.precondition, ...(context.unconditional && { unconditional: true }) },
      ...(context.idempotencyKey !== undefined && { idempotencyKey: context.idempotencyKey }),
      ...(options.idempotencyHeader !== undefined && { idempotencyHeader: options.idempotencyHeader }),
      ...((options.headers !== undefined || context.unconditional) && {
        headers: { ...options.headers, ...(context.unconditional && { 'If-None-Match': '*' }) },
      }),
      signal: context.signal,
      ...(options.fetch !== undefined && { fetch: options.fetch }),
      ...(options.classify !== undefined && { classify: options.classify }),
      operation: context.operation,
    })
  }
}

/** What your own write function receives. */
export interface MutationFnContext<TData> {
  /** The body to send: the values, with the version written in when the precondition mode is `'body'`/`'both'`. */
  readonly values: TData
  /** The precondition and idempotency headers to send as they are (`If-Match`, `Idempotency-Key`). */
  readonly headers: Record<string, string>
  /** Pass it to fetch: aborted when the form unmounts. */
  readonly signal: AbortSignal
  /** The Idempotency-Key of this user action (creates), the same on every retry; also in `headers`. */
  readonly idempotencyKey: string | undefined
  /** The version the write is conditioned on (`undefined` for a create). */
  readonly version: ResourceVersion | undefined
  /** Create, update or delete: send a DELETE for `'delete'`, a POST for `'create'`. */
  readonly operation: SaveOperation
  /** Where the record lives when a create told us (its `Location`): send updates and deletes there. `undefined` otherwise. */
  readonly url: string | undefined
}

/**
 * Your own write: send `values` with `headers`, and return the fetch `Response` (classified for you) or an
 * already classified `SaveOutcome`.
 */
export type MutationFn<TData> = (context: MutationFnContext<TData>) => Promise<Response | SaveOutcome<TData>>

/** Options of `createMutationFnWriter`. */
export interface MutationFnWriteOptions<TData> {
  /** How the version is sent. Default: If-Match when an ETag is known, else the body field `version`. */
  readonly precondition?: Omit<PreconditionOptions, 'unconditional'>
  /** The header of the idempotency key. Default: `'Idempotency-Key'`. */
  readonly idempotencyHeader?: string
  /** How a returned Response is classified. Default: see `ClassifyOptions`. */
  readonly classify?: Omit<ClassifyOptions<TData>, 'operation'>
}

const OUTCOME_KINDS = /* @__PURE__ */ new Set([
  'ok',
  'stale',
  'duplicate',
  'state',
  'in-progress',
  'precondition-required',
  'invalid',
  'gone',
  'error',
])

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && error.name === 'AbortError')
}

/** A writer around your own fetch code: builds the precondition headers and classifies what it returns. */
export function createMutationFnWriter<TData>(
  mutationFn: MutationFn<TData>,
  options: MutationFnWriteOptions<TData> = {},
): WriteFn<TData> {
  return async (context) => {
    let body = context.values
    const headers: Record<string, string> = {}
    let sentPrecondition: 'none' | PreconditionMode = 'none'
    if (context.operation !== 'create' && !context.unconditional) {
      try {
        const precondition = buildPrecondition(context.version, body, options.precondition)
        body = precondition.body
        Object.assign(headers, precondition.headers)
        sentPrecondition =
          options.precondition?.mode ?? (context.version?.etag !== undefined ? 'if-match' : 'body')
      } catch (error) {
        if (error instanceof ConflictSafeError) return { kind: 'error', error, retryable: false }
        throw error
      }
    }
    if (context.idempotencyKey !== undefined) {
      headers[options.idempotencyHeader ?? DEFAULT_IDEMPOTENCY_HEADER] = context.idempotencyKey
    }
    if (context.unconditional) headers['If-None-Match'] = '*'
    let returned: Response | SaveOutcome<TData>
    try {
      returned = await mutationFn({
        values: body,
        headers,
        signal: context.signal,
        idempotencyKey: context.idempotencyKey,
        version: context.version,
        operation: context.operation,
        url: context.url,
      })
    } catch (error) {
      if (isAbort(error, context.signal)) throw error
      return classifyFailure(error)
    }
    if (typeof Response !== 'undefined' && returned instanceof Response) {
      return classifyResponse<TData>(returned, {
        ...options.classify,
        operation: context.operation,
        sentPrecondition,
        sentBy: 'mutationFn',
      })
    }
    if (
      typeof returned === 'object' &&
      returned !== null &&
      OUTCOME_KINDS.has((returned as { kind?: unknown }).kind as string)
    ) {
      return returned as SaveOutcome<TData>
    }
    return {
      kind: 'error',
      retryable: false,
      error: new InvalidBodyError(
        'mutationFn must return the fetch Response (or a SaveOutcome), but it returned something else',
      ),
    }
  }
}
