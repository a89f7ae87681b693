import { type ComponentPropsWithoutRef, type ReactNode, useId } from 'react'
import { useConflictDialog } from './context.js'
import { labelOf, plainText, safeHref } from './format.js'

/** A copy of `record` with the dotted `field` set to `value`; `undefined` when `record` is not an object or the name is unsafe. */
export function withField(record: unknown, field: string, value: unknown): unknown {
  const [head = '', ...rest] = field.split('.')
  if (!record || typeof record !== 'object' || /^(__proto__|constructor|prototype)$/.test(head))
    return undefined
  const next = rest.length
    ? withField((record as Record<string, unknown>)[head] ?? {}, rest.join('.'), value)
    : value
  return next === undefined
    ? undefined
    : Object.assign(Array.isArray(record) ? [...record] : { ...record }, { [head]: next })
}

/**
 * For a duplicate: a box to change the taken value and save again (`conflict.retry(mine with the new
 * value)`), when the server named the field; and a link to the existing record (new tab), when it gave
 * a web address. Duplicate conflicts only.
 */
export function DuplicateValue(props: ComponentPropsWithoutRef<'form'>): ReactNode {
  const { conflict, labels, messages, settle } = useConflictDialog()
  const id = useId()
  if (conflict.kind !== 'duplicate') return null
  const { field = '', value, mine } = conflict
  const href = safeHref(conflict.existing)
  return (
    <form
      className="cs-duplicate"
      onSubmit={(event) => {
        event.preventDefault()
        const text = (event.currentTarget.elements.namedItem('value') as HTMLInputElement).value
        const next = withField(mine, field, typeof value === 'number' && text.trim() ? Number(text) : text)
        settle(() => conflict.retry(next as typeof mine))
      }}
      {...props}
    >
      {field && withField(mine, field, value) !== undefined && (
        <>
          <label htmlFor={id}>{messages.newValue(labelOf(field.split('.'), labels, messages, field))}</label>
          <div className="cs-row">
            <input
              id={id}
              name="value"
              defaultValue={plainText(value)}
              inputMode={typeof value === 'number' ? 'decimal' : undefined}
              required
            />
            <button type="submit" className="cs-button" data-variant="primary">
              {messages.saveWithValue}
            </button>
          </div>
        </>
      )}
      {href && (
        <a className="cs-link" href={href} target="_blank" rel="noopener noreferrer">
          {messages.openExisting}
        </a>
      )}
    </form>
  )
}
