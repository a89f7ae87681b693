/**
 * Classifying the response to a write (or its failure) into one `SaveOutcome`.
 */
import { ConflictSafeError, HttpError, NetworkError, ResponseBodyError } from '../errors.js'
import type { SaveOutcome, OutcomeMeta, ErrorOutcome } from './outcome.js'
import type { PreconditionMode } from './precondition.js'
import { toProblemDetails, type ProblemDetails } from './problem.js'
import { classifyProblem, type ConflictClass } from './problem-types.js'
import { isAbortError, readBody, type ResponseBody } from './read-body.js'
import { parseRetryAfter } from './retry-after.js'
import { readTheirs, type TheirsFromProblem } from './theirs.js'
import { readVersion, type VersionSource } from './version.js'

/** What a write does: create a record, update one, or delete one. */
export type WriteOperation = 'create' | 'update' | 'delete'

/** The default header of the request id kept with every outcome. */
export const DEFAULT_REQUEST_ID_HEADER = 'X-Request-Id'

/** How to classify the response to a write. */
export interface ClassifyOptions<TData> {
  /** What the write did; decides what a bare 409 means (`duplicate` on create, `stale` otherwise). Required. */
  readonly operation: WriteOperation
  /** Where the new version (on success) and theirs' version (on conflict) are read. Default: `'etag'`. */
  readonly versionSource?: VersionSource
  /** The response header that carries the request id. Default: `'X-Request-Id'`. */
  readonly requestIdHeader?: string
  /**
   * Problem `type` (whole or last path segment) or `code` values → class of a 409, tried before
   * `DEFAULT_PROBLEM_TYPES`. Default: none.
   */
  readonly problemTypes?: Readonly<Record<string, ConflictClass>>
  /** Reads theirs from a conflict's problem details. Default: the members `current`/`resource` and `etag`/`version`. */
  readonly theirs?: (problem: ProblemDetails) => TheirsFromProblem<TData> | undefined
  /** The most bytes of a response body read. Default: 1 MiB. */
  readonly maxBodyBytes?: number
  /** The precondition the write carried, to explain a 428; `sendWrite` sets it. Default: unknown. */
  readonly sentPrecondition?: 'none' | PreconditionMode
  /**
   * Who sent the request: the library's own fetch (`'library'`), or your `mutationFn`, which was handed the
   * precondition headers to send on (a 428 then says so). Default `'library'`.
   */
  readonly sentBy?: 'library' | 'mutationFn'
}

/** The longest plain-text body used as a message. */
const MAX_TEXT_MESSAGE = 500

function stringMember(problem: ProblemDetails | undefined, ...keys: string[]): string | undefined {
  if (problem === undefined) return undefined
  for (const key of keys) {
    const value = Object.hasOwn(problem, key) ? problem[key] : undefined
    if (typeof value === 'string' && value !== '') return value
  }
  return undefined
}

/** The server's explanation: the problem's `detail` or `title`, else a short `text/plain` body. */
function messageOf(problem: ProblemDetails | undefined, body: ResponseBody): string | undefined {
  const said = stringMember(problem, 'detail', 'title')
  if (said !== undefined) return said
  const media = (body.contentType.split(';')[0] ?? '').trim().toLowerCase()
  const text = body.text.trim()
  if (media === 'text/plain' && !body.truncated && text !== '' && text.length <= MAX_TEXT_MESSAGE) return text
  return undefined
}

