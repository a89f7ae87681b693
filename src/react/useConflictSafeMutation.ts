/**
 * `useConflictSafeMutation`: save a form without ever losing an update or a draft.
 *
 * Like TanStack's `useMutation`, a thin hook over a core object (the record's shared `SaveController`):
 * options are pushed in an effect, state is read with `useSyncExternalStore`, and `mutate` is stable.
 * Saves are conditioned on the pinned version, merged on 409/412, guarded (one action, one request),
 * queued per record, and the draft survives reloads. See docs/hooks.md.
 */
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, type ButtonHTMLAttributes, type MouseEvent } from 'react'
import type { SaveConflict } from '../core/conflict.js'
import type { ConflictSafeError } from '../core/errors.js'
import type { ClassifyOptions } from '../core/http/classify.js'
import type { PreconditionOptions } from '../core/http/precondition.js'
import type { VersionSource } from '../core/http/version.js'
import type { MergeValuesOptions } from '../core/merge/options.js'
import type { MergeChange, MergeResult } from '../core/merge/types.js'
import type { DraftStore, PinnedVersion } from '../core/save/draft-store.js'
import type { DraftUpdate } from '../core/save/draft-update.js'
import { NoReadConfiguredError } from '../core/save/errors.js'
import { createUrlReader } from '../core/save/readers.js'
import type { RemoteChange } from '../core/save/remote-change.js'
import type {
  MergeFn,
  OnConflict,
  RestoredDraft,
  SaveControllerOptions,
  SaveResult,
} from '../core/save/save-controller.js'
import type { SaveState, SaveStatus } from '../core/save/save-machine.js'
import type { ReadFn } from '../core/save/versioned.js'
import {
  createMutationFnWriter,
  createRequestWriter,
  type MutationFn,
  type SaveOperation,
} from '../core/save/writers.js'
import type { SaveOutcome } from '../core/http/outcome.js'
import { getRecordEntry, toVersioned } from './registry.js'
import { useRecord } from './useRecord.js'

/** The built-in REST write: `fetch(url, { method, headers: precondition, body: JSON })`. */
export interface ConflictSafeRequest {
  /** Where to send the write (absolute in tests and on the server); after a create, its `Location` takes over. Required. */
  readonly url: string
  /** `'PUT'`, `'PATCH'` (updates), `'POST'` (creates) or `'DELETE'` (a delete conditioned on the pinned version, no body). Default `'PUT'`. */
  readonly method?: 'PUT' | 'PATCH' | 'POST' | 'DELETE'
  /** Extra request headers (for example `Authorization`). Default: none. */
  readonly headers?: Record<string, string>
  /** The fetch implementation. Default: `globalThis.fetch`. */
  readonly fetch?: typeof fetch
}

/** What `onSuccess` receives besides the saved record. */
export interface SaveSuccessContext<TData> {
  /** The record's new version (`'unknown'` when the response carried none). */
  readonly version: PinnedVersion
  /** What was merged in from theirs automatically (empty when nobody else changed it). */
  readonly changes: readonly MergeChange[]
  /** The values as sent (for a delete: the record as it was deleted). */
  readonly values: TData
  /** What the save did: `'update'`, `'create'` or `'delete'`. */
  readonly operation: SaveOperation
}

