import type { Meta, StoryObj } from '@storybook/react-vite'
import { type ReactNode, useState } from 'react'
import { expect, userEvent, waitFor } from 'storybook/test'
import { BROADCAST_CHANNEL_NAME, hashKey } from '../../src/core/save/index'
import type { RecordSavedMessage } from '../../src/core/save/index'
import {
  type DemoBackend,
  demoBackendHandler,
  demoBackendLoader,
  demoBackendOf,
} from '../support/demo-backend'
import { Person } from '../support/Person'
import { etagOf, loadedPanel, panelOf, replaceText, writeLines } from '../support/play'
import { RecordForm } from '../support/RecordForm'
import { Scenario } from '../support/Scenario'
import { demoQueryKey } from '../support/useDemoRecord'

const fields = { title: 'Title', summary: 'Summary' }

/**
 * Ada's other tab. A real second tab runs its own copy of the library, which announces every save on the
 * `conflict-safe` BroadcastChannel. In one page the library's channel never hears itself, so this panel
 * plays that other tab by hand: it saves with fetch (If-Match on the version it read) and posts the same
 * message the library posts, on its own channel object.
 */
function OtherTab({ backend }: { readonly backend: DemoBackend }): ReactNode {
  const [title, setTitle] = useState('Roadmap Q3 (agreed)')
  const [status, setStatus] = useState('')
  const url = backend.url('/plans/1')
  const saveInOtherTab = async () => {
    const read = await fetch(url, { headers: { 'X-User': 'Ada (other tab)' } })
    const etag = read.headers.get('ETag') ?? ''
    const record = (await read.json()) as Record<string, unknown>
    const written = await fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'If-Match': etag, 'X-User': 'Ada (other tab)' },
      body: JSON.stringify({ ...record, title }),
    })
    const version = written.headers.get('ETag')
    const message: RecordSavedMessage = {
      type: 'saved',
      key: hashKey(demoQueryKey(backend, 'plans', '1')),
      ...(version !== null && { version: { etag: version } }),
    }
    const channel = new BroadcastChannel(BROADCAST_CHANNEL_NAME)
    channel.postMessage(message)
    channel.close()
    setStatus(
      written.ok
        ? 'Saved in the other tab and announced.'
        : `The other tab's save answered ${written.status}.`,
    )
  }
  return (
    <section className="demo-person" aria-label="Other tab">
      <h3>Ada, in another tab</h3>
      <label>
        Title
        <input value={title} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <div className="demo-actions">
        <button type="button" onClick={() => void saveInOtherTab()}>
          Save in the other tab
        </button>
      </div>
      <p className="demo-status" role="status" aria-label="Other tab status">
        {status}
      </p>
    </section>
  )
}

/**
 * A remote-change notice before saving: when another tab saves the record, it says so over
 * BroadcastChannel; this form refetches, keeps its pin, and shows "changed elsewhere" with a preview of the
 * merge. Taking the change now moves the draft onto the new version, so the save needs no 412 round.
 */
const meta = {
  title: 'Scenarios/Remote change notice',
  loaders: [
    demoBackendLoader({
      resources: { plans: {} },
      seed: { plans: [{ id: '1', title: 'Roadmap Q3', summary: 'Ship search.' }] },
    }),
  ],
  parameters: { msw: { handlers: [demoBackendHandler] } },
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="A remote change from another tab"
        description="Edit the summary, then save a new title in the other tab: this form hears about it (BroadcastChannel), refetches, and says the record changed — before you save. Take their changes now, then save: one write, on the new version."
        backend={backend}
        record={{ resource: 'plans', id: '1' }}
      >
        <Person name="Ada">
          <RecordForm backend={backend} resource="plans" id="1" fields={fields} />
        </Person>
        <OtherTab backend={backend} />
      </Scenario>
    )
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** The other tab saves; the notice appears before Ada saves; she takes the change and saves once, on the new version. */
export const NoticeBeforeSaving: Story = {
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const v1 = etagOf(backend, 'plans', '1')
    const ada = await loadedPanel(canvasElement, 'Ada')
    await replaceText(ada.getByRole('textbox', { name: 'Summary' }), 'Ship search and filters.')

    const otherTab = panelOf(canvasElement, 'Other tab')
    await userEvent.click(otherTab.getByRole('button', { name: 'Save in the other tab' }))
    await waitFor(() =>
      expect(otherTab.getByRole('status', { name: 'Other tab status' })).toHaveTextContent(
        'Saved in the other tab and announced.',
      ),
    )
    const v2 = etagOf(backend, 'plans', '1')

    // The form heard it, refetched (a GET answered with the new ETag), and says so before any save.
    await waitFor(() => expect(ada.getByRole('status', { name: 'Changed elsewhere' })).toBeVisible())
    await expect(ada.getByRole('status', { name: 'Changed elsewhere' })).toHaveTextContent(
      'Your changes merge cleanly with theirs.',
    )
    await expect(
      backend.log.entries.some(
        (entry) => entry.method === 'GET' && entry.user === 'Ada' && entry.etag === v2,
      ),
    ).toBe(true)
    await expect(ada.getByLabelText('Editing version')).toHaveTextContent(v1)

    await userEvent.click(ada.getByRole('button', { name: 'Take their changes now' }))
    await expect(ada.getByRole('textbox', { name: 'Title' })).toHaveValue('Roadmap Q3 (agreed)')
    await expect(ada.getByRole('textbox', { name: 'Summary' })).toHaveValue('Ship search and filters.')
    await expect(ada.getByLabelText('Editing version')).toHaveTextContent(v2)
    await expect(ada.queryByRole('status', { name: 'Changed elsewhere' })).toBeNull()

    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))
    await expect(writeLines(backend)).toEqual([
      `PUT /plans/1 If-Match ${v1} → 200`,
      `PUT /plans/1 If-Match ${v2} → 200`,
    ])
    await expect(backend.log.writes[1]?.user).toBe('Ada')
    await expect(backend.server.inspect('plans', '1')?.data).toMatchObject({
      title: 'Roadmap Q3 (agreed)',
      summary: 'Ship search and filters.',
    })
  },
}
