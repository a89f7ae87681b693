/**
 * ConflictDialog speed in Chromium: a merge conflict with 200 conflicting fields, one of them a
 * 10,000-line text field with three conflicting changes.
 *
 * - open: from `render` to a laid-out modal dialog (React render + commit + showModal + focus + a forced
 *   layout), and to the second animation frame after it (painted).
 * - keystroke: a real key press at the end of the 10,000-line edit box, from the keydown's timestamp to
 *   a laid-out page after the input was handled (the decision store update, the re-rendered row, the
 *   live region), and to the next animation frame.
 *
 * Peers, measured in the same run: a plain `<dialog>` rendered by React with the same 200 rows as bare
 * text (label, mine, theirs; the long field's conflicting changes), and a plain `<textarea>` holding the
 * same 10,000 lines without React. The library runs React's development build here (Vitest serves it). Medians of repeated runs; nothing timing-related is asserted.
 */
import { type ReactNode, useLayoutEffect, useRef } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { MergeSaveConflict } from '../src/core/conflict'
import { ConflictDialog } from '../src/dialog/index'
import { largeMergeConflict } from '../src/dialog/fixtures'
import '../src/dialog/styles.css'

const OPEN_RUNS = 15
const KEYSTROKES = 60

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!
const frames = (count: number) =>
  new Promise<void>((done) => {
    const next = (left: number) => (left ? requestAnimationFrame(() => next(left - 1)) : done())
    next(count)
  })
const microtasks = () => new Promise<void>((done) => queueMicrotask(done))

/** The peer: a plain modal `<dialog>` with the same rows as bare text. */
function PlainDialog({
  conflict,
}: {
  readonly conflict: MergeSaveConflict<Record<string, string>>
}): ReactNode {
  const ref = useRef<HTMLDialogElement>(null)
  useLayoutEffect(() => {
    ref.current?.showModal()
  }, [])
  return (
    <dialog ref={ref} aria-label="Plain">
      {conflict.conflicts.map((item) => (
        <div key={item.id}>
          <h3>{item.id}</h3>
          {item.kind === 'text' ? (
            item.hunks.map((hunk, index) =>
              hunk.kind === 'conflict' ? (
                <div key={index}>
                  <p>{hunk.mine}</p>
                  <p>{hunk.theirs}</p>
                </div>
              ) : null,
            )
          ) : (
            <>
              <p>{String(item.mine)}</p>
              <p>{String(item.theirs)}</p>
            </>
          )}
        </div>
      ))}
    </dialog>
  )
}

/** Mounts `element`, returning the time to a laid-out dialog, the time to paint, and an unmount function. */
async function timeOpen(element: ReactNode) {
  const container = document.body.appendChild(document.createElement('div'))
  const root = createRoot(container)
  const start = performance.now()
  flushSync(() => root.render(element))
  document.querySelector('dialog')!.getBoundingClientRect()
  void document.body.offsetHeight
  const laidOut = performance.now() - start
  await frames(2)
  const painted = performance.now() - start
  return {
    laidOut,
    painted,
    close: () => {
      root.unmount()
      container.remove()
    },
  }
}

/**
 * Presses `KEYSTROKES` real keys (Chromium input through the browser protocol) at the end of `box` and
 * times each in the page: from the keydown's timestamp to a laid-out page after the input event was
 * handled (React's update included), and to the next animation frame.
 */
async function timeKeystrokes(box: HTMLTextAreaElement) {
  const handled: number[] = []
  const framed: number[] = []
  const reacted: number[] = []
  let pressed = 0
  let input = 0
  const onKeyDown = (event: KeyboardEvent) => {
    pressed = event.timeStamp
  }
  // Capturing on window: before any page code sees the input event.
  const onInputCapture = () => {
    input = performance.now()
  }
  // Runs after React's listener on its root; React flushes its update in a microtask queued before ours.
  const onInput = () =>
    queueMicrotask(() => {
      void box.closest('dialog')!.getBoundingClientRect()
      void box.offsetHeight
      handled.push(performance.now() - pressed)
      reacted.push(performance.now() - input)
      requestAnimationFrame(() => framed.push(performance.now() - pressed))
    })
  window.addEventListener('keydown', onKeyDown, true)
  window.addEventListener('input', onInput)
  window.addEventListener('input', onInputCapture, true)
  box.focus()
  box.setSelectionRange(box.value.length, box.value.length)
  for (let key = 0; key < KEYSTROKES; key++) {
    await userEvent.keyboard('x')
    await frames(2)
  }
  window.removeEventListener('keydown', onKeyDown, true)
  window.removeEventListener('input', onInput)
  window.removeEventListener('input', onInputCapture, true)
  return { handled, framed, reacted }
}

