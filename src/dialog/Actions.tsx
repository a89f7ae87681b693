import { type ComponentPropsWithoutRef, type ReactNode, useEffect, useRef, useState } from 'react'
import type { SaveConflict } from '../core/conflict'
import { type ConflictDialogContextValue, useConflictDialog, useRemaining } from './context'
import { toChoices } from './decisions'
import { toEditText } from './format'
import type { ConflictMessages } from './messages'

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

/**
 * Saves the merged record: `conflict.resolve(choices)`, then closes. `aria-disabled` until every conflict
 * has a choice; pressed before that, it moves the focus to the first undecided field. Merge conflicts only.
 */
export function SaveMerged({ children, onClick, ...props }: ButtonProps): ReactNode {
  const { conflict, store, messages, settle } = useConflictDialog()
  const remaining = useRemaining()
  if (conflict.kind !== 'merge') return null
  return (
    <button
      type="button"
      className="cs-button"
      data-variant="primary"
      aria-disabled={remaining > 0}
      onClick={(event) => {
        onClick?.(event)
        if (event.defaultPrevented) return
        if (remaining)
          event.currentTarget
            .closest('dialog')
            ?.querySelector<HTMLElement>('[data-state=undecided] input')
            ?.focus()
        else settle(() => conflict.resolve(toChoices(conflict.conflicts, store.get())))
      }}
      {...props}
    >
      {children ?? messages.saveMerged}
    </button>
  )
}

/**
 * Copies mine (the person's draft) to the clipboard, as text or JSON, and says so in a live region. When
 * the clipboard refuses, shows the text selected in a read-only box to copy by hand.
 */
export function CopyMine({ children, ...props }: ButtonProps): ReactNode {
  const { conflict, messages } = useConflictDialog()
  const [state, setState] = useState<'copied' | 'failed'>()
  const box = useRef<HTMLTextAreaElement>(null)
  const text = toEditText(conflict.mine)
  useEffect(() => {
    box.current?.select()
    box.current?.focus()
  }, [state])
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
              () => setState('failed'),
            )
        }
        {...props}
      >
        {children ?? messages.copyMine}
      </button>
      <span className="cs-copy-status" role="status">
        {state && (state === 'copied' ? messages.copied : messages.copyFailed)}
      </span>
      {state === 'failed' && (
        <textarea className="cs-copy-text" ref={box} readOnly value={text} aria-label={messages.copyMine} />
      )}
    </>
  )
}

type Kind = SaveConflict['kind']

/** A button for conflicts of one kind (or every kind) that runs `act`; renders nothing for the other kinds. */
function actionButton<TKind extends Kind>(
  kind: TKind | undefined,
  label: (messages: ConflictMessages) => string,
  act: (dialog: ConflictDialogContextValue, conflict: Extract<SaveConflict, { kind: TKind }>) => void,
  variant?: 'primary',
) {
  return function ActionButton({ children, ...props }: ButtonProps): ReactNode {
    const dialog = useConflictDialog()
    const { conflict } = dialog
    if (kind && conflict.kind !== kind) return null
    return (
      <button
        type="button"
        className="cs-button"
        data-variant={variant}
        onClick={() => act(dialog, conflict as Extract<SaveConflict, { kind: TKind }>)}
        {...props}
      >
        {children ?? label(dialog.messages)}
      </button>
    )
  }
}

/** Closes the dialog and calls `conflict.cancel()`: the draft is kept. Same as Escape. */
export const Cancel = actionButton(
  undefined,
  (m) => m.cancel,
  (dialog) => dialog.cancel(),
)
/** Loads the record again (`conflict.reload()`, the draft is kept). State conflicts only. */
export const Reload = actionButton(
  'state',
  (m) => m.reload,
  (d, c) => d.settle(() => c.reload()),
  'primary',
)
/** Accepts the deletion and discards the draft (`conflict.acceptDeletion()`). Deleted conflicts only. */
export const AcceptDeletion = actionButton(
  'deleted',
  (m) => m.acceptDeletion,
  (d, c) => d.settle(() => c.acceptDeletion()),
)
/** Creates the record again with the person's changes (`conflict.restore()`). Deleted conflicts only. */
export const Restore = actionButton(
  'deleted',
  (m) => m.restore,
  (d, c) => d.settle(() => c.restore()),
  'primary',
)
/** Sends the same save again (`conflict.retry()`). In-progress conflicts only. */
export const Retry = actionButton(
  'in-progress',
  (m) => m.retry,
  (d, c) => d.settle(() => c.retry()),
  'primary',
)
