import { type ReactNode, memo, useMemo } from 'react'
import { useConflictDialog } from './context'
import { displayValue } from './format'
import { diffWords } from './wordDiff'

/**
 * A value as text. When it and `base` are both strings, the words it added are `<ins>` and the words it
 * removed `<del>`, each with a visually hidden prefix ("added: ", "removed: ") for screen readers.
 */
export const ValueText = memo(function ValueText({ value, base }: { readonly value: unknown; readonly base?: unknown }): ReactNode {
  const { messages } = useConflictDialog()
  const parts = useMemo(
    () => (typeof value === 'string' && typeof base === 'string' && value && base !== value ? diffWords(base, value) : null),
    [value, base],
  )
  return (
    <div className="cs-text" data-empty={value === undefined || value === null || value === '' ? '' : undefined}>
      {parts
        ? parts.map(([op, text], index) =>
            op === 0 ? (
              text
            ) : op > 0 ? (
              <ins key={index}>
                <span className="cs-sr">{messages.inserted}</span>
                {text}
              </ins>
            ) : (
              <del key={index}>
                <span className="cs-sr">{messages.deleted}</span>
                {text}
              </del>
            ),
          )
        : displayValue(value, messages)}
    </div>
  )
})
