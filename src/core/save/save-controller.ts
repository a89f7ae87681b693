/**
 * The save controller: one record's pinned base and version, the draft, and the whole save flow, with no
 * framework. Like TanStack's `MutationObserver`: `subscribe`, `getSnapshot`, `setOptions`, `save`.
 *
 * The flow of one save (one user action):
 * 1. take the draft (mine) and the pinned base and version; a save without a known version first reads
 *    the record again (no blind write);
 * 2. send a conditional write (If-Match / body version; creates carry one Idempotency-Key per action);
 * 3. on a stale version, take theirs from the 409/412 body or one GET, and `merge(base, mine, theirs)`:
 *    clean → send the merged values conditioned on theirs' version (or ask first, `confirmMerge`);
 *    true conflicts → `conflict` (kind `'merge'`) with `resolve(choices)` / `cancel()`;
 * 4. duplicate, state rule, in-progress, 428 and deleted become typed conflicts; network errors, 5xx and
 *    in-progress are retried with the same Idempotency-Key; at most `maxAttempts` writes, then an error;
 * 5. on success adopt the new version (or mark it unknown), and keep edits made while the write was in
 *    flight (three-way again, base = the draft as it was sent); a create whose response says where the
 *    record lives (`Location`) makes the next saves conditional updates of it; a delete unpins the record.
 * The draft is kept in every failure, and stored (sessionStorage) until it is saved.
 */
import type { SaveConflict } from '../conflict.js'
import { ConflictSafeError, MissingVersionError } from '../errors.js'
import { createIdempotencyKey } from '../http/idempotency.js'
import type { SaveOutcome } from '../http/outcome.js'
import { sameVersion, type ResourceVersion } from '../http/version.js'
import { deepEqual } from '../merge/equal.js'
import { mergeValues, resolve as resolveChoices } from '../merge/index.js'
import type { ConflictMeta } from '../conflict.js'
import type { MergeValuesOptions } from '../merge/options.js'
import type { ConflictChoices, MergeChange, MergeResult } from '../merge/types.js'
import { debounce, type Debounced } from './debounce.js'
import {
  getDefaultDraftStore,
  type DraftStore,
  type PinnedVersion,
  type StoredConflict,
  type StoredDraft,
} from './draft-store.js'
import {
  InvalidValuesError,
  NoReadConfiguredError,
  NothingToSaveError,
  NoWriteConfiguredError,
  SaveAttemptsExhaustedError,
  toConflictSafeError,
} from './errors.js'
import { createRemoteChange, type RemoteChange } from './remote-change.js'
import {
  deriveFlags,
  initialSaveState,
  reduce,
  type SaveAction,
  type SaveFlags,
  type SaveState,
  type SaveStatus,
} from './save-machine.js'
import { defaultSaveQueue, type SaveQueue } from './save-queue.js'
import { sleep } from './timers.js'
import { applyDraftUpdate, type DraftUpdate } from './draft-update.js'
import type { ReadFn, VersionedData } from './versioned.js'
import type { SaveOperation, WriteFn } from './writers.js'

/** Merges base, mine and theirs. Default: `mergeValues`. */
export type MergeFn<TData> = (base: TData, mine: TData, theirs: TData) => MergeResult<TData>

/** Decides a conflict in code: return choices to resolve it at once, or nothing to leave it to the person. */
export type OnConflict<TData> = (
  conflict: SaveConflict<TData>,
) => ConflictChoices | void | undefined | Promise<ConflictChoices | void | undefined>

/** Options of a `SaveController`. */
export interface SaveControllerOptions<TData> {
  /** The record's stable key (for example `hashKey(queryKey)`); keys the queue and the stored draft. Required. */
  readonly key: string
  /** Sends one write (see `createRequestWriter` / `createMutationFnWriter`). Default: none (saving fails with NoWriteConfiguredError). */
  readonly write?: WriteFn<TData>
  /** Reads theirs with one GET when a conflict body lacks it or the version is unknown. Default: none. */
  readonly read?: ReadFn<TData>
  /** `'update'` (conditional writes), `'create'` (POST with an Idempotency-Key) or `'delete'` (a conditional delete of the pinned version). Default `'update'`. */
  readonly operation?: SaveOperation
  /** The three-way merge: options of `mergeValues` (text paths, array keys…) or your own function. Default: `mergeValues` with its defaults. */
  readonly merge?: MergeValuesOptions | MergeFn<TData>
  /** Ask before saving a clean merge (a `'merge'` conflict with no conflicts) instead of saving it at once. Default `false`. */
  readonly confirmMerge?: boolean
  /** The most writes one save sends (merges and retries included) before it fails. Default `3`. */
  readonly maxAttempts?: number
  /** Leading-edge debounce of `save()`: calls within this many ms of the last are dropped. Default `300`. */
  readonly submitDebounceMs?: number
  /** Save the draft automatically after it stops changing. Default `false`. */
  readonly autosave?: boolean
  /** Quiet time before an autosave, in ms. Default `1000`. */
  readonly autosaveDebounceMs?: number
  /** Delay before retrying a failed write (network, 5xx, in-progress), in ms. Default: Retry-After, else 1 s, 2 s, 4 s… (max 30 s). */
  readonly retryDelay?: (failureCount: number, outcome: SaveOutcome<TData>) => number
  /** Where drafts survive a reload, or `false` to keep them in this controller only. Default: sessionStorage (memory fallback). */
  readonly drafts?: DraftStore | false
  /** Store the draft this many ms after typing stops (written at once on page hide and dispose); `0` writes on every change. Default `250`. */
  readonly draftWriteDelayMs?: number
  /** The per-record queue. Default: the shared `defaultSaveQueue`. */
  readonly queue?: SaveQueue
  /** Value equality. Default: the merge engine's `deepEqual`. */
  readonly isEqual?: (a: unknown, b: unknown) => boolean
  /** Skip a save whose values equal the pinned base (nothing changed); deletes are never skipped. Default `true`. */
  readonly skipUnchanged?: boolean
  /**
   * Where a created record lives, so the saves after a create are conditional updates of it: from the
   * create's response (`location` is its `Location` header). Return `undefined` to keep creating.
   * Default: the `Location` header.
   */
  readonly createdUrl?: (
    data: TData,
    response: { readonly location: string | undefined },
  ) => string | undefined
  /** Decide conflicts in code before the person sees them. Default: none. */
  readonly onConflict?: OnConflict<TData>
}

/** A restored draft, so the form can say "we restored your unsaved changes". */
export interface RestoredDraft {
  /** When the draft was stored (ISO 8601). */
  readonly savedAt: string
  /** Whether an unresolved conflict was restored with it. */
  readonly withConflict: boolean
}

