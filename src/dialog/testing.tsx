/**
 * Test harness (not public): a page with a Save button that opens a conflict, so tests can check
 * that focus returns to it; the dialog's callbacks close the conflict like the hooks do.
 */
import { type ReactNode, useState } from 'react'
import type { SaveConflict } from '../core/conflict.js'
import { ConflictDialog, type ConflictDialogProps } from './ConflictDialog.js'

/** Props of the harness: the dialog's, with the conflict the Save button opens. */
export interface HarnessProps extends Omit<ConflictDialogProps, 'conflict'> {
  /** The conflict to open. */
  readonly conflict: SaveConflict<unknown>
}

/** Closes the conflict whenever one of its callbacks runs (resolve, cancel, retry…), after calling it. */
function closingOn(conflict: SaveConflict<unknown>, close: () => void): SaveConflict<unknown> {
  const wrapped: Record<string, unknown> = { ...conflict }
  for (const [name, value] of Object.entries(conflict)) {
    if (typeof value === 'function') {
      wrapped[name] = (...args: unknown[]) => {
        ;(value as (...args: unknown[]) => void)(...args)
        close()
      }
    }
  }
  return wrapped as unknown as SaveConflict<unknown>
}

/** A page with a Save button (the opener) and the dialog. */
export function Harness({ conflict, ...props }: HarnessProps): ReactNode {
  const [current, setCurrent] = useState<SaveConflict<unknown> | null>(null)
  return (
    <main>
      <h1>Edit article</h1>
      <button type="button" onClick={() => setCurrent(closingOn(conflict, () => setCurrent(null)))}>
        Save
      </button>
      <ConflictDialog conflict={current} {...props} />
    </main>
  )
}
