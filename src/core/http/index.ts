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
} from '../errors.js'
export type { ConflictSafeErrorOptions, ResponseBodyFailure } from '../errors.js'
export { formatETag, parseETag, parseETagList, strongCompare, weakCompare } from './etag.js'
export type { EntityTag } from './etag.js'
export { readVersion, sameVersion } from './version.js'
export type {
  FieldVersionSource,
  ResourceVersion,
  VersionInput,
  VersionSource,
  VersionSourceFunction,
} from './version.js'
export { buildPrecondition, DEFAULT_VERSION_FIELD } from './precondition.js'
export type { Precondition, PreconditionMode, PreconditionOptions } from './precondition.js'
export { createIdempotencyKey, DEFAULT_IDEMPOTENCY_HEADER } from './idempotency.js'
export { parseRetryAfter } from './retry-after.js'
export { DEFAULT_MAX_BODY_BYTES, readBody } from './read-body.js'
export type { ReadBodyOptions, ResponseBody, UnreadableBody } from './read-body.js'
export { isJsonContentType, toProblemDetails } from './problem.js'
export type { ProblemDetails } from './problem.js'
export { classifyProblem, DEFAULT_PROBLEM_TYPES } from './problem-types.js'
export type { ConflictClass } from './problem-types.js'
export { defaultTheirs, readTheirs } from './theirs.js'
export type { TheirsFromProblem } from './theirs.js'
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
} from './outcome.js'
export { classifyFailure, classifyResponse, DEFAULT_REQUEST_ID_HEADER } from './classify.js'
export type { ClassifyOptions, WriteOperation } from './classify.js'
export { fetchResource } from './fetch-resource.js'
export type { FetchedResource, FetchResourceOptions } from './fetch-resource.js'
export { sendWrite } from './send-write.js'
export type { SendWriteOptions, WriteMethod } from './send-write.js'