/** What a save ended with. `save()` resolves with it and never rejects. */
export type SaveResult<TData> =
  | {
      readonly status: 'saved'
      /** The record as saved. */
      readonly data: TData
      /** Its new version (`'unknown'` when the response had none). */
      readonly version: PinnedVersion
      /** What was merged in from theirs on the way (and by the resolved conflict this save followed). */
      readonly changes: readonly MergeChange[]
      /** What the save did: `'update'`, `'create'` or `'delete'` (then `data` is the record as it was deleted). */
      readonly operation: SaveOperation
    }
  | { readonly status: 'conflict'; readonly conflict: SaveConflict<TData> }
  | { readonly status: 'error'; readonly error: ConflictSafeError }
  | {
      readonly status: 'skipped'
      /** `'unchanged'`: nothing to save; `'disposed'`: the controller was disposed (the form unmounted). */
      readonly reason: 'unchanged' | 'disposed'
    }

/** Everything a view reads. A new object whenever something changed; the same object otherwise. */
export interface SaveSnapshot<TData> extends SaveFlags {
  /** Where the save is: idle, saving, merging, conflict, saved or error. */
  readonly status: SaveStatus
  /** The machine state, with the status-specific fields. */
  readonly state: SaveState<TData>
  /** Whether a base and version are pinned (the form started editing a loaded record). */
  readonly isPinned: boolean
  /** The pinned base: what the form loaded (or last saved). */
  readonly base: TData | undefined
  /** The pinned version the next save is conditioned on. */
  readonly version: PinnedVersion
  /** The form's current values (mine): the draft, or the base when nothing was edited. */
  readonly draft: TData | undefined
  /** Whether the draft differs from the base. */
  readonly isDirty: boolean
  /** What the save needs the person to decide, when `status` is `'conflict'`. */
  readonly conflict: SaveConflict<TData> | undefined
  /** Why the last save failed, when `status` is `'error'`. */
  readonly error: ConflictSafeError | undefined
  /** The record as last saved. */
  readonly data: TData | undefined
  /** What the last save merged in from theirs automatically (for a "merged" notice). */
  readonly changes: readonly MergeChange[]
  /** A newer version than the pinned one appeared elsewhere; `rebase()` takes it into the draft. */
  readonly remoteChange: RemoteChange<TData> | undefined
  /** The draft was restored from storage after a reload; cleared when it is saved or discarded, or by `dismissRestored()`. */
  readonly restored: RestoredDraft | undefined
  /** Where the record lives after a create whose response said so (saves now update it there). */
  readonly createdUrl: string | undefined
  /** An autosave is scheduled. */
  readonly isAutosavePending: boolean
  /** Failed attempts being retried in the current save. */
  readonly failureCount: number
}

/** Lifecycle events, for callbacks (`onSuccess`…) and for updating caches. */
export type SaveEvent<TData> =
  | {
      readonly type: 'success'
      readonly data: TData
      readonly version: PinnedVersion
      /** The values as sent. */
      readonly sent: TData
      readonly changes: readonly MergeChange[]
      /** What the save did (after a `'delete'`, `data` is the record as it was deleted). */
      readonly operation: SaveOperation
    }
  | { readonly type: 'conflict'; readonly conflict: SaveConflict<TData> }
  | { readonly type: 'error'; readonly error: ConflictSafeError }
  | { readonly type: 'settled'; readonly result: SaveResult<TData> }
  /** The pin moved to theirs by `rebase()`, a resolved rebase conflict, or `reload()`. */
  | { readonly type: 'rebased'; readonly data: TData; readonly version: PinnedVersion }
  /** The person accepted that the record was deleted. */
  | { readonly type: 'deleted' }

/** Options of one `save()` call. */
export interface SaveCallOptions {
  /** Skip the leading-edge submit debounce (resolving a conflict is its own action). Default `false`. */
  readonly bypassDebounce?: boolean
}

/** What one user action saves with, fixed when it is asked for (two hooks of one record may differ). */
interface SaveCall<TData> {
  readonly operation: SaveOperation
  readonly write: WriteFn<TData> | undefined
  readonly skipUnchanged: boolean
}

interface SaveRequest<TData> {
  readonly values: unknown
  readonly idempotencyKey?: string
  readonly restore?: boolean
  /** Default: the call of the save that raised the conflict being acted on, else the current options. */
  readonly call?: SaveCall<TData>
}

interface MergeContext<TData> {
  readonly origin: 'save' | 'rebase'
  readonly result: MergeResult<TData>
  readonly base: TData
  readonly theirs: VersionedData<TData>
  /** What the person had when the save (or rebase) started: edits since then are merged in on resolve. */
  readonly started: TData
  readonly meta: ConflictMeta
}

const DEFAULT_MAX_ATTEMPTS = 3
const DEFAULT_SUBMIT_DEBOUNCE_MS = 300
const DEFAULT_AUTOSAVE_DEBOUNCE_MS = 1000
const DEFAULT_DRAFT_WRITE_DELAY_MS = 250
const DISPOSED: SaveResult<never> = /* @__PURE__ */ Object.freeze({ status: 'skipped', reason: 'disposed' })
const UNCHANGED: SaveResult<never> = /* @__PURE__ */ Object.freeze({ status: 'skipped', reason: 'unchanged' })

/** The default retry delay: Retry-After when the server sent it, else 1 s, 2 s, 4 s… up to 30 s. */
export function defaultRetryDelay(failureCount: number, outcome: SaveOutcome<unknown>): number {
  const asked = outcome.kind === 'error' || outcome.kind === 'in-progress' ? outcome.retryAfterMs : undefined
  if (asked !== undefined) return Math.min(asked, 60_000)
  return Math.min(1000 * 2 ** Math.max(0, failureCount - 1), 30_000)
}

function abortError(): Error {
  const error = new Error('The save controller was disposed; the request was aborted.')
  error.name = 'AbortError'
  return error
}

/** One record's save lifecycle. Framework-agnostic; see the file comment for the flow. */
export class SaveController<TData> {
  #options: SaveControllerOptions<TData>
  readonly #listeners = new Set<() => void>()
  readonly #eventListeners = new Set<(event: SaveEvent<TData>) => void>()
  readonly #abort = new AbortController()
  #disposed = false
  #restoreDone = false

