/**
 * Replies: the server builds every answer as plain data first (status, headers, body text), so the
 * exact bytes can be stored for Idempotency-Key replays, then turns it into a Fetch `Response`.
 */
import { problemType } from './problem-types.js'
import type { ProblemCode } from './problem-types.js'

/** An answer before it becomes a `Response`. */
export interface Reply {
  /** The status code. */
  readonly status: number
  /** The headers, in order. */
  readonly headers: readonly (readonly [string, string])[]
  /** The body text (`undefined`: no body). */
  readonly body: string | undefined
  /** The problem code, when the reply is a problem. */
  readonly problemCode?: ProblemCode
}

/** The `title` of each problem type (RFC 9457: the same for every occurrence of the type). */
const TITLES: Readonly<Record<ProblemCode, string>> = {
  stale: 'The record changed since it was loaded',
  'precondition-required': 'This write must be conditional',
  duplicate: 'The value is already taken',
  'state-conflict': 'The record is not in a state that allows this',
  'in-progress': 'A request with this Idempotency-Key is still being processed',
  'idempotency-key-reused': 'The Idempotency-Key was used for a different request',
  invalid: 'The request is invalid',
  'not-found': 'Not found',
  gone: 'The record was deleted',
  'method-not-allowed': 'Method not allowed',
  'payload-too-large': 'The request body is too large',
  'unsupported-media-type': 'The request body must be JSON',
  internal: 'The server failed',
}

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'code'])

/** A JSON reply. */
export function jsonReply(
  status: number,
  value: unknown,
  headers: readonly (readonly [string, string])[] = [],
): Reply {
  return { status, headers: [['Content-Type', 'application/json'], ...headers], body: JSON.stringify(value) }
}

/** A reply with no body (204, 304, HEAD). */
export function emptyReply(status: number, headers: readonly (readonly [string, string])[] = []): Reply {
  return { status, headers, body: undefined }
}

/** The details of one problem occurrence. */
export interface ProblemInput {
  /** The problem's short name; sets `type`, `title` and `code`. */
  readonly code: ProblemCode
  /** The HTTP status. */
  readonly status: number
  /** What happened this time, for people. */
  readonly detail: string
  /** The path the problem is about. */
  readonly instance?: string
  /** Extension members (`current`, `etag`, `field`…); `undefined` members are left out. */
  readonly extensions?: Readonly<Record<string, unknown>>
  /** Extra response headers (Retry-After, Allow). */
  readonly headers?: readonly (readonly [string, string])[]
}

/** An RFC 9457 `application/problem+json` reply. */
export function problemReply(input: ProblemInput): Reply {
  const body: Record<string, unknown> = {
    type: problemType(input.code),
    title: TITLES[input.code],
    status: input.status,
    detail: input.detail,
    ...(input.instance !== undefined ? { instance: input.instance } : {}),
    code: input.code,
  }
  for (const [key, value] of Object.entries(input.extensions ?? {})) {
    if (value !== undefined && !RESERVED.has(key)) body[key] = value
  }
  return {
    status: input.status,
    headers: [['Content-Type', 'application/problem+json'], ...(input.headers ?? [])],
    body: JSON.stringify(body),
    problemCode: input.code,
  }
}

/** Turns a reply into a `Response`, with extra headers appended. Bodies of 204/304 and HEAD are dropped. */
export function toResponse(
  reply: Reply,
  extraHeaders: readonly (readonly [string, string])[],
  head: boolean,
): Response {
  const headers = new Headers()
  for (const [name, value] of reply.headers) headers.append(name, value)
  for (const [name, value] of extraHeaders) headers.set(name, value)
  const noBody = head || reply.status === 204 || reply.status === 304 || reply.body === undefined
  return new Response(noBody ? null : reply.body, { status: reply.status, headers })
}
