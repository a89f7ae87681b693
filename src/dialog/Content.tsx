import {
  type ComponentPropsWithoutRef,
  type KeyboardEvent,
  type ReactNode,
  useLayoutEffect,
  useRef,
} from 'react'
import { useConflictDialog } from './context.js'

/** Props of `ConflictDialog.Content`: those of a `<dialog>` element. */
export type ConflictDialogContentProps = ComponentPropsWithoutRef<'dialog'>

/**
 * The first (or with `last`, the last) element inside `root` that matches `selector` and that Tab can
 * reach. Scans from that end only, so a dialog with hundreds of fields is not laid out element by element.
 */
export function tabbable(
  root: HTMLElement,
  last?: boolean,
  selector = 'a[href],button,input,select,textarea,summary,[tabindex]',
): HTMLElement | undefined {
  const candidates = [...root.querySelectorAll<HTMLElement>(selector)]
  return (last ? candidates.reverse() : candidates).find(
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
    if (!dialog) return undefined
    const opener = document.activeElement as HTMLElement | null
    // The previous opening's cleanup closed it. jsdom has no showModal/close: the open attribute shows it there.
    if (dialog.showModal) dialog.showModal()
    else dialog.setAttribute('open', '')
    ;(
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      tabbable(dialog, false, 'input') ??
      tabbable(dialog) ??
      dialog
    ).focus()
    return () => {
      dialog.close?.()
      opener?.focus()
    }
  }, [open, conflict])

  return (
    open && (
      <dialog
        className="cs-dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        data-state="open"
        data-kind={conflict.kind}
        tabIndex={-1}
        {...props}
        ref={ref}
        // Tab from the last control wraps to the first, Shift+Tab from the first to the last.
        onKeyDown={(event: KeyboardEvent<HTMLDialogElement>) => {
          onKeyDown?.(event)
          if (event.key !== 'Tab' || event.defaultPrevented) return
          const dialog = event.currentTarget
          const edge = tabbable(dialog, !event.shiftKey)
          if (!edge || document.activeElement === edge) {
            event.preventDefault()
            tabbable(dialog, event.shiftKey)?.focus()
          }
        }}
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
  )
}