  #state: SaveState<TData> = initialSaveState
  #pinned = false
  #base: TData | undefined
  #version: PinnedVersion
  /** The draft; `undefined` means "not edited" (mine is the base). */
  #mine: TData | undefined
  #dirty = false
  #remote: VersionedData<TData> | undefined
  #restored: RestoredDraft | undefined
  #lastSaved: TData | undefined
  #changes: readonly MergeChange[] = []
  #mergeContext: MergeContext<TData> | undefined
  #storedConflict: StoredConflict<TData> | undefined
  /** The Idempotency-Key of the current create action and the values it was made for. */
  #action: { key: string; values: unknown } | undefined
  #inFlight: { started: unknown; operation: SaveOperation; promise: Promise<SaveResult<TData>> } | undefined
  /** The call of the latest save; a conflict's actions (retry, resolve…) save with it again. */
  #call: SaveCall<TData> | undefined
  /** What a resolved conflict merged in automatically, reported by the save that follows it. */
  #carriedChanges: readonly MergeChange[] = []
  /** Where the record lives after a create said so: later saves update it there. */
  #createdUrl: string | undefined
  #lastSubmit: { operation: SaveOperation; promise: Promise<SaveResult<TData>> } | undefined
  #submitGuard: Debounced<[]> | undefined
  #submitGuardMs = -1
  #autosave: Debounced<[]> | undefined
  #autosaveMs = -1
  #draftWriter: Debounced<[]> | undefined
  #draftWriterMs = -1
  #unlistenPageHide: (() => void) | undefined
  #snapshot: SaveSnapshot<TData>
  #remoteNotice: { from: unknown; notice: RemoteChange<TData> } | undefined
  /** Counts remote changes seen, so a save can tell which ones arrived while it ran. */
  #remoteSeq = 0
  /** The remote sequence number when the running save started, and the theirs versions it merged. */
  #run_: { startSeq: number; merged: Array<ResourceVersion | undefined> } = { startSeq: 0, merged: [] }

  constructor(options: SaveControllerOptions<TData>) {
    this.#options = options
    this.#snapshot = this.#buildSnapshot()
  }

  // ——— store protocol ———

  /** Listen for snapshot changes. The first subscriber restores a stored draft. Returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    this.#restoreOnce()
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /** The current snapshot (a stable object between changes). */
  getSnapshot = (): SaveSnapshot<TData> => this.#snapshot

  /** Listen for lifecycle events (`success`, `conflict`, `error`, `settled`, `rebased`, `deleted`). */
  onEvent(listener: (event: SaveEvent<TData>) => void): () => void {
    this.#eventListeners.add(listener)
    return () => {
      this.#eventListeners.delete(listener)
    }
  }

