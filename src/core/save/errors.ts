/**
 * The errors a save ends with. Each keeps the draft: the message says so and what to do next.
 */
import { ConflictSafeError } from '../errors.js'
import type { ProblemDetails } from '../http/problem.js'
import type { SaveOutcome } from '../http/outcome.js'

/** The save gave up after `maxAttempts` writes (the record kept changing, or the server kept failing). */
export class SaveAttemptsExhaustedError extends ConflictSafeError {
  /** How many writes were sent. */
  readonly attempts: number
  /** The outcome of the last write. */
  readonly lastOutcome: SaveOutcome<unknown> | undefined

  /**
   * @param attempts How many writes were sent.
   * @param lastOutcome The outcome of the last one.
   */
  constructor(attempts: number, lastOutcome: SaveOutcome<unknown> | undefined) {
    const why =
      lastOutcome?.kind === 'stale'
        ? 'the record kept changing on the server while merging'
        : lastOutcome?.kind === 'in-progress'
          ? 'the server kept reporting the same request as still in progress'
          : lastOutcome?.kind === 'error'
            ? `the server kept failing (${lastOutcome.error.message})`
            : 'it did not go through'
    super(
      'SAVE_ATTEMPTS_EXHAUSTED',
      `Gave up saving after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${why}. Your draft is kept; ` +
        'try again in a moment.',
      lastOutcome?.kind === 'error' ? { cause: lastOutcome.error } : undefined,
    )
    this.name = 'SaveAttemptsExhaustedError'
    this.attempts = attempts
    this.lastOutcome = lastOutcome
  }
}

/** The server rejected the values (400 / 422). The draft is kept for the person to fix. */
export class InvalidValuesError extends ConflictSafeError {
  /** 400 or 422. */
  readonly status: 400 | 422
  /** The server's problem details (field errors live here), when it sent any. */
  readonly problem?: ProblemDetails
  /** The request id of the refused write, when the server said. */
  readonly requestId?: string

  /**
   * @param init The status, the server's message, problem details and request id.
   */
  constructor(init: { status: 400 | 422; message?: string; problem?: ProblemDetails; requestId?: string }) {
    super(
      'INVALID_VALUES',
      `The server rejected the values (${init.status})${init.message ? `: ${init.message}` : ''}. ` +
        'Your draft is kept; correct it and save again.',
    )
    this.name = 'InvalidValuesError'
    this.status = init.status
    if (init.problem !== undefined) this.problem = init.problem
    if (init.requestId !== undefined) this.requestId = init.requestId
  }
}

/** A save was asked for, but the controller knows no way to write (no `write`, `mutationFn` or `request`). */
export class NoWriteConfiguredError extends ConflictSafeError {
  constructor() {
    super(
      'NO_WRITE_CONFIGURED',
      'Cannot save: no write is configured. Pass `request: { url, method }` or a `mutationFn` to ' +
        'useConflictSafeMutation (or `write` to SaveController).',
    )
    this.name = 'NoWriteConfiguredError'
  }
}

/** The record must be read (theirs after a conflict, or after a save without a version) but no reader is set. */
export class NoReadConfiguredError extends ConflictSafeError {
  constructor() {
    super(
      'NO_READ_CONFIGURED',
      'Cannot read the current record to merge with it: no reader is configured. Use useVersionedQuery with the ' +
        'same queryKey, pass `request.url` for a PUT/PATCH, or pass `read` (or have the server return the ' +
        'current resource in its 409/412 body).',
    )
    this.name = 'NoReadConfiguredError'
  }
}

/** There is nothing to save: no record was loaded and no values were given. */
export class NothingToSaveError extends ConflictSafeError {
  constructor() {
    super(
      'NOTHING_TO_SAVE',
      'Nothing to save: no values were given and no draft or loaded record exists. Pass the values to mutate().',
    )
    this.name = 'NothingToSaveError'
  }
}

/** Wraps anything thrown that is not a ConflictSafeError, so `error` is always typed. */
export class UnexpectedSaveError extends ConflictSafeError {
  /**
   * @param cause What was thrown.
   */
  constructor(cause: unknown) {
    super(
      'UNEXPECTED',
      `The save failed unexpectedly (${cause instanceof Error ? cause.message : String(cause)}). Your draft is kept.`,
      { cause },
    )
    this.name = 'UnexpectedSaveError'
  }
}

/** `error` as a ConflictSafeError (wrapped in UnexpectedSaveError when it is not one). */
export function toConflictSafeError(error: unknown): ConflictSafeError {
  return error instanceof ConflictSafeError ? error : new UnexpectedSaveError(error)
}
