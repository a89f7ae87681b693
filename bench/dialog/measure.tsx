/**
 * The ConflictDialog benchmark itself, shared by the two harnesses that run it in Chromium:
 *
 * - `bench/dialog.browser.bench.tsx`: Vitest browser mode, which serves React's DEVELOPMENT build;
 * - `bench/dialog.production.bench.ts`: a production Vite build of `bench/dialog/production/`
 *   (React's PRODUCTION build), served from 127.0.0.1 and driven by playwright-core.
 *
 * The conflict: 200 conflicting fields, one of them a 10,000-line text field with three conflicting changes.
 *
 * - open: from `render` to a laid-out modal dialog (React render + commit + showModal + focus + a forced
 *   layout), and to the second animation frame after it (painted).
 * - keystroke: a real key press (Chromium input through the browser protocol, supplied by the harness
 *   as `press`) at the end of the 10,000-line edit box, from the keydown's timestamp to a laid-out page
 *   after the input was handled (the decision store update, the re-rendered row, the live region), and
 *   to the next animation frame. "input event → handled" is the part of it from the input event
 *   (captured on window, before any page code sees it) to the same laid-out page: the page's own work.
 *   The "split" rows cut the keystroke where the page can see it (see `timeKeystrokes`), to tell the
 *   browser's own textarea work from ours.
 *
 * Peers, measured in the same run: a plain `<dialog>` rendered by React with the same 200 rows as bare
 * text (label, mine, theirs; the long field's conflicting changes), and a plain `<textarea>` holding the
 * same 10,000 lines without React, in a plain modal `<dialog>`. Opens alternate dialog and peer, so both
 * see the same warm-up and machine load. Median and p95 (nearest rank) of every sample after the warm-up;
 * nothing timing-related is asserted.
 */
import React, { type ReactNode, useLayoutEffect, useRef } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import type { MergeSaveConflict } from '../../src/core/conflict'
import { ConflictDialog } from '../../src/dialog/index'
import { largeMergeConflict } from '../../src/dialog/fixtures'
import '../../src/dialog/styles.css'

/** Timed opens of each (dialog and peer), after `OPEN_WARMUP` untimed ones. */
export const OPEN_RUNS = 60
export const OPEN_WARMUP = 3
/** Timed keystrokes in each edit box, after `KEY_WARMUP` untimed ones. */
export const KEYSTROKES = 120
export const KEY_WARMUP = 5

export type Row = Record<string, string | number>
export type Build = 'development' | 'production'

/** Which React build is running, found from what each package does, not from how it was configured. */
export interface ReactBuild {
  readonly version: string
  /** `react`: its development build exports `act` and `captureOwnerStack`; the production build does not. */
  readonly react: Build
  /** The JSX runtime the components were compiled against: only development elements carry `_store`. */
  readonly jsxRuntime: Build
  /** `react-dom`: only its development build warns (console.error) about a list child without a key. */
  readonly reactDom: Build
}

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b)
export const median = (values: readonly number[]) => sorted(values)[Math.floor(values.length / 2)]!
/** The nearest-rank 95th percentile: with 60 samples the 57th smallest, with 120 the 114th. */
export const p95 = (values: readonly number[]) =>
  sorted(values)[Math.max(0, Math.ceil(values.length * 0.95) - 1)]!

const frames = (count: number) =>
  new Promise<void>((done) => {
    const next = (left: number) => (left ? requestAnimationFrame(() => next(left - 1)) : done())
    next(count)
  })
const microtasks = () => new Promise<void>((done) => queueMicrotask(done))
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`dialog bench: ${message}`)
}

/** Probes the running React build (see `ReactBuild`). */
export function detectReactBuild(): ReactBuild {
  const exports = React as unknown as Record<string, unknown>
  const react: Build =
    typeof exports.act === 'function' || typeof exports.captureOwnerStack === 'function'
      ? 'development'
      : 'production'
  const element = <i />
  const jsxRuntime: Build = '_store' in element ? 'development' : 'production'
  const errors: unknown[][] = []
  const consoleError = console.error
  console.error = (...args: unknown[]) => errors.push(args)
  const container = document.createElement('div')
  const root = createRoot(container)
  try {
    // Deliberately without keys: the development build of react-dom warns about it.
    flushSync(() =>
      root.render(
        <ul>
          {[1, 2].map((item) => (
            <li>{item}</li>
          ))}
        </ul>,
      ),
    )
    root.unmount()
  } finally {
    console.error = consoleError
  }
  const warned = errors.some((args) => args.some((arg) => String(arg).includes('unique "key" prop')))
  return { version: React.version, react, jsxRuntime, reactDom: warned ? 'development' : 'production' }
}