/** Options of `useConflictSafeMutation`. Give `request` or `mutationFn`. */
export interface UseConflictSafeMutationOptions<TData, TQueryKey extends QueryKey = QueryKey> {
  /** The record's query key (the same as `useVersionedQuery`'s); keys the pin, the queue and the stored draft. Required. */
  readonly queryKey: TQueryKey
  /** The built-in REST write. Default: none. */
  readonly request?: ConflictSafeRequest
  /** Your own write: gets `{ values, headers, signal, idempotencyKey }`, returns the fetch Response (or a SaveOutcome). Default: none. */
  readonly mutationFn?: MutationFn<TData>
  /** Where theirs is read after a conflict whose body lacks it: a URL or a reader. Default: `useVersionedQuery`'s read, else GET `request.url`. */
  readonly read?: string | ReadFn<TData>
  /**
   * `'update'` (conditional write), `'create'` (POST with an Idempotency-Key) or `'delete'` (DELETE conditioned on
   * the pinned version; never skipped as unchanged; afterwards the record is unpinned and its query removed).
   * Default: `'create'` for `method: 'POST'`, `'delete'` for `method: 'DELETE'`, else `'update'`.
   */
  readonly operation?: SaveOperation
  /** Skip a save whose values equal the pinned base (nothing changed); deletes are never skipped. Default `true`. */
  readonly skipUnchanged?: boolean
  /**
   * Where a created record lives, so the next saves are conditional updates of it (PUT there, on the version of
   * the create's response). Receives the created record and the response's `Location`; return `undefined` to
   * keep creating. Default: the `Location` header.
   */
  readonly createdUrl?: (
    data: TData,
    response: { readonly location: string | undefined },
  ) => string | undefined
  /** Where versions are read in write responses and conflict bodies. Default `'etag'`. */
  readonly version?: VersionSource
  /** How the version is sent: `{ mode: 'if-match' | 'body' | 'both', field }`. Default: If-Match when an ETag is known, else the body field `version`. */
  readonly precondition?: Omit<PreconditionOptions, 'unconditional'>
  /** How responses are classified (problem types, request id header, theirs reader…). Default: the core's defaults. */
  readonly classify?: Omit<ClassifyOptions<TData>, 'operation' | 'versionSource'>
  /** The three-way merge: `mergeValues` options (text paths, array keys…) or your own function. Default: `mergeValues`. */
  readonly merge?: MergeValuesOptions | MergeFn<TData>
  /** Ask before saving a clean merge (it arrives as a `'merge'` conflict with no conflicts). Default `false`. */
  readonly confirmMerge?: boolean
  /** Decide conflicts in code: return choices to resolve a merge conflict at once, or nothing to show it. Default: none. */
  readonly onConflict?: OnConflict<TData>
  /** Called after every successful save of this record (manual or autosave). Default: none. */
  readonly onSuccess?: (data: TData, context: SaveSuccessContext<TData>) => void
  /** Called when a save of this record fails (after retries); the draft is kept. Default: none. */
  readonly onError?: (error: ConflictSafeError) => void
  /** Called when a save of this record ends, however it ended. Default: none. */
  readonly onSettled?: (result: SaveResult<TData>) => void
  /** Save the draft automatically after it stops changing (`setDraft`). Default `false`. */
  readonly autosave?: boolean
  /** Quiet time before an autosave, in ms. Default `1000`. */
  readonly autosaveDebounceMs?: number
  /** Leading-edge debounce of `mutate`: repeated submits within this many ms are dropped. Default `300`. */
  readonly debounceMs?: number
  /** The most writes one save sends (merges and retries included), then a clear error. Default `3`. */
  readonly maxAttempts?: number
  /** Delay before retrying a network error, 5xx or in-progress 409, in ms. Default: Retry-After, else 1 s, 2 s, 4 s… */
  readonly retryDelay?: (failureCount: number, outcome: SaveOutcome<TData>) => number
  /** Keep the draft and unresolved conflicts in sessionStorage across reloads. Default `true`. */
  readonly persistDraft?: boolean
  /** Where drafts are kept when `persistDraft` is on. Default: sessionStorage, with a memory fallback. */
  readonly draftStore?: DraftStore
  /** Put the saved record into the query cache. Default: `true` for updates, `false` for creates. */
  readonly updateCache?: boolean
  /** Tell other tabs about saves (their `useVersionedQuery` refetches). Default `true`. */
  readonly crossTab?: boolean
  /** The QueryClient. Default: the one from `QueryClientProvider`. */
  readonly queryClient?: QueryClient
}

