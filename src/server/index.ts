/**
 * `conflict-safe/server`: a reference server that speaks the conflict-safe protocol (strong ETags,
 * If-Match → 412, 428, version-in-body → 409, uniqueness and state rules, Idempotency-Key replays),
 * built on the Fetch API only. See docs/server.md.
 */
export { createReferenceServer } from './reference-server.js'
export { PROBLEM_TYPES, problemType } from './problem-types.js'
export type { ProblemCode } from './problem-types.js'
export { canonicalJson, contentETag } from './content-hash.js'
export type {
  Exchange,
  IdempotencyOptions,
  JsonObject,
  ReferenceServer,
  ReferenceServerOptions,
  ResourceOptions,
  StateRule,
  StoredRecord,
  Transitions,
  Versioning,
  WriteInput,
} from './types.js'