it('opens a 200-field conflict with a 10,000-line text field, and types in its edit box', async () => {
  const conflict = largeMergeConflict()
  const rows: Record<string, string | number>[] = []

  // Open: alternate dialog and peer so both see the same warm-up and machine load.
  const open = {
    dialog: [] as number[],
    dialogPaint: [] as number[],
    peer: [] as number[],
    peerPaint: [] as number[],
  }
  for (let run = 0; run < OPEN_RUNS + 2; run++) {
    const mine = await timeOpen(<ConflictDialog conflict={conflict} />)
    expect(document.querySelectorAll('.cs-field')).toHaveLength(200)
    mine.close()
    const peer = await timeOpen(<PlainDialog conflict={conflict} />)
    peer.close()
    if (run < 2) continue // warm-up
    open.dialog.push(mine.laidOut)
    open.dialogPaint.push(mine.painted)
    open.peer.push(peer.laidOut)
    open.peerPaint.push(peer.painted)
  }
  rows.push(
    {
      measure: 'open → laid out (ms, median)',
      ConflictDialog: median(open.dialog),
      'plain <dialog>': median(open.peer),
    },
    {
      measure: 'open → laid out (ms, p95)',
      ConflictDialog: p95(open.dialog),
      'plain <dialog>': p95(open.peer),
    },
    {
      measure: 'open → painted (ms, median)',
      ConflictDialog: median(open.dialogPaint),
      'plain <dialog>': median(open.peerPaint),
    },
  )

  // Keystrokes in the 10,000-line edit box.
  const mounted = await timeOpen(<ConflictDialog conflict={conflict} />)
  const field = [...document.querySelectorAll<HTMLElement>('.cs-field')].find(
    (row) => row.dataset.kind === 'text',
  )!
  field.querySelector<HTMLInputElement>('input[value=edit]')!.click()
  await microtasks()
  const box = field.querySelector('textarea')!
  expect(box.value.split('\n').length).toBeGreaterThan(10_000)
  const typed = await timeKeystrokes(box)
  expect(box.value.endsWith('x'.repeat(KEYSTROKES))).toBe(true)
  expect(document.querySelector('.cs-status')!.textContent).toBe('199 decisions left.')
  mounted.close()

  const plainDialog = document.body.appendChild(document.createElement('dialog'))
  const plainBox = plainDialog.appendChild(document.createElement('textarea'))
  plainBox.value = conflict.mine.document!
  plainDialog.showModal()
  const plainTyped = await timeKeystrokes(plainBox)
  plainDialog.remove()

  rows.push(
    {
      measure: 'keystroke → handled, laid out (ms, median)',
      ConflictDialog: median(typed.handled),
      'plain <dialog>': median(plainTyped.handled),
    },
    {
      measure: 'keystroke → handled, laid out (ms, p95)',
      ConflictDialog: p95(typed.handled),
      'plain <dialog>': p95(plainTyped.handled),
    },
    {
      measure: 'input event → handled, laid out (ms, median)',
      ConflictDialog: median(typed.reacted),
      'plain <dialog>': median(plainTyped.reacted),
    },
    {
      measure: 'input event → handled, laid out (ms, p95)',
      ConflictDialog: p95(typed.reacted),
      'plain <dialog>': p95(plainTyped.reacted),
    },
    {
      measure: 'keystroke → next frame (ms, median)',
      ConflictDialog: median(typed.framed),
      'plain <dialog>': median(plainTyped.framed),
    },
  )
  for (const row of rows) {
    row.ratio =
      Number(row['plain <dialog>']) > 0 ? Number(row.ConflictDialog) / Number(row['plain <dialog>']) : '–'
    for (const key of ['ConflictDialog', 'plain <dialog>', 'ratio'].filter(
      (key) => typeof row[key] === 'number',
    ))
      row[key] = Number(Number(row[key]).toFixed(2))
  }
  // console.table does not reach the terminal from the browser: print the table as text.
  const columns = ['measure', 'ConflictDialog', 'plain <dialog>', 'ratio']
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => String(row[column]).length)),
  )
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join(' | ')
  console.log(
    [
      'ConflictDialog: 200 conflicting fields, one with 10,000 lines (Chromium)',
      line(columns),
      line(widths.map((width) => '-'.repeat(width))),
      ...rows.map((row) => line(columns.map((column) => String(row[column])))),
    ].join('\n'),
  )
})
