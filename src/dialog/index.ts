// The dialog: the drop-in <ConflictDialog>, its headless parts (ConflictDialog.Root, .Field, …)
// and the useConflictResolution hook for fully custom conflict UIs.
export { ConflictDialog, type ConflictDialogProps } from './ConflictDialog.js'
export type { ConflictDialogRootProps } from './Root.js'
export type { ConflictDialogContentProps } from './Content.js'
export type { ConflictDialogFieldProps } from './Field.js'
export type { ConflictDialogChoiceProps, FieldChoice } from './Choice.js'
export {
  useConflictDialog,
  useConflictField,
  type ConflictDialogContextValue,
  type FieldContextValue,
} from './context.js'
export {
  useConflictResolution,
  type UseConflictResolutionOptions,
  type UseConflictResolutionResult,
} from './useConflictResolution.js'
export type { Decision, DecisionKind, Decisions } from './decisions.js'
export { defaultConflictMessages, type ConflictMessages } from './messages.js'
export type { ConflictLabels } from './format.js'
export { diffWords, type WordDiffPart } from './wordDiff.js'
