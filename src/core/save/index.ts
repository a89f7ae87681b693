/**
 * The save lifecycle, framework-agnostic: the state machine, the per-record queue, debounce, timers,
 * drafts, and the `SaveController` that runs a conflict-safe save from pinned base to merged write.
 */
export { SaveController, defaultRetryDelay } from './save-controller'
export type {
  MergeFn,
  OnConflict,
  RestoredDraft,
  SaveCallOptions,
  SaveControllerOptions,
  SaveEvent,
  SaveResult,
  SaveSnapshot,
} from './save-controller'
export { deriveFlags, initialSaveState, reduce } from './save-machine'
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
} from './save-machine'
export { SaveQueue, defaultSaveQueue } from './save-queue'
export type { SaveTask } from './save-queue'
export { debounce } from './debounce'
export type { Debounced, DebounceOptions } from './debounce'
export {
  clearTimer,
  getTimerProvider,
  setTimer,
  setTimerProvider,
  sleep,
  systemTimerProvider,
} from './timers'
export type { TimerHandle, TimerProvider } from './timers'
export {
  createDraftStore,
  DEFAULT_DRAFT_PREFIX,
  DRAFT_FORMAT,
  getDefaultDraftStore,
  sessionStorageIfAvailable,
} from './draft-store'
export type { DraftStore, DraftStoreOptions, PinnedVersion, StoredConflict, StoredDraft } from './draft-store'
export type { DraftRecipe, DraftUpdate } from './draft-update'
export { hashKey } from './hash-key'
export { createRemoteChange } from './remote-change'
export type { RemoteChange } from './remote-change'
export { isVersionedData } from './versioned'
export type { ReadContext, ReadFn, VersionedData } from './versioned'
export { createMutationFnWriter, createRequestWriter } from './writers'
export type {
  MutationFn,
  MutationFnContext,
  MutationFnWriteOptions,
  RequestWriteOptions,
  SaveOperation,
  WriteContext,
  WriteFn,
} from './writers'
export { createUrlReader, createVersionedReader, defaultRemoteMeta, MODIFIED_BY_HEADER } from './readers'
export type { RemoteMetaReader, UrlReadOptions, VersionedQueryFn, VersionedReaderOptions } from './readers'
export {
  InvalidValuesError,
  NoReadConfiguredError,
  NothingToSaveError,
  NoWriteConfiguredError,
  SaveAttemptsExhaustedError,
  toConflictSafeError,
  UnexpectedSaveError,
} from './errors'
export { announceSaved, BROADCAST_CHANNEL_NAME, onSavedElsewhere } from './broadcast'
export type { RecordSavedMessage } from './broadcast'
