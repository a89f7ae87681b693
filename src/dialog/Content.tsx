import { type ComponentPropsWithoutRef, type KeyboardEvent, type ReactNode, useLayoutEffect, useRef } from 'react'
import { useConflictDialog } from './context'

/** Props of `ConflictDialog.Content`: those of a `<dialog>` element. */
export type ConflictDialogContentProps = ComponentPropsWithoutRef<'dialog'>

const TABBABLE = 'a[href],button,input,select,textarea,summary,[tabindex]'

/** The elements Tab can reach inside `root`, in document order. */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (element) =>
      element.tabIndex >= 0 &&
      !(element as HTMLButtonElement).disabled &&
      !element.closest('[hidden],[inert]') &&
      element.getClientRects().length > 0,
  )
}

/**
 * The modal dialog (`<dialog>` shown with `showModal()`: the page behind is inert): labelled by the
 * Title, described by the Description, focus moved in (to `[data-autofocus]`, else the first
 * input, which is the first decision, else the first control),
 * kept in with Tab and returned to the opener on close; Escape cancels. Renders nothing while closed.
 */
export function Content({ children, onKeyDown, ...props }: ConflictDialogContentProps): ReactNode {
  const { open, cancel, titleId, descriptionId, conflict } = useConflictDialog()
  const ref = useRef<HTMLDialogElement>(null)

  useLayoutEffect(() => {
    const dialog = ref.current
    if (!open || !dialog) return undefined
    const opener = document.activeElement as HTMLElement | null
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal()
      else dialog.setAttribute('open', '')
    }
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      tabbables(dialog).find((element) => element.tagName === 'INPUT') ??
      tabbables(dialog)[0] ??
      dialog
    first.focus()
    return () => {
      if (dialog.open && typeof dialog.close === 'function') dialog.close()
      opener?.focus()
    }
  }, [open, conflict])

  if (!open) return null
  const keepFocusInside = (event: KeyboardEvent<HTMLDialogElement>) => {
    onKeyDown?.(event)
    if (event.key !== 'Tab' || event.defaultPrevented) return
    const inside = tabbables(event.currentTarget)
    const edge = event.shiftKey ? inside[0] : inside[inside.length - 1]
    if (!edge || document.activeElement === edge) {
      event.preventDefault()
      ;(event.shiftKey ? inside[inside.length - 1] : inside[0])?.focus()
    }
  }
  return (
    <dialog
      className="cs-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      data-state="open"
      data-kind={conflict.kind}
      tabIndex={-1}
      {...props}
      ref={ref}
      onKeyDown={keepFocusInside}
      // Escape (and any other close request) cancels; `close` also covers browsers that skip `cancel`
      // (a close that a new conflict already reopened is not one).
      onCancel={(event) => {
        event.preventDefault()
        cancel()
      }}
      onClose={(event) => event.currentTarget.open || cancel()}
    >
      {children}
    </dialog>
  )
}
