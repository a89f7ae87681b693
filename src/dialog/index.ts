// The dialog: the drop-in <ConflictDialog>, its headless parts (ConflictDialog.Root, .Field, …)
// and the useConflictResolution hook for fully custom conflict UIs.
export { ConflictDialog, type ConflictDialogProps } from './ConflictDialog'
export type { ConflictDialogRootProps } from './Root'
export type { ConflictDialogContentProps } from './Content'
export type { ConflictDialogFieldProps } from './Field'
export type { ConflictDialogChoiceProps, FieldChoice } from './Choice'
export {
  useConflictDialog,
  useConflictField,
  type ConflictDialogContextValue,
  type FieldContextValue,
} from './context'
export {
  useConflictResolution,
  type UseConflictResolutionOptions,
  type UseConflictResolutionResult,
} from './useConflictResolution'
export type { Decision, DecisionKind, Decisions } from './decisions'
export { defaultConflictMessages, type ConflictMessages } from './messages'
export type { ConflictLabels } from './format'
export { diffWords, type WordDiffPart } from './wordDiff'