  /** Merge `options` into the current options (`key` cannot change). */
  setOptions(options: {
    readonly [K in Exclude<keyof SaveControllerOptions<TData>, 'key'>]?:
      SaveControllerOptions<TData>[K] | undefined
  }): void {
    const draftsBefore = this.#drafts()
    this.#options = { ...this.#options, ...options, key: this.#options.key } as SaveControllerOptions<TData>
    // A different draft store (options that arrived after the first subscriber): look for a draft there too.
    if (this.#restoreDone && this.#drafts() !== draftsBefore && this.#listeners.size > 0) {
      this.#restoreDone = false
      queueMicrotask(() => {
        if (!this.#disposed) this.#restoreOnce()
      })
    }
  }

  /** The current options. */
  get options(): SaveControllerOptions<TData> {
    return this.#options
  }

  /** True once `dispose()` ran. */
  get isDisposed(): boolean {
    return this.#disposed
  }

  // ——— pin, remote changes and the draft ———

  /**
   * Show the controller the record as the cache (or a read) has it now. The first one pins base and
   * version; a later, different version never moves the pin: it becomes `remoteChange`. A version that
   * only confirms what this form saved is adopted silently.
   */
  observe(current: VersionedData<TData>): void {
    if (this.#disposed) return
    this.#restoreOnce()
    if (!this.#pinned) {
      this.#pin(current.data, current.version ?? 'unknown')
      this.#commit()
      return
    }
    const pinnedVersion = this.#version === 'unknown' ? undefined : this.#version
    if (pinnedVersion !== undefined && sameVersion(current.version, pinnedVersion)) {
      if (this.#remote) {
        this.#remote = undefined
        this.#commit()
      }
      return
    }
    if (this.#isEqual(current.data, this.#base)) {
      // Same data: our own save confirmed by a read, or a version bump without a change. Adopt the version.
      if (current.version !== undefined && !this.#isPending()) {
        this.#version = current.version
        this.#remote = undefined
        this.#persist()
        this.#commit()
      }
      return
    }
    if (
      this.#remote &&
      sameVersion(this.#remote.version, current.version) &&
      this.#isEqual(this.#remote.data, current.data)
    )
      return
    const theirs = this.#mergeContext?.theirs
    if (theirs && sameVersion(theirs.version, current.version)) return
    this.#remote = current
    this.#remoteSeq++
    this.#commit()
  }

  /**
   * Replace the draft (mine) with a value, or change it with an immer recipe (`draft => { draft.title = 'x' }`):
   * untouched parts keep their identity and nothing is frozen. Stores it, and schedules an autosave when that is on.
   */
  setDraft(values: DraftUpdate<TData>): void {
    if (this.#disposed) return
    this.#restoreOnce()
    const previous = this.#currentMine()
    const next = applyDraftUpdate(previous, values)
    if (next === undefined || Object.is(next, previous)) return
    this.#setMine(next)
    this.#persistSoon()
    if (this.#options.autosave === true && this.#dirty && this.#state.status !== 'conflict')
      this.#getAutosave()()
    this.#commit()
  }

  /** Throw the draft away: mine becomes the pinned base again, and the stored draft is removed. */
  discardDraft(): void {
    if (this.#disposed) return
    this.#autosave?.cancel()
    this.#mine = undefined
    this.#dirty = false
    this.#action = undefined
    this.#restored = undefined
    this.#carriedChanges = []
    if (this.#state.status === 'conflict') this.#clearConflict()
    this.#persist()
    this.#commit()
  }

  /** Back to idle: closes a conflict (keeping the draft) and clears a finished save's result. No-op while saving. */
  reset(): void {
    if (this.#disposed || this.#isPending()) return
    if (this.#state.status === 'conflict') {
      this.#clearConflictData()
      this.#persist()
    }
    this.#dispatch({ type: 'reset' })
  }

  /** Hide the "draft restored" notice. */
  dismissRestored(): void {
    if (!this.#restored) return
    this.#restored = undefined
    this.#commit()
  }

  /**
   * Take the newer remote version into the draft now: `merge(base, mine, theirs)`. Clean → the draft
   * becomes the merged values and the pin moves to theirs. With true conflicts → a `'merge'` conflict
   * (`origin: 'rebase'`) whose `resolve` applies the choices to the draft without saving.
   * Returns the merge, or `undefined` when there is no remote change or a save is running.
   */
  rebase(): MergeResult<TData> | undefined {
    const remote = this.#remote
    if (this.#disposed || !remote || this.#isPending()) return undefined
    return this.#rebaseOnto(remote)
  }

  // ——— saving ———

  /**
   * Save `values` (default: the current draft). Leading-edge debounced (`submitDebounceMs`); a call while a
   * save of the same values runs joins it; different values take the next slot of the record's queue.
   * Resolves with the result; never rejects.
   */
  save(values?: TData, options: SaveCallOptions = {}): Promise<SaveResult<TData>> {
    if (this.#disposed) return Promise.resolve(DISPOSED)
    this.#restoreOnce()
    const call = this.#callFromOptions()
    const leading = options.bypassDebounce === true || this.#getSubmitGuard()()
    // A repeat of the same action within the window is dropped; another action (a delete after a save) is not.
    if (!leading && this.#lastSubmit?.operation === call.operation) {
      return this.#lastSubmit.promise
    }
    if (values !== undefined) this.setDraft(values)
    // The draft is about to be sent: store it now, so a reload during the save restores it.
    this.flushDraft()
    this.#autosave?.cancel()
    const promise = this.#enqueue({ values: undefined, call })
    this.#lastSubmit = { operation: call.operation, promise }
    return promise
  }

  /** Write a draft that is waiting for `draftWriteDelayMs` to storage now. */
  flushDraft(): void {
    if (this.#draftWriter?.isPending()) this.#draftWriter.flush()
  }

  /** Abort the running save, drop timers and listeners. The stored draft stays for the next mount. */
  dispose(): void {
    if (this.#disposed) return
    this.flushDraft()
    this.#unlistenPageHide?.()
    this.#disposed = true
    this.#abort.abort(abortError())
    this.#autosave?.cancel()
    this.#submitGuard?.cancel()
    this.#listeners.clear()
    this.#eventListeners.clear()
  }

  /** The call a save made now would use: the current options. */
  #callFromOptions(): SaveCall<TData> {
    const options = this.#options
    return {
      operation: options.operation ?? 'update',
      write: options.write,
      skipUnchanged: options.skipUnchanged ?? true,
    }
  }

  #enqueue(request: SaveRequest<TData>): Promise<SaveResult<TData>> {
    const queue = this.#options.queue ?? defaultSaveQueue
    const inFlight = this.#inFlight
    const call = request.call ?? this.#call ?? this.#callFromOptions()
    if (inFlight && queue.isBusy(this.#options.key)) {
      const values = request.values ?? this.#currentMine()
      if (
        request.idempotencyKey === undefined &&
        inFlight.operation === call.operation &&
        this.#isEqual(values, inFlight.started)
      ) {
        return inFlight.promise
      }
    }
    let settle!: (result: SaveResult<TData>) => void
    const promise = new Promise<SaveResult<TData>>((resolve) => {
      settle = resolve
    })
    const task = async (): Promise<SaveResult<TData>> => {
      if (this.#disposed) return DISPOSED
      const started = request.values ?? this.#currentMine()
      this.#inFlight = { started, operation: call.operation, promise }
      try {
        return await this.#run(request, call, started as TData | undefined)
      } finally {
        if (this.#inFlight?.promise === promise) this.#inFlight = undefined
        this.#afterSave()
      }
    }
    queue.run(this.#options.key, task).then(settle, () => settle(DISPOSED))
    return promise
  }

  #afterSave(): void {
    if (this.#disposed) return
    if (this.#options.autosave === true && this.#dirty && this.#state.status === 'saved')
      this.#getAutosave()()
  }

  async #run(
    request: SaveRequest<TData>,
    call: SaveCall<TData>,
    started: TData | undefined,
  ): Promise<SaveResult<TData>> {
    const signal = this.#abort.signal
    const options = this.#options
    // A create whose response said where the record lives is followed by updates of it.
    const operation: SaveOperation =
      request.restore === true
        ? 'create'
        : call.operation === 'create' && this.#createdUrl !== undefined
          ? 'update'
          : call.operation
    const url = this.#createdUrl
    if (
      started !== undefined &&
      request.restore !== true &&
      operation !== 'delete' &&
      call.skipUnchanged &&
      this.#pinned &&
      this.#state.status !== 'conflict' &&
      this.#isEqual(started, this.#base)
    ) {
      return UNCHANGED
    }
    this.#call = call
    this.#dispatch({ type: 'submit' })
    this.#run_ = { startSeq: this.#remoteSeq, merged: [] }
    if (started === undefined) return this.#settle(this.#fail(new NothingToSaveError()))
    const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)
    let base = this.#base as TData
    let version: PinnedVersion = request.restore === true ? undefined : this.#version
    let toSend: TData = started
    // What a resolved conflict merged in automatically is reported by this save.
    let changes: MergeChange[] = [...this.#carriedChanges]
    let attempt = 0
    let failures = 0
    let lastOutcome: SaveOutcome<TData> | undefined
    const idempotencyKey =
      operation === 'create' ? this.#actionKey(started, request.idempotencyKey) : undefined

    try {
      if (operation !== 'create' && version === 'unknown') {
        // The last response carried no version: read it again before writing (no blind write).
        this.#dispatch({ type: 'stale' })
        const theirs = await this.#read(signal)
        const step =
          operation === 'delete'
            ? this.#deleteStep(base, started, theirs, {})
            : this.#mergeStep(base, toSend, theirs, started, changes, {})
        if (step.done) return this.#settle(step.result)
        ;({ base, version, toSend, changes } = step)
      }
      for (;;) {
        if (attempt >= maxAttempts)
          return this.#settle(this.#fail(new SaveAttemptsExhaustedError(attempt, lastOutcome)))
        const write = call.write
        if (!write) return this.#settle(this.#fail(new NoWriteConfiguredError()))
        attempt++
        this.#dispatch({ type: 'write' })
        const outcome = await write({
          values: toSend,
          version: version === 'unknown' ? undefined : version,
          operation,
          idempotencyKey,
          unconditional: request.restore === true,
          url,
          signal,
        })
        if (signal.aborted) return DISPOSED
        lastOutcome = outcome
        const meta = metaOf(outcome)
        if (operation === 'delete' && (outcome.kind === 'ok' || outcome.kind === 'gone')) {
          // Deleted (or already deleted elsewhere: what this delete wanted).
          return this.#settle(this.#succeedDelete(started))
        }
        switch (outcome.kind) {
          case 'ok':
            return this.#settle(
              this.#succeed(
                outcome.data ?? toSend,
                outcome.version,
                toSend,
                started,
                changes,
                operation,
                outcome.location,
              ),
            )
          case 'stale': {
            this.#dispatch({ type: 'stale' })
            const fromBody = outcome.theirs
            const theirs: VersionedData<TData> =
              fromBody && (fromBody.version !== undefined || !options.read)
                ? {
                    ...fromBody,
                    ...(outcome.by !== undefined && { by: outcome.by }),
                    ...(outcome.at !== undefined && { at: outcome.at }),
                  }
                : { ...(await this.#read(signal)), ...pick(outcome) }
            const step =
              operation === 'delete'
                ? this.#deleteStep(base, started, theirs, meta)
                : this.#mergeStep(base, toSend, theirs, started, changes, meta)
            if (step.done) return this.#settle(step.result)
            ;({ base, version, toSend, changes } = step)
            continue
          }
          case 'in-progress':
          case 'error': {
            const retryable = outcome.kind === 'in-progress' || outcome.retryable
            if (retryable && attempt < maxAttempts) {
              failures++
              this.#dispatch({
                type: 'retry',
                reason: outcome.kind === 'error' ? outcome.error : inProgressReason(),
              })
              const delay = (options.retryDelay ?? defaultRetryDelay)(failures, outcome)
              await sleep(delay, signal)
              continue
            }
            if (outcome.kind === 'in-progress') {
              return this.#settle(
                this.#conflictInProgress(started, idempotencyKey, outcome.retryAfterMs, meta),
              )
            }
            return this.#settle(
              this.#fail(retryable ? new SaveAttemptsExhaustedError(attempt, outcome) : outcome.error),
            )
          }
          case 'duplicate':
            return this.#settle(this.#conflictDuplicate(started, outcome, meta))
          case 'state':
            return this.#settle(this.#conflictState(started, outcome.message, meta))
          case 'precondition-required':
            return this.#settle(this.#conflictPreconditionRequired(started, outcome.message, meta))
          case 'gone':
            return this.#settle(this.#conflictDeleted(started, meta))
          case 'invalid':
            return this.#settle(
              this.#fail(
                new InvalidValuesError({
                  status: outcome.status,
                  ...(outcome.message !== undefined && { message: outcome.message }),
                  ...(outcome.problem !== undefined && { problem: outcome.problem }),
                  ...(outcome.requestId !== undefined && { requestId: outcome.requestId }),
                }),
              ),
            )
        }
      }
    } catch (error) {
      if (signal.aborted || this.#disposed) return DISPOSED
      return this.#settle(this.#fail(toConflictSafeError(error)))
    }
  }

  /** One merge after a stale write: either the next write (clean) or the end of the save. */
  #mergeStep(
    base: TData,
    mine: TData,
    theirs: VersionedData<TData>,
    started: TData,
    changes: MergeChange[],
    meta: ConflictMeta,
  ):
    | { done: true; result: SaveResult<TData> }
    | { done: false; base: TData; version: PinnedVersion; toSend: TData; changes: MergeChange[] } {
    const result = this.#merge(base, mine, theirs.data)
    this.#run_.merged.push(theirs.version)
    const fullMeta: ConflictMeta = {
      ...meta,
      ...(theirs.by !== undefined && { by: theirs.by }),
      ...(theirs.at !== undefined && { at: theirs.at }),
    }
    if (result.conflicts.length > 0 || this.#options.confirmMerge === true) {
      return {
        done: true,
        result: this.#conflictMerge({ origin: 'save', result, base, theirs, started, meta: fullMeta }),
      }
    }
    const allChanges = [...changes, ...result.changes]
    if (this.#isEqual(result.merged, theirs.data)) {
      // The server already has exactly the merged values (our earlier write landed, or theirs == mine).
      return {
        done: true,
        result: this.#succeed(
          theirs.data,
          theirs.version ?? 'unknown',
          result.merged,
          started,
          allChanges,
          'update',
        ),
      }
    }
    if (theirs.version === undefined) {
      return {
        done: true,
        result: this.#fail(
          new MissingVersionError('version', 'the server sent the current record without a version'),
        ),
      }
    }
    return {
      done: false,
      base: theirs.data,
      version: theirs.version,
      toSend: result.merged,
      changes: allChanges,
    }
  }

  /**
   * A delete was refused as stale (or its version was unknown): theirs is what it would delete now. Unchanged
   * data (a version bump, or our own save confirmed) → delete again on theirs' version; changed data → a
   * `'state'` conflict: the person sees the changes (`reload()`) before deciding to delete again.
   */
  #deleteStep(
    base: TData,
    started: TData,
    theirs: VersionedData<TData>,
    meta: ConflictMeta,
  ):
    | { done: true; result: SaveResult<TData> }
    | { done: false; base: TData; version: PinnedVersion; toSend: TData; changes: MergeChange[] } {
    this.#run_.merged.push(theirs.version)
    if (theirs.version !== undefined && this.#isEqual(theirs.data, base)) {
      return { done: false, base, version: theirs.version, toSend: started, changes: [] }
    }
    const fullMeta: ConflictMeta = {
      ...meta,
      ...(theirs.by !== undefined && { by: theirs.by }),
      ...(theirs.at !== undefined && { at: theirs.at }),
    }
    const who = fullMeta.by === undefined ? 'elsewhere' : `by ${fullMeta.by}`
    const message = `This record was changed ${who} after you loaded it, so it was not deleted. Reload it to see the changes, then delete it again if you still want to.`
    return { done: true, result: this.#conflictState(started, message, fullMeta, theirs) }
  }

  /** A delete went through (or the record was already gone): unpin the record and forget its draft. */
  #succeedDelete(deleted: TData): SaveResult<TData> {
    this.#pinned = false
    this.#base = undefined
    this.#version = undefined
    this.#setMine(undefined)
    this.#remote = undefined
    this.#action = undefined
    this.#restored = undefined
    this.#createdUrl = undefined
    this.#carriedChanges = []
    this.#lastSaved = deleted
    this.#changes = []
    this.#clearConflictData()
    this.#persist()
    this.#dispatch({ type: 'success', data: deleted, version: undefined, changes: [], operation: 'delete' })
    this.#emit({
      type: 'success',
      data: deleted,
      version: undefined,
      sent: deleted,
      changes: [],
      operation: 'delete',
    })
    return { status: 'saved', data: deleted, version: undefined, changes: [], operation: 'delete' }
  }

  #succeed(
    saved: TData,
    version: ResourceVersion | 'unknown',
    sent: TData,
    started: TData,
    changes: readonly MergeChange[],
    operation: SaveOperation,
    location?: string,
  ): SaveResult<TData> {
    if (operation === 'create') {
      const createdUrl = this.#options.createdUrl
      const url = createdUrl ? createdUrl(saved, { location }) : location
      if (typeof url === 'string' && url !== '') this.#createdUrl = url
    }
    // Keep edits made while the write was in flight: merge(base = the draft as sent, mine = now, theirs = saved).
    const now = this.#currentMine()
    let nextDraft: TData | undefined
    if (now !== undefined && !this.#isEqual(now, started)) {
      const kept = this.#merge(started, now, saved).merged
      nextDraft = this.#isEqual(kept, saved) ? undefined : kept
    }
    this.#pin(saved, version)
    this.#setMine(nextDraft)
    // A remote change seen before this save started was on the server, so this save merged it; one that
    // arrived while it ran, and was not merged, is still news.
    const remote = this.#remote
    const run = this.#run_
    const stillNews =
      remote !== undefined &&
      this.#remoteSeq > run.startSeq &&
      !run.merged.some((merged) => sameVersion(merged, remote.version)) &&
      !(version !== 'unknown' && sameVersion(version, remote.version))
    if (!stillNews) this.#remote = undefined
    this.#action = undefined
    // The restored draft this save sent is saved: its notice is done.
    this.#restored = undefined
    this.#carriedChanges = []
    this.#lastSaved = saved
    this.#changes = changes
    this.#clearConflictData()
    this.#persist()
    this.#dispatch({ type: 'success', data: saved, version, changes, operation })
    this.#emit({ type: 'success', data: saved, version, sent, changes, operation })
    return { status: 'saved', data: saved, version, changes, operation }
  }

  #fail(error: ConflictSafeError): SaveResult<TData> {
    this.#dispatch({ type: 'failure', error })
    this.#emit({ type: 'error', error })
    return { status: 'error', error }
  }

  #settle(result: SaveResult<TData>): SaveResult<TData> {
    if (!this.#disposed) this.#emit({ type: 'settled', result })
    return result
  }

  async #read(signal: AbortSignal): Promise<VersionedData<TData>> {
    const read = this.#options.read
    if (!read) throw new NoReadConfiguredError()
    return read({ signal, url: this.#createdUrl })
  }

  #actionKey(values: unknown, given: string | undefined): string {
    if (given !== undefined) {
      this.#action = { key: given, values }
      return given
    }
    if (this.#action && this.#isEqual(this.#action.values, values)) return this.#action.key
    this.#action = { key: createIdempotencyKey(), values }
    return this.#action.key
  }

  #rebaseOnto(theirs: VersionedData<TData>): MergeResult<TData> {
    const mine = this.#currentMine() as TData
    const base = this.#base as TData
    const result = this.#merge(base, mine, theirs.data)
    if (result.conflicts.length > 0) {
      const meta: ConflictMeta = {
        ...(theirs.by !== undefined && { by: theirs.by }),
        ...(theirs.at !== undefined && { at: theirs.at }),
      }
      this.#conflictMerge({ origin: 'rebase', result, base, theirs, started: mine, meta })
      return result
    }
    this.#adoptTheirs(theirs, result.merged)
    return result
  }

  /** Move the pin to theirs with `draft` as mine (after a clean rebase or a resolved rebase conflict). */
  #adoptTheirs(theirs: VersionedData<TData>, draft: TData): void {
    this.#pin(theirs.data, theirs.version ?? 'unknown')
    this.#setMine(this.#isEqual(draft, theirs.data) ? undefined : draft)
    if (!this.#remote || sameVersion(this.#remote.version, theirs.version)) this.#remote = undefined
    if (this.#state.status === 'conflict') this.#clearConflict()
    this.#persist()
    this.#emit({ type: 'rebased', data: theirs.data, version: this.#version })
    this.#commit()
  }

  // ——— conflicts ———

  #enterConflict(conflict: SaveConflict<TData>, stored: StoredConflict<TData>): SaveResult<TData> {
    this.#storedConflict = stored
    this.#dispatch({ type: 'conflict', conflict })
    this.#persist()
    this.#emit({ type: 'conflict', conflict })
    const onConflict = this.#options.onConflict
    if (onConflict) {
      void Promise.resolve()
        .then(() => onConflict(conflict))
        .then((choices) => {
          if (choices && conflict.kind === 'merge' && this.#isCurrent(conflict)) conflict.resolve(choices)
        })
        .catch(() => {
          // A failing onConflict leaves the conflict to the person.
        })
    }
    return { status: 'conflict', conflict }
  }

  #isCurrent(conflict: SaveConflict<TData>): boolean {
    return !this.#disposed && this.#state.status === 'conflict' && this.#state.conflict === conflict
  }

  #cancelFor(conflict: () => SaveConflict<TData>): () => void {
    return () => {
      if (!this.#isCurrent(conflict())) return
      const context = this.#mergeContext
      this.#clearConflict()
      // Theirs is newer than the pin: keep showing it as a remote change.
      if (context) this.#remote = context.theirs
      this.#persist()
      this.#commit()
    }
  }

  #conflictMerge(context: MergeContext<TData>): SaveResult<TData> {
    this.#mergeContext = context
    const { result, base, theirs, started, meta, origin } = context
    const conflict: SaveConflict<TData> = {
      kind: 'merge',
      origin,
      base,
      mine: started,
      theirs: theirs.data,
      merged: result.merged,
      conflicts: result.conflicts,
      changes: result.changes,
      meta,
      resolve: (choices) => {
        if (this.#isCurrent(conflict)) this.#resolveMerge(context, choices)
      },
      cancel: this.#cancelFor(() => conflict),
    }
    return this.#enterConflict(conflict, {
      kind: 'merge',
      theirs: theirs.data,
      theirsVersion: theirs.version,
      origin,
      meta,
    })
  }

