/**
 * The React hooks of conflict-safe, thin layers over the core's `SaveController` and TanStack Query:
 * `useVersionedQuery` loads and pins a record; `useConflictSafeMutation` saves it conflict-safely.
 */
export { useVersionedQuery } from './useVersionedQuery.js'
export type { UseVersionedQueryOptions, UseVersionedQueryResult } from './useVersionedQuery.js'
export { useConflictSafeMutation } from './useConflictSafeMutation.js'
export type {
  ConflictSafeRequest,
  MutateCallbacks,
  SaveSuccessContext,
  SubmitButtonProps,
  UseConflictSafeMutationOptions,
  UseConflictSafeMutationResult,
} from './useConflictSafeMutation.js'
export { getRecordController } from './registry.js'
