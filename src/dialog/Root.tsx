import { type ReactNode, useId, useMemo, useRef, useState } from 'react'
import type { SaveConflict } from '../core/conflict.js'
import type { ConflictChoices } from '../core/merge/types.js'
import { type ConflictDialogContextValue, DialogContext } from './context.js'
import { isDevelopment } from './environment.js'
import type { ConflictLabels } from './format.js'
import { type ConflictMessages, defaultConflictMessages } from './messages.js'
import { createResolutionStore } from './resolutionStore.js'

/** Props of `ConflictDialog.Root`. */
export interface ConflictDialogRootProps<TData = unknown> {
  /** The conflict to show (`save.conflict`); nothing renders while it is `null` or `undefined`. */
  readonly conflict: SaveConflict<TData> | null | undefined
  /** Controlled open state; default: uncontrolled (see `defaultOpen`). */
  readonly open?: boolean
  /** Whether each new conflict opens the dialog by itself when uncontrolled; default `true`. */
  readonly defaultOpen?: boolean
  /** Called when the dialog asks to open or close; default: none. */
  readonly onOpenChange?: (open: boolean) => void
  /** Field labels keyed by conflict id or dotted field name; default: humanised field names. */
  readonly labels?: ConflictLabels
  /** Translations of some or all messages; default: English. */
  readonly messages?: Partial<ConflictMessages>
  /** Show developer-only details (the 428 view); default: `process.env.NODE_ENV !== 'production'`. */
  readonly development?: boolean
  /** Decisions to start from, keyed by conflict id; default: none. */
  readonly defaultChoices?: ConflictChoices
  /** The parts. */
  readonly children?: ReactNode
}

const noLabels: ConflictLabels = {}

/** Holds the conflict, the decisions and the open state for the parts inside it. Renders no element. */
export function Root<TData = unknown>({
  conflict,
  open: openProp,
  defaultOpen = true,
  onOpenChange,
  labels = noLabels,
  messages,
  development = isDevelopment(),
  defaultChoices,
  children,
}: ConflictDialogRootProps<TData>): ReactNode {
  const id = useId()
  // Base for every field, with a count of toggles: a field's own toggle lasts until the next global one.
  const [[showBase, baseToggles], setBase] = useState<readonly [boolean, number]>([false, 0])
  // Uncontrolled open state belongs to one conflict: a new conflict starts from `defaultOpen` again.
  const [[openFor, openState], setOpenState] = useState<readonly [unknown, boolean]>([conflict, defaultOpen])
  const open = !!conflict && (openProp ?? (openFor === conflict ? openState : defaultOpen))
  // The conflict already resolved, cancelled or retried: each opening settles at most once.
  const settled = useRef<unknown>(null)
  const store = useMemo(
    () => createResolutionStore(conflict?.kind === 'merge' ? conflict.conflicts : [], defaultChoices),
    // Decisions belong to one conflict; `defaultChoices` is read when it arrives.
    [conflict], // eslint-disable-line react-hooks/exhaustive-deps
  )
  const value = useMemo((): ConflictDialogContextValue | null => {
    if (!conflict) return null
    const setOpen = (next: boolean) => {
      if (next) settled.current = null
      setOpenState([conflict, next])
      onOpenChange?.(next)
    }
    const settle = (run: () => void) => {
      if (settled.current === conflict) return
      settled.current = conflict
      setOpen(false)
      run()
    }
    return {
      conflict: conflict as SaveConflict,
      store,
      messages: { ...defaultConflictMessages, ...messages },
      labels,
      development,
      titleId: `${id}t`,
      descriptionId: `${id}d`,
      showBase,
      baseToggles,
      setShowBase: (show) => setBase([show, baseToggles + 1]),
      open,
      setOpen,
      settle,
      cancel: () => settle(() => conflict.cancel()),
    }
  }, [conflict, store, messages, labels, development, id, showBase, baseToggles, open, onOpenChange])
  return value && <DialogContext.Provider value={value}>{children}</DialogContext.Provider>
}
