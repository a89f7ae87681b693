import type { Meta, StoryObj } from '@storybook/react-vite'
import { focusManager } from '@tanstack/react-query'
import { expect, userEvent, waitFor } from 'storybook/test'
import { demoBackendHandler, demoBackendLoader, demoBackendOf } from '../support/demo-backend'
import { Person } from '../support/Person'
import { etagOf, loadedPanel, replaceText, writeLines } from '../support/play'
import { RecordForm } from '../support/RecordForm'
import { Scenario } from '../support/Scenario'

const fields = { title: 'Title', summary: 'Summary' }

/** What the browser does when the person comes back to the tab: TanStack Query refetches on focus. */
function comeBackToTab(): void {
  focusManager.setFocused(false)
  focusManager.setFocused(true)
}

/**
 * A form left open while the cache moves on. Ada's form loaded version 1; Grace saves version 2; Ada's
 * tab refetches on focus and her cache now holds version 2 — but her form stays pinned to what she loaded,
 * says the record changed elsewhere, and her save is still conditioned on version 1.
 */
const meta = {
  title: 'Scenarios/Background refetch',
  loaders: [
    demoBackendLoader({
      resources: { reports: {} },
      seed: { reports: [{ id: '1', title: 'Budget 2026', summary: 'Draft numbers.' }] },
    }),
  ],
  parameters: { msw: { handlers: [demoBackendHandler] } },
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="A form left open across a background refetch"
        description="Edit Ada's title, let Grace save a new summary, then come back to Ada's tab: her query refetches (see the GET), the form keeps editing the version it loaded and says the record changed. Save: If-Match is the loaded version, the server refuses it, and the change is merged."
        backend={backend}
        record={{ resource: 'reports', id: '1' }}
      >
        <Person name="Ada">
          <RecordForm
            backend={backend}
            resource="reports"
            id="1"
            fields={fields}
            query={{ refetchOnWindowFocus: true }}
            extra={() => (
              <button type="button" onClick={comeBackToTab}>
                Come back to this tab
              </button>
            )}
          />
        </Person>
        <Person name="Grace">
          <RecordForm backend={backend} resource="reports" id="1" fields={fields} />
        </Person>
      </Scenario>
    )
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** The refetch brings version 2 into Ada's cache; her save still sends If-Match of version 1, is refused, merged and saved. */
export const SaveStaysOnLoadedVersion: Story = {
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const v1 = etagOf(backend, 'reports', '1')
    const ada = await loadedPanel(canvasElement, 'Ada')
    const grace = await loadedPanel(canvasElement, 'Grace')

    await replaceText(ada.getByRole('textbox', { name: 'Title' }), 'Budget 2026 (v2)')
    await replaceText(grace.getByRole('textbox', { name: 'Summary' }), 'Numbers agreed with finance.')
    await userEvent.click(grace.getByRole('button', { name: 'Save' }))
    await waitFor(() =>
      expect(grace.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'),
    )
    const v2 = etagOf(backend, 'reports', '1')

    const reads = backend.log.entries.filter((entry) => entry.method === 'GET').length
    await userEvent.click(ada.getByRole('button', { name: 'Come back to this tab' }))
    // A background refetch brought version 2 into the cache…
    await waitFor(() =>
      expect(
        backend.log.entries.filter((entry) => entry.method === 'GET' && entry.etag === v2).length,
      ).toBeGreaterThan(0),
    )
    await expect(backend.log.entries.filter((entry) => entry.method === 'GET').length).toBeGreaterThan(reads)
    // …but Ada's form is still pinned to version 1, keeps her edit, and says the record changed.
    await waitFor(() => expect(ada.getByRole('status', { name: 'Changed elsewhere' })).toBeVisible())
    await expect(ada.getByRole('status', { name: 'Changed elsewhere' })).toHaveTextContent(
      'Your changes merge cleanly with theirs.',
    )
    await expect(ada.getByLabelText('Editing version')).toHaveTextContent(v1)
    await expect(ada.getByRole('textbox', { name: 'Title' })).toHaveValue('Budget 2026 (v2)')
    await expect(ada.getByRole('textbox', { name: 'Summary' })).toHaveValue('Draft numbers.')

    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(() =>
      expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent(
        'Saved, merged with 1 change made elsewhere.',
      ),
    )
    await expect(writeLines(backend)).toEqual([
      `PUT /reports/1 If-Match ${v1} → 200`,
      `PUT /reports/1 If-Match ${v1} → 412 stale`,
      `PUT /reports/1 If-Match ${v2} → 200`,
    ])
    await expect(backend.server.inspect('reports', '1')?.data).toMatchObject({
      title: 'Budget 2026 (v2)',
      summary: 'Numbers agreed with finance.',
    })
    await expect(ada.getByRole('textbox', { name: 'Summary' })).toHaveValue('Numbers agreed with finance.')
  },
}
