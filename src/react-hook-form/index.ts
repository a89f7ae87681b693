/**
 * `conflict-safe/react-hook-form`: the react-hook-form adapter (react-hook-form is an optional peer).
 */
export { useConflictSafeForm } from './useConflictSafeForm.js'
export type { UseConflictSafeFormOptions, UseConflictSafeFormResult } from './useConflictSafeForm.js'
