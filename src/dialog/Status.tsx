import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { useConflictDialog, useRemaining } from './context.js'

/** A live region (`role="status"`) that says how many decisions remain; updates as the person decides. */
export function Status(props: ComponentPropsWithoutRef<'p'>): ReactNode {
  const remaining = useRemaining()
  return (
    <p className="cs-status" role="status" data-state={remaining ? 'undecided' : 'decided'} {...props}>
      {useConflictDialog().messages.remaining(remaining)}
    </p>
  )
}
