/**
 * The save lifecycle as an explicit state machine: one status union, discriminated actions and a pure
 * `reduce`. The controller (`save-controller.ts`) sends actions; views read the state and its derived
 * flags. An action that does not apply to the current state returns that same state object.
 *
 * ```
 *   idle ─submit→ saving ─ok→ saved
 *                  │  ↑ write (clean merge, retry, resolve)
 *            stale ↓  │
 *                 merging ─conflict→ conflict ─submit (resolve)→ saving
 *   saving / merging ─failure→ error          conflict ─dismiss→ idle
 * ```
 */
import type { ConflictSafeError } from '../errors.js'
import type { SaveConflict } from '../conflict.js'
import type { MergeChange } from '../merge/types.js'
import type { PinnedVersion } from './draft-store.js'
import type { SaveOperation } from './writers.js'

/** Where a save is in its lifecycle. */
export type SaveStatus = 'idle' | 'saving' | 'merging' | 'conflict' | 'saved' | 'error'

/** Nothing is happening: no save yet, or a conflict was dismissed. */
export interface IdleSaveState {
  readonly status: 'idle'
}

/** A save is running: preparing, a write in flight, or waiting to retry one. */
export interface SavingSaveState {
  readonly status: 'saving'
  /** Writes sent for this action so far, counting the one in flight (0 while preparing). */
  readonly attempt: number
  /** Failed attempts so far that are being retried (network errors, 5xx, in-progress). */
  readonly failureCount: number
  /** Why the last attempt failed, while retrying. */
  readonly failureReason: ConflictSafeError | undefined
}

/** The server refused a stale version: theirs is being read and merged with mine. */
export interface MergingSaveState {
  readonly status: 'merging'
  /** Writes sent for this action so far. */
  readonly attempt: number
  /** Failed attempts so far. */
  readonly failureCount: number
}

/** The save needs the person: a true merge conflict, a duplicate, a state rule, a deleted record… */
export interface ConflictSaveState<TData> {
  readonly status: 'conflict'
  /** What the person must decide, with its actions. */
  readonly conflict: SaveConflict<TData>
}

/** The last save went through. */
export interface SavedSaveState<TData> {
  readonly status: 'saved'
  /** The record as saved (the response body, or what was sent when the server returned none). */
  readonly data: TData
  /** The version the record has now (`'unknown'` when the response carried none). */
  readonly version: PinnedVersion
  /** What was merged in automatically from theirs on the way (empty when nobody else changed it). */
  readonly changes: readonly MergeChange[]
  /** Writes this save took. */
  readonly attempts: number
  /** What the save did: `'update'`, `'create'` or `'delete'` (after a delete, `data` is the record as it was deleted). */
  readonly operation: SaveOperation
}

/** The last save failed; the draft is kept. */
export interface ErrorSaveState {
  readonly status: 'error'
  /** What went wrong, typed. */
  readonly error: ConflictSafeError
  /** Writes sent before giving up. */
  readonly attempts: number
}

/** The state of a save, discriminated by `status`. */
export type SaveState<TData = unknown> =
  | IdleSaveState
  | SavingSaveState
  | MergingSaveState
  | ConflictSaveState<TData>
  | SavedSaveState<TData>
  | ErrorSaveState

/** What can happen to a save. */
export type SaveAction<TData = unknown> =
  /** A user action (or autosave, or a resolved conflict) starts a save. */
  | { readonly type: 'submit' }
  /** A write of the action goes out (the first, or another after a clean merge or a retry delay). */
  | { readonly type: 'write' }
  /** An attempt failed in a way worth retrying; the next `write` follows after a delay. */
  | { readonly type: 'retry'; readonly reason: ConflictSafeError }
  /** The server said the version is stale: read theirs and merge. */
  | { readonly type: 'stale' }
  /** The save (or a rebase, or a restored draft) needs the person. */
  | { readonly type: 'conflict'; readonly conflict: SaveConflict<TData> }
  /** The write went through. */
  | {
      readonly type: 'success'
      readonly data: TData
      readonly version: PinnedVersion
      readonly changes: readonly MergeChange[]
      /** What the save did. Default `'update'`. */
      readonly operation?: SaveOperation
    }
  /** The save failed for good. */
  | { readonly type: 'failure'; readonly error: ConflictSafeError }
  /** The person closed the conflict (the draft is kept). */
  | { readonly type: 'dismiss' }
  /** Back to idle, whatever happened. */
  | { readonly type: 'reset' }

/** The state before anything happened. */
export const initialSaveState: IdleSaveState = /* @__PURE__ */ Object.freeze({ status: 'idle' })

const IDLE = initialSaveState

function attemptsOf(state: SaveState<unknown>): number {
  return state.status === 'saving' || state.status === 'merging' ? state.attempt : 0
}

/** The next state after `action`. Pure; returns `state` itself when the action does not apply. */
export function reduce<TData>(state: SaveState<TData>, action: SaveAction<TData>): SaveState<TData> {
  switch (action.type) {
    case 'submit':
      if (state.status === 'saving' || state.status === 'merging') return state
      return { status: 'saving', attempt: 0, failureCount: 0, failureReason: undefined }
    case 'write':
      if (state.status === 'saving') return { ...state, attempt: state.attempt + 1 }
      if (state.status === 'merging') {
        return {
          status: 'saving',
          attempt: state.attempt + 1,
          failureCount: state.failureCount,
          failureReason: undefined,
        }
      }
      return state
    case 'retry':
      if (state.status !== 'saving') return state
      return { ...state, failureCount: state.failureCount + 1, failureReason: action.reason }
    case 'stale':
      if (state.status !== 'saving') return state
      return { status: 'merging', attempt: state.attempt, failureCount: state.failureCount }
    case 'conflict':
      return { status: 'conflict', conflict: action.conflict }
    case 'success':
      if (state.status !== 'saving' && state.status !== 'merging') return state
      return {
        status: 'saved',
        data: action.data,
        version: action.version,
        changes: action.changes,
        attempts: attemptsOf(state),
        operation: action.operation ?? 'update',
      }
    case 'failure':
      if (state.status !== 'saving' && state.status !== 'merging') return state
      return { status: 'error', error: action.error, attempts: attemptsOf(state) }
    case 'dismiss':
      return state.status === 'conflict' ? IDLE : state
    case 'reset':
      return state.status === 'idle' ? state : IDLE
  }
}

/** Booleans derived from a state, TanStack style. */
export interface SaveFlags {
  /** No save has started, or a conflict was dismissed. */
  readonly isIdle: boolean
  /** A save is running: writing or merging. The submit button is disabled. */
  readonly isPending: boolean
  /** A write is in flight (or waiting for a retry). */
  readonly isSaving: boolean
  /** Theirs is being read and merged. */
  readonly isMerging: boolean
  /** The save needs the person (`conflict` is set). */
  readonly isConflict: boolean
  /** The last save went through. */
  readonly isSuccess: boolean
  /** The last save failed (`error` is set). */
  readonly isError: boolean
}

/** The flags of `state`. */
export function deriveFlags(state: SaveState<unknown>): SaveFlags {
  const { status } = state
  return {
    isIdle: status === 'idle',
    isPending: status === 'saving' || status === 'merging',
    isSaving: status === 'saving',
    isMerging: status === 'merging',
    isConflict: status === 'conflict',
    isSuccess: status === 'saved',
    isError: status === 'error',
  }
}
