/**
 * Helpers for the scenario stories' play functions: find a person's panel, wait for their form, replace a
 * field's text as a person would, and read the request log.
 */
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { DemoBackend } from './demo-backend'
import type { RequestLogEntry } from './request-log'
import { isWrite } from './request-log'

/** Queries scoped to one person's panel (`<Person name>` is a region named after them). */
export function panelOf(canvasElement: HTMLElement, name: string) {
  return within(within(canvasElement).getByRole('region', { name }))
}

/** Waits until a panel's form is loaded (its field `label` shows a value) and returns the panel. */
export async function loadedPanel(canvasElement: HTMLElement, name: string, label = 'Title') {
  const panel = panelOf(canvasElement, name)
  await waitFor(() => expect(panel.getByRole('textbox', { name: label })).not.toHaveValue(''))
  return panel
}

/** Replaces the text of a text box as a person would: select all, then type (or paste, for long text). */
export async function replaceText(
  box: HTMLElement,
  text: string,
  how: 'type' | 'paste' = 'type',
): Promise<void> {
  await userEvent.clear(box)
  if (text === '') return
  if (how === 'paste') {
    await userEvent.click(box)
    await userEvent.paste(text)
  } else {
    await userEvent.type(box, text)
  }
}

/** A log entry as one line: `PUT /notes/1 If-Match "…" → 412 stale`. */
export function describeEntry(entry: RequestLogEntry): string {
  const parts = [entry.method, entry.path]
  if (entry.ifMatch !== undefined) parts.push(`If-Match ${entry.ifMatch}`)
  if (entry.idempotencyKey !== undefined) parts.push('Idempotency-Key')
  const status = entry.status === 'network error' ? 'network error' : String(entry.status)
  const notes = [entry.problem, entry.replayed ? 'replayed' : undefined].filter((note) => note !== undefined)
  return `${parts.join(' ')} → ${[status, ...notes].join(' ')}`
}

/** The writes in the log, one line each (`describeEntry`). */
export function writeLines(backend: DemoBackend): string[] {
  return backend.log.entries.filter(isWrite).map(describeEntry)
}

/** The rendered request log's rows, as the person sees them (cell texts joined by ' | '). */
export function renderedLogRows(canvasElement: HTMLElement): string[] {
  const region = within(canvasElement).getByRole('region', { name: 'Request log' })
  return [...region.querySelectorAll('tbody tr')].map((row) =>
    [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '').join(' | '),
  )
}

/** The ETag the server holds now for a record. */
export function etagOf(backend: DemoBackend, resource: string, id: string): string {
  const stored = backend.server.inspect(resource, id)
  if (stored === undefined) throw new Error(`${resource}/${id} is not on the server`)
  return stored.etag
}

/** The conflict dialog once it is open and its opening animation has finished. */
export async function openedDialog(canvasElement: HTMLElement, name?: string | RegExp) {
  const element = await within(canvasElement).findByRole('dialog', name === undefined ? {} : { name }, {
    timeout: 5000,
  })
  await Promise.all(element.getAnimations().map((animation) => animation.finished))
  return within(element)
}
