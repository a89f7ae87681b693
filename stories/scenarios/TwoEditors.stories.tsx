import type { Meta, StoryObj } from '@storybook/react-vite'
import type { ReactNode } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { ConflictDialog } from '../../src/dialog/index'
import {
  type DemoBackend,
  demoBackendHandler,
  demoBackendLoader,
  demoBackendOf,
} from '../support/demo-backend'
import { EditingVersion, SaveStatus } from '../support/FormParts'
import { Person } from '../support/Person'
import { etagOf, loadedPanel, openedDialog, renderedLogRows, replaceText, writeLines } from '../support/play'
import { Scenario } from '../support/Scenario'
import { useDemoRecord } from '../support/useDemoRecord'

/** The record both people edit. */
interface Report {
  readonly id: string
  readonly title: string
  readonly summary: string
  readonly due: string
}

const labels = { title: 'Title', summary: 'Summary', due: 'Due date' }

function ReportForm({ backend }: { readonly backend: DemoBackend }): ReactNode {
  const { doc, save } = useDemoRecord<Report>({ backend, resource: 'reports', id: '1' })
  if (doc.isError) return <p role="alert">Could not load the report: {doc.error?.message}</p>
  if (doc.isPending || save.draft === undefined) return <p>Loading…</p>
  const draft = save.draft
  const edit = (change: Partial<Report>) =>
    save.setDraft((previous) => ({ ...(previous ?? draft), ...change }))
  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          save.mutate()
        }}
      >
        {(['title', 'summary', 'due'] as const).map((field) => (
          <label key={field}>
            {labels[field]}
            <input value={draft[field]} onChange={(event) => edit({ [field]: event.target.value })} />
          </label>
        ))}
        <div className="demo-actions">
          <button {...save.getSubmitButtonProps()}>Save</button>
        </div>
        <SaveStatus save={save} />
        <EditingVersion save={save} />
      </form>
      <ConflictDialog conflict={save.conflict} labels={labels} />
    </>
  )
}

/**
 * Two people edit one record side by side, each in their own "browser" (their own QueryClient and draft
 * store). Both loaded the same version; whoever saves second is refused (412) and merged instead of failing.
 */
const meta = {
  title: 'Scenarios/Two editors',
  loaders: [
    demoBackendLoader({
      resources: { reports: { requirePrecondition: true } },
      seed: {
        reports: [{ id: '1', title: 'Quarterly report', summary: 'Revenue grew.', due: '2026-03-31' }],
      },
    }),
  ],
  parameters: { msw: { handlers: [demoBackendHandler] } },
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="Two editors, one record"
        description="Ada and Bob opened the same report. Change different fields and save both: the second save is refused (412) and merged automatically. Change the same field: the dialog asks the second person to decide."
        backend={backend}
        record={{ resource: 'reports', id: '1' }}
      >
        <Person name="Ada">
          <ReportForm backend={backend} />
        </Person>
        <Person name="Bob">
          <ReportForm backend={backend} />
        </Person>
      </Scenario>
    )
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Different fields: Bob's save is conditioned on the version he loaded, refused with 412, merged with Ada's change and saved. */
export const CleanAutoMerge: Story = {
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const loadedETag = etagOf(backend, 'reports', '1')
    const ada = await loadedPanel(canvasElement, 'Ada')
    const bob = await loadedPanel(canvasElement, 'Bob')

    await replaceText(ada.getByRole('textbox', { name: 'Title' }), 'Q1 report')
    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))
    const adaETag = etagOf(backend, 'reports', '1')

    await replaceText(bob.getByRole('textbox', { name: 'Due date' }), '2026-04-15')
    await userEvent.click(bob.getByRole('button', { name: 'Save' }))
    await waitFor(() =>
      expect(bob.getByRole('status', { name: 'Save status' })).toHaveTextContent(
        'Saved, merged with 1 change made elsewhere.',
      ),
    )

    // The protocol: Ada's write on the loaded version; Bob's on the same (refused), then on Ada's.
    await expect(writeLines(backend)).toEqual([
      `PUT /reports/1 If-Match ${loadedETag} → 200`,
      `PUT /reports/1 If-Match ${loadedETag} → 412 stale`,
      `PUT /reports/1 If-Match ${adaETag} → 200`,
    ])
    // No extra GET: the 412 carried the current record.
    await expect(backend.log.entries.filter((entry) => entry.method === 'GET')).toHaveLength(2)
    await expect(renderedLogRows(canvasElement).some((row) => row.includes('412 stale'))).toBe(true)
    // Bob sees Ada's title; the server holds both changes.
    await expect(bob.getByRole('textbox', { name: 'Title' })).toHaveValue('Q1 report')
    await expect(backend.server.inspect('reports', '1')?.data).toMatchObject({
      title: 'Q1 report',
      due: '2026-04-15',
    })
    await expect(bob.getByLabelText('Editing version')).toHaveTextContent(etagOf(backend, 'reports', '1'))
  },
}

/** The same field: Bob's save opens the dialog (saved by Ada); he writes a combined summary and saves it on Ada's version. */
export const TrueConflictResolvedInDialog: Story = {
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const loadedETag = etagOf(backend, 'reports', '1')
    const ada = await loadedPanel(canvasElement, 'Ada')
    const bob = await loadedPanel(canvasElement, 'Bob')

    await replaceText(ada.getByRole('textbox', { name: 'Summary' }), 'Revenue grew 8%.')
    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))
    const adaETag = etagOf(backend, 'reports', '1')

    await replaceText(bob.getByRole('textbox', { name: 'Summary' }), 'Revenue grew in every region.')
    await replaceText(bob.getByRole('textbox', { name: 'Title' }), 'Quarterly report (draft)')
    await userEvent.click(bob.getByRole('button', { name: 'Save' }))

    const dialog = await openedDialog(canvasElement, 'Someone else saved this record while you were editing')
    await expect(dialog.getByText(/Saved by Ada/)).toBeVisible()
    await expect(bob.getByRole('status', { name: 'Save status' })).toHaveTextContent(
      'Your save needs a decision.',
    )
    // Only the summary needs a decision; Bob's title change is not in question.
    const summary = within(dialog.getByRole('region', { name: 'Summary' }))
    await userEvent.click(summary.getByRole('radio', { name: 'Edit' }))
    await replaceText(
      summary.getByRole('textbox', { name: 'New value of Summary' }),
      'Revenue grew 8%, in every region.',
    )
    await userEvent.click(dialog.getByRole('button', { name: 'Save merged' }))

    await waitFor(() => expect(bob.getByRole('status', { name: 'Save status' })).toHaveTextContent(/^Saved/))
    await waitFor(() => expect(within(canvasElement).queryByRole('dialog')).toBeNull())
    await expect(writeLines(backend)).toEqual([
      `PUT /reports/1 If-Match ${loadedETag} → 200`,
      `PUT /reports/1 If-Match ${loadedETag} → 412 stale`,
      `PUT /reports/1 If-Match ${adaETag} → 200`,
    ])
    await expect(backend.server.inspect('reports', '1')?.data).toMatchObject({
      title: 'Quarterly report (draft)',
      summary: 'Revenue grew 8%, in every region.',
    })
    await expect(bob.getByRole('textbox', { name: 'Summary' })).toHaveValue(
      'Revenue grew 8%, in every region.',
    )
  },
}