/** A JSON pointer (`#/name`, `/items/0/sku`) as a dotted field path (`name`, `items.0.sku`). */
function pointerToField(pointer: string): string | undefined {
  const field = pointer
    .replace(/^#/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.')
  return field === '' ? undefined : field
}

/** The field a duplicate names: `field`, else the first of `errors[]` (`field` or JSON `pointer`). */
function duplicateField(problem: ProblemDetails | undefined): string | undefined {
  const direct = stringMember(problem, 'field')
  if (direct !== undefined || problem === undefined) return direct
  const errors = Object.hasOwn(problem, 'errors') ? problem['errors'] : undefined
  if (!Array.isArray(errors)) return undefined
  const first: unknown = errors[0]
  if (typeof first !== 'object' || first === null) return undefined
  const { field, pointer } = first as { field?: unknown; pointer?: unknown }
  if (typeof field === 'string' && field !== '') return field
  return typeof pointer === 'string' ? pointerToField(pointer) : undefined
}

function preconditionRequiredMessage(
  sent: ClassifyOptions<unknown>['sentPrecondition'],
  sentBy: ClassifyOptions<unknown>['sentBy'],
  said: string | undefined,
): string {
  const viaMutationFn = sentBy === 'mutationFn'
  const fix =
    viaMutationFn && (sent === 'if-match' || sent === 'both')
      ? 'This write went through your mutationFn, which was handed the precondition in `headers` ' +
        `(If-Match${sent === 'both' ? ', and the version in `values`' : ''}): it must send those headers on with the request, ` +
        'for example fetch(url, { headers: { ...headers, ...yours }, body: JSON.stringify(values), signal }). ' +
        'If it does, check that no proxy strips If-Match.'
      : viaMutationFn && sent === 'body'
        ? 'This write went through your mutationFn, which was handed the version written into `values` (the body ' +
          'field): it must send `values` as the body. If it does, this server wants the If-Match header: read the ' +
          "ETag (versionSource 'etag', or { field, etag: true }), use precondition mode 'if-match' or 'both', and " +
          'send the `headers` it is handed.'
        : sent === 'body'
          ? 'This write carried its version only in the body; this server wants the If-Match header. Read the ETag ' +
            "(versionSource 'etag', or { field, etag: true }) and use precondition mode 'if-match' or 'both'."
          : sent === 'if-match' || sent === 'both'
            ? 'This write did send If-Match: check that no proxy strips it, and whether the server expects the ' +
              "version in the body as well (precondition mode 'both')."
            : 'Load the record with its version (versionSource reads the ETag header or a body field) and send ' +
              'writes with it; do not mark writes to this resource unconditional.'
  return `The server requires a conditional write (428 Precondition Required) and this one did not satisfy it. ${fix}${
    said === undefined ? '' : ` The server said: ${said}`
  }`
}

function bodyFailure(status: number, body: ResponseBody, meta: OutcomeMeta): ErrorOutcome | undefined {
  if (body.unreadable === undefined) return undefined
  return {
    kind: 'error',
    status,
    error: new ResponseBodyError({
      status,
      reason: body.unreadable,
      contentType: body.contentType,
      text: body.text,
    }),
    retryable: false,
    ...meta,
  }
}

/** The `Location` header of a success (where a created record lives), absolute when the response URL is known. */
function locationOf(response: Response): { location?: string } {
  const location = response.headers.get('location')?.trim()
  if (location === undefined || location === '') return {}
  try {
    return { location: response.url === '' ? location : new URL(location, response.url).href }
  } catch {
    return { location }
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599)
}

/**
 * Classify the response to a write into a `SaveOutcome`. Never throws for bad server input (a broken body, a
 * malformed ETag, a version of the wrong type): those become `kind: 'error'` with a typed error. A 409 is
 * classified by its problem `type`/`code` (see `problemTypes`), then as `stale` when it carries the current
 * resource, else by the operation: a bare 409 is `duplicate` on create and `stale` on update and delete.
 * Errors thrown by your own `versionSource` or `theirs` functions propagate.
 */
export async function classifyResponse<TData>(
  response: Response,
  options: ClassifyOptions<TData>,
): Promise<SaveOutcome<TData>> {
  const { status, headers } = response
  const requestId = headers.get(options.requestIdHeader ?? DEFAULT_REQUEST_ID_HEADER) ?? undefined
  const body = await readBody(
    response,
    options.maxBodyBytes === undefined ? {} : { maxBytes: options.maxBodyBytes },
  )
  const idMeta: OutcomeMeta = requestId === undefined ? {} : { requestId }

  if (status >= 200 && status <= 299) {
    const failure = bodyFailure(status, body, idMeta)
    if (failure !== undefined) return failure
    try {
      const version = readVersion(options.versionSource ?? 'etag', { headers, body: body.json })
      return {
        kind: 'ok',
        status,
        data: body.json as TData | undefined,
        version: version ?? 'unknown',
        ...locationOf(response),
        ...idMeta,
      }
    } catch (error) {
      if (!(error instanceof ConflictSafeError)) throw error
      return { kind: 'error', status, error, retryable: false, ...idMeta }
    }
  }

  const problem = toProblemDetails(body.json, body.contentType)
  const meta: OutcomeMeta = problem === undefined ? idMeta : { ...idMeta, problem }
  const message = messageOf(problem, body)
  const withMessage = message === undefined ? {} : { message }
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'))
  const withRetryAfter = retryAfterMs === undefined ? {} : { retryAfterMs }

  if (status === 409 || status === 412) {
    const theirs = readTheirs(problem, {
      headers,
      ...(options.versionSource !== undefined && { versionSource: options.versionSource }),
      ...(options.theirs !== undefined && { theirs: options.theirs }),
    })
    const kind: ConflictClass =
      status === 412
        ? 'stale'
        : (classifyProblem(problem, options.problemTypes) ??
          (theirs !== undefined ? 'stale' : options.operation === 'create' ? 'duplicate' : 'stale'))
    switch (kind) {
      case 'stale': {
        const by = stringMember(problem, 'by', 'modifiedBy', 'updatedBy')
        const at = stringMember(problem, 'at', 'modifiedAt', 'updatedAt')
        return {
          kind: 'stale',
          status: status as 409 | 412,
          ...(theirs !== undefined && { theirs }),
          ...(by !== undefined && { by }),
          ...(at !== undefined && { at }),
          ...withMessage,
          ...meta,
        }
      }
      case 'duplicate': {
        const field = duplicateField(problem)
        const existing = stringMember(problem, 'existing') ?? headers.get('location') ?? undefined
        const hasValue = problem !== undefined && Object.hasOwn(problem, 'value')
        return {
          kind: 'duplicate',
          status: 409,
          ...(field !== undefined && { field }),
          ...(hasValue && { value: problem['value'] }),
          ...(existing !== undefined && { existing }),
          ...withMessage,
          ...meta,
        }
      }
      case 'state':
        return { kind: 'state', status: 409, ...withMessage, ...meta }
      case 'in-progress':
        return { kind: 'in-progress', status: 409, ...withRetryAfter, ...meta }
    }
  }

  if (status === 428) {
    return {
      kind: 'precondition-required',
      status: 428,
      message: preconditionRequiredMessage(options.sentPrecondition, options.sentBy, message),
      ...meta,
    }
  }
  if (status === 400 || status === 422) return { kind: 'invalid', status, ...withMessage, ...meta }
  if ((status === 404 || status === 410) && options.operation !== 'create')
    return { kind: 'gone', status, ...meta }

  const error = new HttpError({
    status,
    statusText: response.statusText,
    ...(problem !== undefined && { problem }),
    ...(requestId !== undefined && { requestId }),
  })
  return {
    kind: 'error',
    status,
    error,
    retryable: isRetryableStatus(status),
    ...withRetryAfter,
    ...meta,
  }
}

/**
 * Classify a write that got no response (`fetch` rejected) as `kind: 'error'`. A network failure becomes a
 * retryable NetworkError; a ConflictSafeError is kept (retryable only if it is a NetworkError).
 *
 * @throws the error itself when it is an AbortError: a cancelled write is never classified.
 */
export function classifyFailure(error: unknown): SaveOutcome<never> {
  if (isAbortError(error)) throw error
  if (error instanceof ConflictSafeError)
    return { kind: 'error', error, retryable: error instanceof NetworkError }
  return { kind: 'error', error: new NetworkError(error), retryable: true }
}