  #resolveMerge(context: MergeContext<TData>, choices: ConflictChoices): void {
    const resolved = resolveChoices(context.result, choices)
    // Edits made since the save (or rebase) started are kept on top of the resolution.
    const now = this.#currentMine() as TData
    const draft = this.#isEqual(now, context.started)
      ? resolved
      : this.#merge(context.started, now, resolved).merged
    this.#adoptTheirs(context.theirs, draft)
    if (context.origin === 'save') {
      // What merged automatically from theirs is reported by the save that follows (`changes`).
      this.#carriedChanges = [...this.#carriedChanges, ...context.result.changes]
      void this.#enqueue({ values: undefined })
    }
  }

  #conflictDuplicate(
    started: TData,
    outcome: Extract<SaveOutcome<TData>, { kind: 'duplicate' }>,
    meta: ConflictMeta,
  ): SaveResult<TData> {
    const fields = {
      ...(outcome.field !== undefined && { field: outcome.field }),
      ...(outcome.value !== undefined && { value: outcome.value }),
      ...(outcome.existing !== undefined && { existing: outcome.existing }),
    }
    const conflict: SaveConflict<TData> = {
      kind: 'duplicate',
      ...fields,
      mine: started,
      meta,
      retry: (values) => {
        if (!this.#isCurrent(conflict)) return
        this.#clearConflict()
        this.#setMine(values)
        this.#persist()
        this.#commit()
        void this.#enqueue({ values: undefined })
      },
      cancel: this.#cancelFor(() => conflict),
    }
    return this.#enterConflict(conflict, { kind: 'duplicate', ...fields, meta })
  }

  /** A state rule refused the write; `theirs` (a stale delete's current record) is taken by `reload()` without a read. */
  #conflictState(
    started: TData,
    message: string | undefined,
    meta: ConflictMeta,
    theirs?: VersionedData<TData>,
  ): SaveResult<TData> {
    const conflict: SaveConflict<TData> = {
      kind: 'state',
      ...(message !== undefined && { message }),
      mine: started,
      meta,
      reload: () => {
        if (!this.#isCurrent(conflict)) return
        if (theirs?.version !== undefined) {
          this.#clearConflict()
          this.#rebaseOnto(theirs)
          return
        }
        void this.#reload()
      },
      cancel: this.#cancelFor(() => conflict),
    }
    return this.#enterConflict(conflict, { kind: 'state', ...(message !== undefined && { message }), meta })
  }

  /** Read the record again after a state conflict and take it into the draft (as `rebase()` does). */
  async #reload(): Promise<void> {
    this.#clearConflictData()
    this.#dispatch({ type: 'submit' })
    this.#dispatch({ type: 'write' })
    this.#dispatch({ type: 'stale' })
    try {
      const theirs = await this.#read(this.#abort.signal)
      if (this.#disposed) return
      this.#dispatch({ type: 'reset' })
      this.#rebaseOnto(theirs)
    } catch (error) {
      if (this.#disposed) return
      this.#fail(toConflictSafeError(error))
    }
  }

  #conflictDeleted(started: TData, meta: ConflictMeta): SaveResult<TData> {
    const base = (this.#base ?? started) as TData
    const conflict: SaveConflict<TData> = {
      kind: 'deleted',
      base,
      mine: started,
      meta,
      restore: () => {
        if (!this.#isCurrent(conflict)) return
        this.#clearConflict()
        this.#commit()
        void this.#enqueue({ values: undefined, restore: true })
      },
      acceptDeletion: () => {
        if (!this.#isCurrent(conflict)) return
        this.#clearConflict()
        this.#pinned = false
        this.#base = undefined
        this.#version = undefined
        this.#mine = undefined
        this.#dirty = false
        this.#remote = undefined
        this.#createdUrl = undefined
        this.#restored = undefined
        this.#persist()
        this.#emit({ type: 'deleted' })
        this.#commit()
      },
      cancel: this.#cancelFor(() => conflict),
    }
    return this.#enterConflict(conflict, { kind: 'deleted', meta })
  }

  #conflictInProgress(
    started: TData,
    idempotencyKey: string | undefined,
    retryAfterMs: number | undefined,
    meta: ConflictMeta,
  ): SaveResult<TData> {
    const conflict: SaveConflict<TData> = {
      kind: 'in-progress',
      ...(retryAfterMs !== undefined && { retryAfterMs }),
      mine: started,
      meta,
      retry: () => {
        if (!this.#isCurrent(conflict)) return
        this.#clearConflict()
        this.#commit()
        void this.#enqueue({
          values: undefined,
          ...(idempotencyKey !== undefined && { idempotencyKey }),
        })
      },
      cancel: this.#cancelFor(() => conflict),
    }
    return this.#enterConflict(conflict, {
      kind: 'in-progress',
      ...(retryAfterMs !== undefined && { retryAfterMs }),
      meta,
    })
  }

  #conflictPreconditionRequired(started: TData, message: string, meta: ConflictMeta): SaveResult<TData> {
    const conflict: SaveConflict<TData> = {
      kind: 'precondition-required',
      message,
      mine: started,
      meta,
      cancel: this.#cancelFor(() => conflict),
    }
    return this.#enterConflict(conflict, { kind: 'precondition-required', message, meta })
  }

  #clearConflictData(): void {
    this.#mergeContext = undefined
    this.#storedConflict = undefined
  }

  #clearConflict(): void {
    this.#clearConflictData()
    this.#dispatch({ type: 'dismiss' })
  }

  /** Rebuild a stored conflict after a reload (its actions are bound to this controller). */
  #restoreConflict(stored: StoredConflict<TData>, mine: TData): void {
    const meta = stored.meta
    switch (stored.kind) {
      case 'merge': {
        const base = this.#base as TData
        const theirs: VersionedData<TData> = { data: stored.theirs, version: stored.theirsVersion }
        const result = this.#merge(base, mine, stored.theirs)
        this.#conflictMerge({ origin: stored.origin, result, base, theirs, started: mine, meta })
        return
      }
      case 'duplicate': {
        const { kind: _kind, meta: _meta, ...rest } = stored
        this.#conflictDuplicate(mine, { kind: 'duplicate', status: 409, ...rest }, meta)
        return
      }
      case 'state':
        this.#conflictState(mine, stored.message, meta)
        return
      case 'deleted':
        this.#conflictDeleted(mine, meta)
        return
      case 'in-progress':
        this.#conflictInProgress(mine, this.#action?.key, stored.retryAfterMs, meta)
        return
      case 'precondition-required':
        this.#conflictPreconditionRequired(mine, stored.message, meta)
        return
    }
  }

  // ——— internals ———

  #merge(base: TData, mine: TData, theirs: TData): MergeResult<TData> {
    const merge = this.#options.merge
    return typeof merge === 'function' ? merge(base, mine, theirs) : mergeValues(base, mine, theirs, merge)
  }

  #isEqual(a: unknown, b: unknown): boolean {
    return (this.#options.isEqual ?? deepEqual)(a, b)
  }

  #isPending(): boolean {
    return this.#state.status === 'saving' || this.#state.status === 'merging'
  }

  #currentMine(): TData | undefined {
    return this.#mine ?? this.#base
  }

  #pin(base: TData, version: PinnedVersion): void {
    this.#pinned = true
    this.#base = base
    this.#version = version
    this.#dirty = this.#mine !== undefined && !this.#isEqual(this.#mine, base)
  }

  #setMine(mine: TData | undefined): void {
    this.#mine = mine
    this.#dirty = mine !== undefined && (!this.#pinned || !this.#isEqual(mine, this.#base))
  }

  #drafts(): DraftStore | undefined {
    const drafts = this.#options.drafts
    return drafts === false ? undefined : (drafts ?? getDefaultDraftStore())
  }

  #restoreOnce(): void {
    if (this.#restoreDone) return
    this.#restoreDone = true
    const stored = this.#drafts()?.read<TData>(this.#options.key)
    if (!stored || (this.#mine !== undefined && this.#dirty)) return
    this.#pinned = stored.base !== undefined || stored.version !== undefined
    this.#base = stored.base
    this.#version = stored.version
    this.#setMine(stored.mine)
    if (stored.idempotencyKey !== undefined)
      this.#action = { key: stored.idempotencyKey, values: stored.mine }
    if (stored.createdUrl !== undefined) this.#createdUrl = stored.createdUrl
    this.#restored = { savedAt: stored.savedAt, withConflict: stored.conflict !== undefined }
    if (stored.conflict) this.#restoreConflict(stored.conflict, stored.mine)
    this.#commit()
  }

  /** Store the draft after `draftWriteDelayMs` of quiet (typing), or at once when the delay is 0. */
  #persistSoon(): void {
    const ms = this.#options.draftWriteDelayMs ?? DEFAULT_DRAFT_WRITE_DELAY_MS
    if (ms <= 0 || !this.#drafts()) {
      this.#persist()
      return
    }
    if (!this.#draftWriter || this.#draftWriterMs !== ms) {
      this.#draftWriter?.cancel()
      this.#draftWriter = debounce(() => this.#persist(), ms)
      this.#draftWriterMs = ms
    }
    this.#listenPageHide()
    this.#draftWriter()
  }

  /** Write a waiting draft when the page is hidden or unloaded (a reload must not lose the last keystrokes). */
  #listenPageHide(): void {
    if (this.#unlistenPageHide) return
    const target = globalThis as {
      addEventListener?: EventTarget['addEventListener']
      removeEventListener?: EventTarget['removeEventListener']
      document?: Document
    }
    if (typeof target.addEventListener !== 'function') {
      this.#unlistenPageHide = () => {}
      return
    }
    const flush = (): void => this.flushDraft()
    const onVisibility = (): void => {
      if (target.document?.visibilityState === 'hidden') this.flushDraft()
    }
    target.addEventListener('pagehide', flush)
    target.document?.addEventListener('visibilitychange', onVisibility)
    this.#unlistenPageHide = () => {
      target.removeEventListener?.('pagehide', flush)
      target.document?.removeEventListener('visibilitychange', onVisibility)
    }
  }

  #persist(): void {
    this.#draftWriter?.cancel()
    const drafts = this.#drafts()
    if (!drafts) return
    const key = this.#options.key
    const mine = this.#currentMine()
    if ((!this.#dirty && !this.#storedConflict) || mine === undefined) {
      drafts.remove(key)
      return
    }
    const draft: StoredDraft<TData> = {
      mine,
      base: this.#base,
      version: this.#version,
      savedAt: new Date().toISOString(),
      ...(this.#action !== undefined && { idempotencyKey: this.#action.key }),
      ...(this.#storedConflict !== undefined && { conflict: this.#storedConflict }),
      ...(this.#createdUrl !== undefined && { createdUrl: this.#createdUrl }),
    }
    drafts.write(key, draft)
  }

  #getSubmitGuard(): Debounced<[]> {
    const ms = this.#options.submitDebounceMs ?? DEFAULT_SUBMIT_DEBOUNCE_MS
    if (!this.#submitGuard || this.#submitGuardMs !== ms) {
      this.#submitGuard?.cancel()
      this.#submitGuard = debounce(() => {}, ms, { leading: true, trailing: false })
      this.#submitGuardMs = ms
    }
    return this.#submitGuard
  }

  #getAutosave(): Debounced<[]> {
    const ms = this.#options.autosaveDebounceMs ?? DEFAULT_AUTOSAVE_DEBOUNCE_MS
    if (!this.#autosave || this.#autosaveMs !== ms) {
      this.#autosave?.cancel()
      this.#autosave = debounce(() => {
        if (this.#disposed || !this.#dirty || this.#state.status === 'conflict') return
        this.#commit()
        void this.#enqueue({ values: undefined, call: this.#callFromOptions() })
      }, ms)
      this.#autosaveMs = ms
    }
    return this.#autosave
  }

  #dispatch(action: SaveAction<TData>): void {
    const next = reduce(this.#state, action)
    if (next === this.#state) return
    this.#state = next
    this.#commit()
  }

  #emit(event: SaveEvent<TData>): void {
    if (this.#disposed) return
    for (const listener of [...this.#eventListeners]) {
      try {
        listener(event)
      } catch (error) {
        // A failing callback must not break the save; report it asynchronously.
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  #commit(): void {
    if (this.#disposed) return
    this.#snapshot = this.#buildSnapshot()
    for (const listener of [...this.#listeners]) listener()
  }

  #buildSnapshot(): SaveSnapshot<TData> {
    const state = this.#state
    return {
      ...deriveFlags(state),
      status: state.status,
      state,
      isPinned: this.#pinned,
      base: this.#base,
      version: this.#version,
      draft: this.#currentMine(),
      isDirty: this.#dirty,
      conflict: state.status === 'conflict' ? state.conflict : undefined,
      error: state.status === 'error' ? state.error : undefined,
      data: this.#lastSaved,
      changes: this.#changes,
      remoteChange: this.#buildRemoteChange(),
      restored: this.#restored,
      createdUrl: this.#createdUrl,
      isAutosavePending: this.#autosave?.isPending() ?? false,
      failureCount: state.status === 'saving' || state.status === 'merging' ? state.failureCount : 0,
    }
  }

  #buildRemoteChange(): RemoteChange<TData> | undefined {
    const remote = this.#remote
    if (!remote) {
      this.#remoteNotice = undefined
      return undefined
    }
    const base = this.#base as TData
    const mine = this.#currentMine() as TData
    const from = [remote, base, mine]
    const cached = this.#remoteNotice
    if (cached && (cached.from as unknown[]).every((value, index) => value === from[index]))
      return cached.notice
    const notice = createRemoteChange(remote, () => this.#merge(base, mine, remote.data))
    this.#remoteNotice = { from, notice }
    return notice
  }
}

function metaOf(outcome: SaveOutcome<unknown>): ConflictMeta {
  return {
    ...(outcome.requestId !== undefined && { requestId: outcome.requestId }),
    ...(outcome.problem !== undefined && { problem: outcome.problem }),
    ...(outcome.kind === 'stale' && outcome.by !== undefined && { by: outcome.by }),
    ...(outcome.kind === 'stale' && outcome.at !== undefined && { at: outcome.at }),
  }
}

function pick(outcome: { by?: string; at?: string }): { by?: string; at?: string } {
  return {
    ...(outcome.by !== undefined && { by: outcome.by }),
    ...(outcome.at !== undefined && { at: outcome.at }),
  }
}

function inProgressReason(): ConflictSafeError {
  return new ConflictSafeError(
    'IN_PROGRESS',
    'The server is still processing the same request; retrying with the same Idempotency-Key.',
  )
}