/** Callbacks of one `mutate` call. */
export interface MutateCallbacks<TData> {
  /** The save went through. */
  readonly onSuccess?: (data: TData) => void
  /** The save needs the person (`conflict` is set). */
  readonly onConflict?: (conflict: SaveConflict<TData>) => void
  /** The save failed; the draft is kept. */
  readonly onError?: (error: ConflictSafeError) => void
  /** The save ended, however it ended. */
  readonly onSettled?: (result: SaveResult<TData>) => void
}

/** Props for the submit button: disabled and busy while saving. */
export type SubmitButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  readonly type: 'submit' | 'button' | 'reset'
  readonly disabled: boolean
  readonly 'aria-disabled': boolean
  readonly 'aria-busy': boolean
}

/** What `useConflictSafeMutation` returns. */
export interface UseConflictSafeMutationResult<TData> {
  /** Save `values` (default: the draft). Guarded: one action, one request. Never throws. */
  readonly mutate: (values?: TData, callbacks?: MutateCallbacks<TData>) => void
  /** Like `mutate`; resolves with the result (saved, conflict or skipped) and rejects with the error when the save fails. */
  readonly mutateAsync: (values?: TData) => Promise<SaveResult<TData>>
  /** Back to idle (closes a conflict, keeping the draft). No-op while saving. */
  readonly reset: () => void
  /** Where the save is: `'idle' | 'saving' | 'merging' | 'conflict' | 'saved' | 'error'`. */
  readonly status: SaveStatus
  /** The machine state with its status-specific fields (attempt, failureCount…). */
  readonly state: SaveState<TData>
  /** No save has run, or a conflict was dismissed. */
  readonly isIdle: boolean
  /** A save is running (writing or merging): the submit button is disabled. */
  readonly isPending: boolean
  /** A write is in flight (or waiting to be retried). */
  readonly isSaving: boolean
  /** Theirs is being read and merged. */
  readonly isMerging: boolean
  /** The save needs the person: render `<ConflictDialog conflict={conflict} />`. */
  readonly isConflict: boolean
  /** The last save went through. */
  readonly isSuccess: boolean
  /** The last save failed (`error` is set); the draft is kept. */
  readonly isError: boolean
  /** What the person must decide (merge, duplicate, state, deleted, in-progress, precondition-required). */
  readonly conflict: SaveConflict<TData> | undefined
  /** Why the last save failed, typed (`code`). */
  readonly error: ConflictSafeError | undefined
  /** The record as last saved. */
  readonly data: TData | undefined
  /** What the last save merged in from theirs automatically ("merged with Ana's changes"). */
  readonly changes: readonly MergeChange[]
  /** Failed attempts being retried in the running save. */
  readonly failureCount: number
  /** The pinned base (what the form loaded or last saved). */
  readonly base: TData | undefined
  /** The pinned version the next save is conditioned on. */
  readonly version: PinnedVersion
  /** The form's values (mine): the draft, or the loaded record when nothing was edited. */
  readonly draft: TData | undefined
  /** Whether the draft differs from the base. */
  readonly isDirty: boolean
  /**
   * Replace the draft with a value, or change it with an immer recipe (`draft => { draft!.title = 'x' }`, or return
   * the next value): untouched parts keep their identity, nothing is frozen. Stored, and autosaved when that is on.
   */
  readonly setDraft: (values: DraftUpdate<TData>) => void
  /** Throw the draft away (back to the base). */
  readonly discardDraft: () => void
  /** The draft was restored after a reload (show a notice); `undefined` otherwise, and again once it is saved or discarded. */
  readonly restoredDraft: RestoredDraft | undefined
  /** Hide the restored-draft notice. */
  readonly dismissRestoredDraft: () => void
  /** A newer version than the pinned one appeared elsewhere, with who/when and a merge preview. */
  readonly remoteChange: RemoteChange<TData> | undefined
  /** Take `remoteChange` into the draft now; returns the merge (or `undefined` when there is nothing to take). */
  readonly rebase: () => MergeResult<TData> | undefined
  /** An autosave is scheduled. */
  readonly isAutosavePending: boolean
  /** Props for the submit button: `disabled`, `aria-disabled`, `aria-busy` while saving. `{ type: 'button' }` also saves on click. */
  readonly getSubmitButtonProps: (props?: ButtonHTMLAttributes<HTMLButtonElement>) => SubmitButtonProps
}

