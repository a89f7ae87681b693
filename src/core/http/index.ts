/**
 * The protocol core of conflict-safe: entity tags, versions, preconditions, idempotency keys, problem details,
 * and the classification of write responses into `SaveOutcome`. Framework-agnostic (no React, no DOM).
 *
 * Additions to the planned API: `ClassifyOptions.sentPrecondition` (explains a 428), `FieldVersionSource.etag`
 * (read the ETag header as well as a body field), `ResponseBody.unreadable`, `InvalidBodyError`,
 * `DEFAULT_PROBLEM_TYPES` / `classifyProblem`, `parseRetryAfter`, `readTheirs` / `defaultTheirs`, and the named
 * outcome types (`OkOutcome`, `StaleOutcome`…).
 */
export {
  ConflictSafeError,
  HttpError,
  InvalidBodyError,
  InvalidVersionError,
  MalformedETagError,
  MissingVersionError,
  NetworkError,
  ResponseBodyError,
} from '../errors'
export type { ConflictSafeErrorOptions, ResponseBodyFailure } from '../errors'
export { formatETag, parseETag, parseETagList, strongCompare, weakCompare } from './etag'
export type { EntityTag } from './etag'
export { readVersion, sameVersion } from './version'
export type {
  FieldVersionSource,
  ResourceVersion,
  VersionInput,
  VersionSource,
  VersionSourceFunction,
} from './version'
export { buildPrecondition, DEFAULT_VERSION_FIELD } from './precondition'
export type { Precondition, PreconditionMode, PreconditionOptions } from './precondition'
export { createIdempotencyKey, DEFAULT_IDEMPOTENCY_HEADER } from './idempotency'
export { parseRetryAfter } from './retry-after'
export { DEFAULT_MAX_BODY_BYTES, readBody } from './read-body'
export type { ReadBodyOptions, ResponseBody, UnreadableBody } from './read-body'
export { isJsonContentType, toProblemDetails } from './problem'
export type { ProblemDetails } from './problem'
export { classifyProblem, DEFAULT_PROBLEM_TYPES } from './problem-types'
export type { ConflictClass } from './problem-types'
export { defaultTheirs, readTheirs } from './theirs'
export type { TheirsFromProblem } from './theirs'
export type {
  DuplicateOutcome,
  ErrorOutcome,
  GoneOutcome,
  InProgressOutcome,
  InvalidOutcome,
  OkOutcome,
  OutcomeMeta,
  PreconditionRequiredOutcome,
  SaveOutcome,
  SaveOutcomeKind,
  StaleOutcome,
  StateOutcome,
  Theirs,
} from './outcome'
export { classifyFailure, classifyResponse, DEFAULT_REQUEST_ID_HEADER } from './classify'
export type { ClassifyOptions, WriteOperation } from './classify'
export { fetchResource } from './fetch-resource'
export type { FetchedResource, FetchResourceOptions } from './fetch-resource'
export { sendWrite } from './send-write'
export type { SendWriteOptions, WriteMethod } from './send-write'
