import { type ReactNode, memo, useMemo } from 'react'
import { useConflictDialog } from './context.js'
import { displayValue } from './format.js'
import { diffWords } from './wordDiff.js'

/**
 * A value as text. Compared with `base` when both are there and either has more than one word: the words
 * it added are `<ins>` and the words it removed `<del>`, each with a visually hidden prefix ("added: ",
 * "removed: ") for screen readers. `absent` replaces the text of an absent value.
 */
export const ValueText = memo(function ValueText({
  value,
  base,
  absent,
}: {
  readonly value: unknown
  readonly base?: unknown
  readonly absent?: string | undefined
}): ReactNode {
  const { messages } = useConflictDialog()
  const text = value === undefined && absent ? absent : displayValue(value, messages)
  const parts = useMemo(() => {
    if (value === undefined || value === null || value === '' || base === undefined || base === null)
      return null
    const before = displayValue(base, messages)
    return before !== text && /\s/.test(before + text) ? diffWords(before, text) : null
  }, [value, base, text, messages])
  return (
    <div
      className="cs-text"
      data-empty={value === undefined || value === null || value === '' ? '' : undefined}
    >
      {parts
        ? parts.map(([op, text], index) =>
            op === 0 ? (
              text
            ) : op > 0 ? (
              <ins key={index} data-label={messages.inserted}>
                {text}
              </ins>
            ) : (
              <del key={index} data-label={messages.deleted}>
                {text}
              </del>
            ),
          )
        : text}
    </div>
  )
})
