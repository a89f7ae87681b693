/**
 * What the dialog's parts share: the conflict and its decisions (Root), and the field a part is in (Field).
 */
import { createContext, useContext, useSyncExternalStore } from 'react'
import type { SaveConflict } from '../core/conflict.js'
import type { MergeConflict } from '../core/merge/types.js'
import { type Decisions, countRemaining } from './decisions.js'
import type { ConflictLabels } from './format.js'
import type { ConflictMessages } from './messages.js'
import type { ResolutionStore } from './resolutionStore.js'

/** The Root's state, for every part inside it. */
export interface ConflictDialogContextValue {
  /** The conflict on screen. */
  readonly conflict: SaveConflict
  /** The decisions (for a merge conflict; empty for the others). */
  readonly store: ResolutionStore
  /** Every message, defaults merged with the app's. */
  readonly messages: ConflictMessages
  /** The app's field labels. */
  readonly labels: ConflictLabels
  /** Whether this is a development build (shows developer-only details). */
  readonly development: boolean
  /** Element ids that label and describe the dialog. */
  readonly titleId: string
  /** Element id of the dialog's description. */
  readonly descriptionId: string
  /** Whether base is shown for every field. */
  readonly showBase: boolean
  /** How many times base was shown or hidden for every field (a field's own choice lasts until the next time). */
  readonly baseToggles: number
  /** Shows or hides base for every field. */
  setShowBase(show: boolean): void
  /** Whether the dialog is open. */
  readonly open: boolean
  /** Opens or closes the dialog (without settling the conflict). */
  setOpen(open: boolean): void
  /** Closes the dialog and runs `settle` (resolve, cancel, retry…) once per opening. */
  settle(settle: () => void): void
  /** Cancels the conflict and closes: the draft is kept. */
  cancel(): void
}

export const DialogContext = /* @__PURE__ */ createContext<ConflictDialogContextValue | null>(null)

/** `value`, or a clear error naming the part to render inside. */
function inside<T>(value: T | null, part: string): T {
  if (!value)
    throw new Error(`conflict-safe: render this ConflictDialog part inside <ConflictDialog.${part}>.`)
  return value
}

/** The Root's state; throws a clear error outside `ConflictDialog.Root`. */
export function useConflictDialog(): ConflictDialogContextValue {
  return inside(useContext(DialogContext), 'Root')
}

/** The field a part belongs to. */
export interface FieldContextValue {
  /** The conflict of this field. */
  readonly conflict: MergeConflict
  /** Its label. */
  readonly label: string
  /** Element id of the label. */
  readonly labelId: string
  /** Prefix of element ids and radio names inside the field. */
  readonly name: string
  /** Whether base is shown for this field. */
  readonly showBase: boolean
  /** Shows or hides base for this field. */
  setShowBase(show: boolean): void
}

export const FieldContext = /* @__PURE__ */ createContext<FieldContextValue | null>(null)

/** The field a part is in, or `null` outside any field. */
export function useOptionalField(): FieldContextValue | null {
  return useContext(FieldContext)
}

/** The field a part is in; throws a clear error outside `ConflictDialog.Field`. */
export function useConflictField(): FieldContextValue {
  return inside(useContext(FieldContext), 'Field')
}

/** A value derived from the decisions; re-renders only when it changes (compare with `Object.is`). */
export function useDecisions<T>(store: ResolutionStore, select: (decisions: Decisions) => T): T {
  const read = () => select(store.get())
  return useSyncExternalStore(store.subscribe, read, read)
}

/** How many conflicts still need a decision (0 for conflicts that are not merges). */
export function useRemaining(): number {
  const { conflict, store } = useConflictDialog()
  return useDecisions(store, (decisions) =>
    conflict.kind === 'merge' ? countRemaining(conflict.conflicts, decisions) : 0,
  )
}