type ControllerOptions<TData> = {
  [K in Exclude<keyof SaveControllerOptions<TData>, 'key' | 'read' | 'queue'>]?:
    SaveControllerOptions<TData>[K] | undefined
}

/** The operation of the options: given, else from the request's method. */
function operationOf(options: UseConflictSafeMutationOptions<unknown, QueryKey>): SaveOperation {
  if (options.operation !== undefined) return options.operation
  const method = options.request?.method
  return method === 'POST' ? 'create' : method === 'DELETE' ? 'delete' : 'update'
}

function toControllerOptions<TData>(
  options: UseConflictSafeMutationOptions<TData, QueryKey>,
): ControllerOptions<TData> {
  const operation = operationOf(options as UseConflictSafeMutationOptions<unknown, QueryKey>)
  const classify = {
    ...options.classify,
    ...(options.version !== undefined && { versionSource: options.version }),
  }
  const shared = {
    ...(options.precondition !== undefined && { precondition: options.precondition }),
    classify,
  }
  const request = options.request
  const write = options.mutationFn
    ? createMutationFnWriter<TData>(options.mutationFn, shared)
    : request
      ? createRequestWriter<TData>({
          url: request.url,
          ...(request.method !== undefined && { method: request.method }),
          ...(request.headers !== undefined && { headers: request.headers }),
          ...(request.fetch !== undefined && { fetch: request.fetch }),
          ...shared,
        })
      : undefined
  return {
    write,
    operation,
    merge: options.merge,
    confirmMerge: options.confirmMerge,
    maxAttempts: options.maxAttempts,
    submitDebounceMs: options.debounceMs,
    autosave: options.autosave,
    autosaveDebounceMs: options.autosaveDebounceMs,
    retryDelay: options.retryDelay,
    drafts: options.persistDraft === false ? false : options.draftStore,
    skipUnchanged: options.skipUnchanged,
    createdUrl: options.createdUrl,
    onConflict: options.onConflict,
  }
}