/** The single build name when all three packages agree, else each. */
export function describeBuild(build: ReactBuild): string {
  const { react, jsxRuntime, reactDom } = build
  return react === jsxRuntime && react === reactDom
    ? `React ${build.version} ${react.toUpperCase()} build`
    : `React ${build.version} MIXED build (react ${react}, jsx runtime ${jsxRuntime}, react-dom ${reactDom})`
}

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
 * Presses `KEY_WARMUP + KEYSTROKES` real keys (through `press`) at the end of `box` and times each
 * in the page: from the keydown's timestamp to a laid-out page after the input event was handled
 * (React's update included), and to the next animation frame. Drops the warm-up keys.
 *
 * The keystroke is also split where the page can see it: the keydown's timestamp → our keydown
 * listener (`delivered`: the browser routing the key to the page), → the input event (`edited`: the
 * browser inserting the letter into the textarea, React's keydown/beforeinput listeners included),
 * → the end of the input event's handling (`script`: React's handler, update and commit), → a laid-out
 * page (`layout`: the forced layout).
 */
async function timeKeystrokes(box: HTMLTextAreaElement, press: () => Promise<void>) {
  const times = {
    handled: [] as number[],
    framed: [] as number[],
    reacted: [] as number[],
    toInput: [] as number[],
    delivered: [] as number[],
    edited: [] as number[],
    script: [] as number[],
    layout: [] as number[],
  }
  let pressed = 0
  let keydown = 0
  let input = 0
  const onKeyDown = (event: KeyboardEvent) => {
    keydown = performance.now()
    pressed = event.timeStamp
  }
  // Capturing on window: before any page code sees the input event.
  const onInputCapture = () => {
    input = performance.now()
  }
  // Runs after React's listener on its root; React flushes its update in a microtask queued before ours.
  const onInput = () =>
    queueMicrotask(() => {
      const updated = performance.now()
      void box.closest('dialog')!.getBoundingClientRect()
      void box.offsetHeight
      const now = performance.now()
      times.handled.push(now - pressed)
      times.reacted.push(now - input)
      times.toInput.push(input - pressed)
      times.delivered.push(keydown - pressed)
      times.edited.push(input - keydown)
      times.script.push(updated - input)
      times.layout.push(now - updated)
      requestAnimationFrame(() => times.framed.push(performance.now() - pressed))
    })
  window.addEventListener('keydown', onKeyDown, true)
  window.addEventListener('input', onInput)
  window.addEventListener('input', onInputCapture, true)
  box.focus()
  box.setSelectionRange(box.value.length, box.value.length)
  for (let key = 0; key < KEY_WARMUP + KEYSTROKES; key++) {
    await press()
    await frames(2)
  }
  window.removeEventListener('keydown', onKeyDown, true)
  window.removeEventListener('input', onInput)
  window.removeEventListener('input', onInputCapture, true)
  check(
    times.handled.length === KEY_WARMUP + KEYSTROKES,
    `${times.handled.length} input events for ${KEY_WARMUP + KEYSTROKES} keys`,
  )
  for (const values of Object.values(times)) values.splice(0, KEY_WARMUP)
  return times
}

export interface DialogBenchResult {
  readonly rows: Row[]
  readonly viewport: string
  /** The browser and its version, from the user agent ("HeadlessChrome/…"). */
  readonly browser: string
  readonly samples: string
}

/** Runs the benchmark in this page, pressing keys with `press` (one letter "x" per call). */
export async function runDialogBench(press: () => Promise<void>): Promise<DialogBenchResult> {
  const conflict = largeMergeConflict()
  const rows: Row[] = []
  const pair = (measure: string, mine: number, peer: number): Row => ({
    measure,
    ConflictDialog: mine,
    peer,
  })

  const open = {
    dialog: [] as number[],
    dialogPaint: [] as number[],
    peer: [] as number[],
    peerPaint: [] as number[],
  }
  for (let run = 0; run < OPEN_WARMUP + OPEN_RUNS; run++) {
    const mine = await timeOpen(<ConflictDialog conflict={conflict} />)
    const fields = document.querySelectorAll('.cs-field').length
    mine.close()
    check(fields === 200, `${fields} fields rendered, expected 200`)
    const peer = await timeOpen(<PlainDialog conflict={conflict} />)
    peer.close()
    if (run < OPEN_WARMUP) continue
    open.dialog.push(mine.laidOut)
    open.dialogPaint.push(mine.painted)
    open.peer.push(peer.laidOut)
    open.peerPaint.push(peer.painted)
  }
  rows.push(
    pair('open → laid out (ms, median)', median(open.dialog), median(open.peer)),
    pair('open → laid out (ms, p95)', p95(open.dialog), p95(open.peer)),
    pair('open → painted (ms, median)', median(open.dialogPaint), median(open.peerPaint)),
    pair('open → painted (ms, p95)', p95(open.dialogPaint), p95(open.peerPaint)),
  )

  // Keystrokes in the 10,000-line edit box.
  const mounted = await timeOpen(<ConflictDialog conflict={conflict} />)
  const field = [...document.querySelectorAll<HTMLElement>('.cs-field')].find(
    (row) => row.dataset.kind === 'text',
  )
  check(field !== undefined, 'no text field row')
  const edit = field.querySelector<HTMLInputElement>('input[value=edit]')
  check(edit !== null, 'no "edit" choice in the text field row')
  edit.click()
  await microtasks()
  const box = field.querySelector('textarea')
  check(box !== null, 'no edit box after choosing "edit"')
  check(box.value.split('\n').length > 10_000, 'the edit box does not hold the 10,000 lines')
  const typed = await timeKeystrokes(box, press)
  check(box.value.endsWith('x'.repeat(KEY_WARMUP + KEYSTROKES)), 'not every key reached the edit box')
  const status = document.querySelector('.cs-status')?.textContent
  check(status === '199 decisions left.', `status "${status}", expected "199 decisions left."`)
  mounted.close()

  const plainDialog = document.body.appendChild(document.createElement('dialog'))
  const plainBox = plainDialog.appendChild(document.createElement('textarea'))
  plainBox.value = conflict.mine.document!
  plainDialog.showModal()
  const plainTyped = await timeKeystrokes(plainBox, press)
  check(plainBox.value.endsWith('x'.repeat(KEY_WARMUP + KEYSTROKES)), 'not every key reached the plain box')
  plainDialog.remove()

  rows.push(
    pair('keystroke → handled, laid out (ms, median)', median(typed.handled), median(plainTyped.handled)),
    pair('keystroke → handled, laid out (ms, p95)', p95(typed.handled), p95(plainTyped.handled)),
    pair('input event → handled, laid out (ms, median)', median(typed.reacted), median(plainTyped.reacted)),
    pair('input event → handled, laid out (ms, p95)', p95(typed.reacted), p95(plainTyped.reacted)),
    pair('keystroke → next frame (ms, median)', median(typed.framed), median(plainTyped.framed)),
    pair('keystroke → next frame (ms, p95)', p95(typed.framed), p95(plainTyped.framed)),
    pair(
      'split: key timestamp → keydown listener (ms, median)',
      median(typed.delivered),
      median(plainTyped.delivered),
    ),
    pair(
      'split: keydown → input event, browser edit (ms, median)',
      median(typed.edited),
      median(plainTyped.edited),
    ),
    pair('split: keydown → input event, browser edit (ms, p95)', p95(typed.edited), p95(plainTyped.edited)),
    pair(
      'split: input event → handled, script (ms, median)',
      median(typed.script),
      median(plainTyped.script),
    ),
    pair('split: handled → laid out, layout (ms, median)', median(typed.layout), median(plainTyped.layout)),
  )
  return {
    rows,
    viewport: `${innerWidth}×${innerHeight}`,
    browser: /(?:Headless)?Chrom(?:e|ium)\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? navigator.userAgent,
    samples: `${OPEN_RUNS} opens each after ${OPEN_WARMUP} warm-up, ${KEYSTROKES} keystrokes each after ${KEY_WARMUP} warm-up`,
  }
}

/**
 * The table as text (console.table does not reach the terminal from the browser), with the ratio
 * ConflictDialog / peer. The peer column is a plain `<dialog>` for opens, a plain `<textarea>` for keys.
 */
export function formatTable(title: string, rows: readonly Row[]): string {
  const columns = ['measure', 'ConflictDialog', 'peer', 'ratio']
  const cells = rows.map((row) => {
    const mine = Number(row.ConflictDialog)
    const peer = Number(row.peer)
    return {
      measure: String(row.measure),
      ConflictDialog: mine.toFixed(2),
      peer: peer.toFixed(2),
      ratio: peer > 0 ? (mine / peer).toFixed(2) : '–',
    } as Record<string, string>
  })
  const widths = columns.map((column) => Math.max(column.length, ...cells.map((row) => row[column]!.length)))
  const line = (values: string[]) =>
    values
      .map((value, index) => (index ? value.padStart(widths[index]!) : value.padEnd(widths[index]!)))
      .join(' | ')
  return [
    title,
    'peer: a plain <dialog> rendered by React with the same rows (open); a plain <textarea> with the same 10,000 lines, no React (keys).',
    'Times from performance.now(), which Chromium coarsens to 0.1 ms here (no cross-origin isolation).',
    line(columns),
    line(widths.map((width) => '-'.repeat(width))),
    ...cells.map((row) => line(columns.map((column) => row[column]!))),
  ].join('\n')
}
