import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { useConflictDialog } from './context.js'
import { displayValue, labelOf } from './format.js'

/**
 * What merged automatically, collapsed (`<details>`): each field and the value taken from theirs.
 * Nothing when no change merged automatically.
 */
export function Summary(props: ComponentPropsWithoutRef<'details'>): ReactNode {
  const { conflict, labels, messages } = useConflictDialog()
  if (conflict.kind !== 'merge' || conflict.changes.length === 0) return null
  return (
    <details className="cs-summary" {...props}>
      <summary>{messages.autoMerged(conflict.changes.length)}</summary>
      <dl>
        {conflict.changes.map((change) => (
          <div key={change.id}>
            <dt>{labelOf(change.path, labels, messages, change.id)}</dt>
            <dd>{displayValue(change.theirs, messages)}</dd>
          </div>
        ))}
      </dl>
    </details>
  )
}
