import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { useConflictDialog, useDecisions } from './context'
import { countRemaining } from './decisions'

/** A live region (`role="status"`) that says how many decisions remain; updates as the person decides. */
export function Status(props: ComponentPropsWithoutRef<'p'>): ReactNode {
  const { conflict, store, messages } = useConflictDialog()
  const remaining = useDecisions(store, (decisions) =>
    conflict.kind === 'merge' ? countRemaining(conflict.conflicts, decisions) : 0,
  )
  return (
    <p className="cs-status" role="status" data-state={remaining ? 'undecided' : 'decided'} {...props}>
      {messages.remaining(remaining)}
    </p>
  )
}
