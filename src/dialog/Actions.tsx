import { type ComponentPropsWithoutRef, type ReactNode, useState } from 'react'
import type { SaveConflict } from '../core/conflict.js'
import { useConflictDialog, useRemaining } from './context.js'
import { toChoices } from './decisions.js'
import { toEditText } from './format.js'

type ButtonProps = ComponentPropsWithoutRef<'button'>

/**
 * The dialog's buttons. Default children by kind: Copy my version and Cancel always; Save merged
 * (merge), Reload (state), Accept the deletion and Restore (deleted), Retry (in-progress).
 */
export function Actions({ children, ...props }: ComponentPropsWithoutRef<'div'>): ReactNode {
  return (
    <div className="cs-actions" {...props}>
      {children ?? (
        <>
          <CopyMine />
          <Cancel />
          <SaveMerged />
          <Reload />
          <AcceptDeletion />
          <Restore />
          <Retry />
        </>
      )}
    </div>
  )
}

/** What an action button calls on the conflict (also the key of its label in the messages). */
type Method = 'cancel' | 'reload' | 'acceptDeletion' | 'restore' | 'retry'

/**
 * One button for the actions of every kind: shown for conflicts of `kind` (every kind when empty), labelled
 * `messages[name]`; pressing it calls `onClick`, then (unless prevented) closes the dialog and calls
 * `conflict[name]()` once. Save merged (`name` `saveMerged`) resolves with the choices instead.
 */
function action(kind: '' | SaveConflict['kind'], name: Method | 'saveMerged', primary?: 1) {
  return function Action({ children, onClick, ...props }: ButtonProps): ReactNode {
    const { conflict, store, messages, settle } = useConflictDialog()
    const remaining = useRemaining()
    if (kind && conflict.kind !== kind) return null
    return (
      <button
        type="button"
        className="cs-button"
        data-variant={primary && 'primary'}
        aria-disabled={name === 'saveMerged' ? remaining > 0 : undefined}
        onClick={(event) => {
          onClick?.(event)
          if (event.defaultPrevented) return
          if (conflict.kind !== 'merge' || name !== 'saveMerged')
            settle(() => (conflict as unknown as Record<Method, () => void>)[name as Method]())
          // Pressed too early, it shows what is missing: the first undecided choice.
          else if (remaining)
            event.currentTarget
              .closest('dialog')
              ?.querySelector<HTMLElement>('[data-state=undecided] input')
              ?.focus()
          else settle(() => conflict.resolve(toChoices(conflict.conflicts, store.get())))
        }}
        {...props}
      >
        {children ?? messages[name]}
      </button>
    )
  }
}

/**
 * Saves the merged record: `conflict.resolve(choices)`, then closes. `aria-disabled` until every conflict
 * has a choice; pressed before that, it moves the focus to the first undecided field. Merge conflicts only.
 */
export const SaveMerged = /* @__PURE__ */ action('merge', 'saveMerged', 1)
/** Closes the dialog and calls `conflict.cancel()`: the draft is kept. Same as Escape. */
export const Cancel = /* @__PURE__ */ action('', 'cancel')
/** Loads the record again (`conflict.reload()`, the draft is kept). State conflicts only. */
export const Reload = /* @__PURE__ */ action('state', 'reload', 1)
/** Accepts the deletion and discards the draft (`conflict.acceptDeletion()`). Deleted conflicts only. */
export const AcceptDeletion = /* @__PURE__ */ action('deleted', 'acceptDeletion')
/** Creates the record again with the person's changes (`conflict.restore()`). Deleted conflicts only. */
export const Restore = /* @__PURE__ */ action('deleted', 'restore', 1)
/** Sends the same save again (`conflict.retry()`). In-progress conflicts only. */
export const Retry = /* @__PURE__ */ action('in-progress', 'retry', 1)

/**
 * Copies mine (the person's draft) to the clipboard, as text or JSON, and says so in a live region. When
 * the clipboard refuses, shows the text selected in a read-only box to copy by hand.
 */
export function CopyMine({ children, ...props }: ButtonProps): ReactNode {
  const { conflict, messages } = useConflictDialog()
  const [state, setState] = useState<'copied' | 'copyFailed'>()
  const text = toEditText(conflict.mine)
  return (
    <>
      <button
        type="button"
        className="cs-button"
        data-variant="quiet"
        onClick={() =>
          Promise.resolve()
            .then(() => navigator.clipboard.writeText(text))
            .then(
              () => setState('copied'),
              () => setState('copyFailed'),
            )
        }
        {...props}
      >
        {children ?? messages.copyMine}
      </button>
      <span className="cs-copy-status" role="status">
        {state && messages[state]}
      </span>
      {state === 'copyFailed' && (
        <textarea
          className="cs-copy-text"
          readOnly
          value={text}
          aria-label={messages.copyMine}
          // Shown selected, to copy by hand.
          autoFocus
          onFocus={(event) => event.target.select()}
        />
      )}
    </>
  )
}
