/**
 * The save lifecycle, framework-agnostic: the state machine, the per-record queue, debounce, timers,
 * drafts, and the `SaveController` that runs a conflict-safe save from pinned base to merged write.
 */
export { SaveController, defaultRetryDelay } from './save-controller.js'
export type {
  MergeFn,
  OnConflict,
  RestoredDraft,
  SaveCallOptions,
  SaveControllerOptions,
  SaveEvent,
  SaveResult,
  SaveSnapshot,
} from './save-controller.js'
export { deriveFlags, initialSaveState, reduce } from './save-machine.js'
export type {
  ConflictSaveState,
  ErrorSaveState,
  IdleSaveState,
  MergingSaveState,
  SaveAction,
  SavedSaveState,
  SaveFlags,
  SaveState,
  SaveStatus,
  SavingSaveState,
} from './save-machine.js'
export { SaveQueue, defaultSaveQueue } from './save-queue.js'
export type { SaveTask } from './save-queue.js'
export { debounce } from './debounce.js'
export type { Debounced, DebounceOptions } from './debounce.js'
export {
  clearTimer,
  getTimerProvider,
  setTimer,
  setTimerProvider,
  sleep,
  systemTimerProvider,
} from './timers.js'
export type { TimerHandle, TimerProvider } from './timers.js'
export {
  createDraftStore,
  DEFAULT_DRAFT_PREFIX,
  DRAFT_FORMAT,
  getDefaultDraftStore,
  sessionStorageIfAvailable,
} from './draft-store.js'
export type {
  DraftStore,
  DraftStoreOptions,
  PinnedVersion,
  StoredConflict,
  StoredDraft,
} from './draft-store.js'
export type { DraftRecipe, DraftUpdate } from './draft-update.js'
export { hashKey } from './hash-key.js'
export { createRemoteChange } from './remote-change.js'
export type { RemoteChange } from './remote-change.js'
export { isVersionedData } from './versioned.js'
export type { ReadContext, ReadFn, VersionedData } from './versioned.js'
export { createMutationFnWriter, createRequestWriter } from './writers.js'
export type {
  MutationFn,
  MutationFnContext,
  MutationFnWriteOptions,
  RequestWriteOptions,
  SaveOperation,
  WriteContext,
  WriteFn,
} from './writers.js'
export { createUrlReader, createVersionedReader, defaultRemoteMeta, MODIFIED_BY_HEADER } from './readers.js'
export type { RemoteMetaReader, UrlReadOptions, VersionedQueryFn, VersionedReaderOptions } from './readers.js'
export {
  InvalidValuesError,
  NoReadConfiguredError,
  NothingToSaveError,
  NoWriteConfiguredError,
  SaveAttemptsExhaustedError,
  toConflictSafeError,
  UnexpectedSaveError,
} from './errors.js'
export { announceSaved, BROADCAST_CHANNEL_NAME, onSavedElsewhere } from './broadcast.js'
export type { RecordSavedMessage } from './broadcast.js'