/** Save a form conflict-safely. See the file comment and docs/hooks.md. */
export function useConflictSafeMutation<TData, TQueryKey extends QueryKey = QueryKey>(
  options: UseConflictSafeMutationOptions<TData, TQueryKey>,
): UseConflictSafeMutationResult<TData> {
  const contextClient = useQueryClient(options.queryClient)
  const client = options.queryClient ?? contextClient
  const { controller, snapshot } = useRecord<TData>(client, options.queryKey)
  const latest = useRef(options)
  latest.current = options

  const apply = useCallback(() => {
    const current = latest.current as UseConflictSafeMutationOptions<TData, QueryKey>
    controller.setOptions(toControllerOptions(current))
    const entry = getRecordEntry(client, current.queryKey)
    const operation = operationOf(current as UseConflictSafeMutationOptions<unknown, QueryKey>)
    entry.settings.updateCache = current.updateCache ?? operation !== 'create'
    entry.settings.crossTab = current.crossTab ?? true
    const versionSource = current.version
    const reader =
      typeof current.read === 'string'
        ? createUrlReader<TData>(current.read, versionSource === undefined ? {} : { versionSource })
        : current.read
    entry.readers.explicit = reader
    const request = current.request
    // GET the record where it lives: the request's URL (not for POST: that is the collection), or where a create put it.
    entry.readers.request = request
      ? ({ signal, url }) => {
          const target = url ?? (request.method === 'POST' ? undefined : request.url)
          if (target === undefined) return Promise.reject(new NoReadConfiguredError())
          return createUrlReader<TData>(target, {
            ...(versionSource !== undefined && { versionSource }),
            ...(request.headers !== undefined && { headers: request.headers }),
            ...(request.fetch !== undefined && { fetch: request.fetch }),
          })({ signal })
        }
      : undefined
  }, [client, controller])

  // Applied while rendering (idempotent), so the first effects (restoring a stored draft, watching the cache)
  // already run with this hook's options; and again before every save.
  apply()

  // Per-hook callbacks, for every save of the record.
  useEffect(
    () =>
      controller.onEvent((event) => {
        const current = latest.current
        if (event.type === 'success') {
          current.onSuccess?.(event.data, {
            version: event.version,
            changes: event.changes,
            values: event.sent,
            operation: event.operation,
          })
        } else if (event.type === 'error') {
          current.onError?.(event.error)
        } else if (event.type === 'settled') {
          current.onSettled?.(event.result)
        }
      }),
    [controller],
  )

  const mutateAsync = useCallback(
    async (values?: TData): Promise<SaveResult<TData>> => {
      apply()
      const result = await controller.save(values)
      if (result.status === 'error') throw result.error
      return result
    },
    [apply, controller],
  )

  const mutate = useCallback(
    (values?: TData, callbacks?: MutateCallbacks<TData>): void => {
      apply()
      void controller.save(values).then((result) => {
        if (result.status === 'saved') callbacks?.onSuccess?.(result.data)
        else if (result.status === 'conflict') callbacks?.onConflict?.(result.conflict)
        else if (result.status === 'error') callbacks?.onError?.(result.error)
        callbacks?.onSettled?.(result)
      })
    },
    [apply, controller],
  )

  const setDraft = useCallback<UseConflictSafeMutationResult<TData>['setDraft']>(
    (values) => controller.setDraft(values),
    [controller],
  )
  const discardDraft = useCallback(() => controller.discardDraft(), [controller])
  const dismissRestoredDraft = useCallback(() => controller.dismissRestored(), [controller])
  const rebase = useCallback(() => controller.rebase(), [controller])
  const reset = useCallback(() => controller.reset(), [controller])

  const busy = snapshot.isPending
  const getSubmitButtonProps = (props: ButtonHTMLAttributes<HTMLButtonElement> = {}): SubmitButtonProps => {
    const disabled = busy || props.disabled === true
    const onClick =
      props.type === 'button'
        ? (event: MouseEvent<HTMLButtonElement>) => {
            props.onClick?.(event)
            if (!event.defaultPrevented) mutate()
          }
        : props.onClick
    return {
      ...props,
      type: props.type ?? 'submit',
      disabled,
      'aria-disabled': disabled,
      'aria-busy': busy,
      ...(onClick !== undefined && { onClick }),
    }
  }

  const draft =
    snapshot.draft ??
    (snapshot.isPinned ? undefined : toVersioned<TData>(client.getQueryData(options.queryKey)).data)

  return {
    mutate,
    mutateAsync,
    reset,
    status: snapshot.status,
    state: snapshot.state,
    isIdle: snapshot.isIdle,
    isPending: snapshot.isPending,
    isSaving: snapshot.isSaving,
    isMerging: snapshot.isMerging,
    isConflict: snapshot.isConflict,
    isSuccess: snapshot.isSuccess,
    isError: snapshot.isError,
    conflict: snapshot.conflict,
    error: snapshot.error,
    data: snapshot.data,
    changes: snapshot.changes,
    failureCount: snapshot.failureCount,
    base: snapshot.base,
    version: snapshot.version,
    draft,
    isDirty: snapshot.isDirty,
    setDraft,
    discardDraft,
    restoredDraft: snapshot.restored,
    dismissRestoredDraft,
    remoteChange: snapshot.remoteChange,
    rebase,
    isAutosavePending: snapshot.isAutosavePending,
    getSubmitButtonProps,
  }
}
