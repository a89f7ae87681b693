/**
 * The one error type of the merge engine. Every refusal says what is wrong and what to do.
 */

/** Why the merge engine refused its input. */
export type MergeErrorCode =
  /** A value of the wrong type was passed (for example a number to `mergeText`). */
  | 'invalid-input'
  /** An option is malformed (for example a path pattern that does not parse). */
  | 'invalid-option'
  /** A choice passed to `resolve` names no conflict or is not a valid decision. */
  | 'invalid-choice'
  /** A value refers to itself where the engine needs its full shape (a cycle inside an array item). */
  | 'cyclic-value'

/** Thrown by `mergeText`, `mergeValues` and `resolve` for bad input. Inputs are never modified. */
export class MergeError extends Error {
  /** What kind of problem this is, for programs. */
  readonly code: MergeErrorCode

  constructor(code: MergeErrorCode, message: string) {
    super(`conflict-safe: ${message}`)
    this.name = 'MergeError'
    this.code = code
  }
}
