/**
 * What a save hands to the person when it cannot finish on its own: the `conflict` of
 * `useConflictSafeMutation`, which `<ConflictDialog conflict={save.conflict} />` renders.
 *
 * Every variant keeps `mine` (the person's draft) and has `cancel()`, which closes the conflict and
 * keeps the draft: nothing is ever lost by dismissing it.
 */
import type { ConflictChoices, MergeChange, MergeConflict } from './merge/types.js'
import type { ProblemDetails } from './http/problem.js'

/** Who changed the record, and when, when the server says (problem details or headers). */
export interface ConflictMeta {
  /** Who saved the other change (a name or id), when the server says. */
  readonly by?: string
  /** When the other change was saved (ISO 8601), when the server says. */
  readonly at?: string
  /** The request id of the refused write (`X-Request-Id` or the configured header), for logs. */
  readonly requestId?: string
  /** The server's RFC 9457 problem details, when it sent any. */
  readonly problem?: ProblemDetails
}

interface ConflictFields<TData> {
  /** The person's draft at the time of the conflict. */
  readonly mine: TData
  /** Who, when and the server's details. */
  readonly meta: ConflictMeta
  /** Close the conflict without saving; the draft is kept. */
  cancel(): void
}

/** Both sides changed the record and some changes could not be merged automatically. */
export interface MergeSaveConflict<TData> extends ConflictFields<TData> {
  readonly kind: 'merge'
  /**
   * What raised it: `'save'` (a refused save; `resolve` saves again) or `'rebase'` (taking a remote change
   * into the draft; `resolve` applies the decisions to the draft without saving). Absent means `'save'`.
   * With `conflicts` empty, a clean merge waits for confirmation (`confirmMerge`).
   */
  readonly origin?: 'save' | 'rebase'
  /** What the form loaded (the pinned base). */
  readonly base: TData
  /** What the server has now. */
  readonly theirs: TData
  /** Every clean change of both sides, with mine at each conflicting path. */
  readonly merged: TData
  /** The true conflicts that need a decision. */
  readonly conflicts: readonly MergeConflict[]
  /** What merged automatically from theirs. */
  readonly changes: readonly MergeChange[]
  /** Apply the decisions and save again, conditioned on theirs' version (origin `'rebase'`: apply them to the draft only). */
  resolve(choices: ConflictChoices): void
}

/** A create collided with a uniqueness rule ("'acme' is already taken"). */
export interface DuplicateSaveConflict<TData> extends ConflictFields<TData> {
  readonly kind: 'duplicate'
  /** The field the server named, when it did. */
  readonly field?: string
  /** The value that is taken, when known. */
  readonly value?: unknown
  /** Where the existing record lives (a URL), when the server says. */
  readonly existing?: string
  /** Save again with changed values (same user action: same Idempotency-Key is NOT reused, the body changed). */
  retry(values: TData): void
}

/** A workflow or reference rule refused the write (an illegal transition, a delete blocked by references). */
export interface StateSaveConflict<TData> extends ConflictFields<TData> {
  readonly kind: 'state'
  /** The server's message, as text. */
  readonly message?: string
  /** Load the record again (the draft is kept). */
  reload(): void
}

/** The record was deleted on the server while the person edited it. */
export interface DeletedSaveConflict<TData> extends ConflictFields<TData> {
  readonly kind: 'deleted'
  /** What the form loaded. */
  readonly base: TData
  /** Create the record again with the person's changes. */
  restore(): void
  /** Accept the deletion and discard the draft. */
  acceptDeletion(): void
}

/** A request with the same Idempotency-Key is still running on the server. */
export interface InProgressSaveConflict<TData> extends ConflictFields<TData> {
  readonly kind: 'in-progress'
  /** How long the server asked to wait (Retry-After), when it said. */
  readonly retryAfterMs?: number
  /** Send the same action again (same Idempotency-Key). */
  retry(): void
}

/** The server demands a precondition (428) that the client did not send: a configuration error. */
export interface PreconditionRequiredSaveConflict<TData> extends ConflictFields<TData> {
  readonly kind: 'precondition-required'
  /** What is wrong and how to fix the configuration (for developers). */
  readonly message: string
}

/** Everything a save can hand to the person. Discriminated by `kind`. */
export type SaveConflict<TData = unknown> =
  | MergeSaveConflict<TData>
  | DuplicateSaveConflict<TData>
  | StateSaveConflict<TData>
  | DeletedSaveConflict<TData>
  | InProgressSaveConflict<TData>
  | PreconditionRequiredSaveConflict<TData>
