/**
 * The React hooks of conflict-safe, thin layers over the core's `SaveController` and TanStack Query:
 * `useVersionedQuery` loads and pins a record; `useConflictSafeMutation` saves it conflict-safely.
 */
export { useVersionedQuery } from './useVersionedQuery'
export type { UseVersionedQueryOptions, UseVersionedQueryResult } from './useVersionedQuery'
export { useConflictSafeMutation } from './useConflictSafeMutation'
export type {
  ConflictSafeRequest,
  MutateCallbacks,
  SaveSuccessContext,
  SubmitButtonProps,
  UseConflictSafeMutationOptions,
  UseConflictSafeMutationResult,
} from './useConflictSafeMutation'
export { getRecordController } from './registry'
