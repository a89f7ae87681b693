/**
 * A small page around <ConflictDialog> for stories and screenshots: a Save button that opens the conflict
 * (so focus has somewhere to return to), and a line that says what the dialog did.
 */
import { type ReactNode, useEffect, useState } from 'react'
import type { SaveConflict } from '../../src/core/conflict'
import { ConflictDialog, type ConflictDialogProps } from '../../src/dialog/index'

/** Props of the demo page. */
export interface ConflictDemoProps extends Omit<ConflictDialogProps, 'conflict'> {
  /** The conflict the Save button opens. */
  readonly conflict: SaveConflict<unknown>
  /** Open it when the page loads; default `true`. */
  readonly startOpen?: boolean
}

/** Wraps every callback of `conflict` so the page can say what happened and close the conflict. */
function settleWith(conflict: SaveConflict<unknown>, report: (text: string) => void): SaveConflict<unknown> {
  const wrapped: Record<string, unknown> = { ...conflict }
  for (const [name, value] of Object.entries(conflict)) {
    if (typeof value !== 'function') continue
    wrapped[name] = (...args: unknown[]) => {
      ;(value as (...args: unknown[]) => void)(...args)
      report(`${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`)
    }
  }
  return wrapped as unknown as SaveConflict<unknown>
}

/** The demo page. */
export function ConflictDemo({ conflict, startOpen = true, ...props }: ConflictDemoProps): ReactNode {
  const [current, setCurrent] = useState<SaveConflict<unknown> | null>(null)
  const [log, setLog] = useState('')
  const open = () =>
    setCurrent(
      settleWith(conflict, (text) => {
        setLog(text)
        setCurrent(null)
      }),
    )
  useEffect(() => {
    if (startOpen) open()
    // Opens once on load.
  }, []) // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif' }}>
      <h1 style={{ fontSize: '1.25rem' }}>Edit article</h1>
      <button type="button" onClick={open}>
        Save
      </button>
      <output aria-label="Last action" style={{ display: 'block', marginTop: '1rem' }}>
        {log}
      </output>
      <ConflictDialog conflict={current} {...props} />
    </main>
  )
}
