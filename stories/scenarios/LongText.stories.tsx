import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { demoBackendHandler, demoBackendLoader, demoBackendOf } from '../support/demo-backend'
import { Person } from '../support/Person'
import { etagOf, loadedPanel, openedDialog, replaceText, writeLines } from '../support/play'
import { RecordForm } from '../support/RecordForm'
import { Scenario } from '../support/Scenario'

const paragraphs = [
  'The committee met on Monday to review the proposal.',
  'Attendance was low because of the storm.',
  'The budget remains unchanged for the next quarter.',
  'The next meeting is on Thursday afternoon.',
]
const text = (lines: readonly string[]) => `${lines.join('\n\n')}\n`
const fields = { title: 'Title', body: 'Minutes' }

/**
 * Long text edited by both: the minutes merge as text (`merge: { text: ['body'] }`), line by line and
 * then word by word, so edits to different words of one paragraph both stay. Where both changed the same
 * words, the dialog shows each conflicting change (hunk) with a choice of its own.
 */
const meta = {
  title: 'Scenarios/Long text',
  loaders: [
    demoBackendLoader({
      resources: { minutes: {} },
      seed: { minutes: [{ id: '1', title: 'Committee minutes', body: text(paragraphs) }] },
    }),
  ],
  parameters: { msw: { handlers: [demoBackendHandler] } },
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    const form = (
      <RecordForm
        backend={backend}
        resource="minutes"
        id="1"
        fields={fields}
        multiline={['body']}
        merge={{ text: ['body'] }}
      />
    )
    return (
      <Scenario
        title="A long text edited by both"
        description="Ada and Bob edit the minutes. Different words of one paragraph merge word by word; the same words edited differently become hunks you decide one by one in the dialog."
        backend={backend}
        record={{ resource: 'minutes', id: '1' }}
      >
        <Person name="Ada">{form}</Person>
        <Person name="Bob">{form}</Person>
      </Scenario>
    )
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Different words of the same paragraph: Bob's save is refused, the text merges word by word, both edits stay. */
export const WordLevelMerge: Story = {
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const v1 = etagOf(backend, 'minutes', '1')
    const ada = await loadedPanel(canvasElement, 'Ada')
    const bob = await loadedPanel(canvasElement, 'Bob')

    const adaText = text(['The committee met on Tuesday to review the proposal.', ...paragraphs.slice(1)])
    await replaceText(ada.getByRole('textbox', { name: 'Minutes' }), adaText, 'paste')
    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))
    const v2 = etagOf(backend, 'minutes', '1')

    const bobText = text([
      'The committee met on Monday to review the revised proposal.',
      ...paragraphs.slice(1, 3),
      'The next meeting is on Thursday afternoon, in room 4.',
    ])
    await replaceText(bob.getByRole('textbox', { name: 'Minutes' }), bobText, 'paste')
    await userEvent.click(bob.getByRole('button', { name: 'Save' }))
    await waitFor(() =>
      expect(bob.getByRole('status', { name: 'Save status' })).toHaveTextContent(/^Saved, merged/),
    )

    const merged = text([
      'The committee met on Tuesday to review the revised proposal.',
      ...paragraphs.slice(1, 3),
      'The next meeting is on Thursday afternoon, in room 4.',
    ])
    await expect(writeLines(backend)).toEqual([
      `PUT /minutes/1 If-Match ${v1} → 200`,
      `PUT /minutes/1 If-Match ${v1} → 412 stale`,
      `PUT /minutes/1 If-Match ${v2} → 200`,
    ])
    await expect(backend.server.inspect('minutes', '1')?.data['body']).toBe(merged)
    await expect(bob.getByRole('textbox', { name: 'Minutes' })).toHaveValue(merged)
  },
}

/** The same words changed by both in two paragraphs: two hunks, decided one by one (keep mine, take theirs). */
export const ConflictingParagraphPerHunk: Story = {
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const ada = await loadedPanel(canvasElement, 'Ada')
    const bob = await loadedPanel(canvasElement, 'Bob')

    const adaText = text([
      'The committee met on Tuesday to review the proposal.',
      'Attendance was modest because of the storm.',
      paragraphs[2] as string,
      'The next meeting is on Friday afternoon.',
    ])
    await replaceText(ada.getByRole('textbox', { name: 'Minutes' }), adaText, 'paste')
    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))
    const v2 = etagOf(backend, 'minutes', '1')

    const bobText = text([
      'The committee met on Monday to review the revised proposal.',
      'Attendance was poor because of the storm.',
      paragraphs[2] as string,
      'The next meeting is on Wednesday afternoon.',
    ])
    await replaceText(bob.getByRole('textbox', { name: 'Minutes' }), bobText, 'paste')
    await userEvent.click(bob.getByRole('button', { name: 'Save' }))

    const dialog = await openedDialog(canvasElement, 'Someone else saved this record while you were editing')
    const minutes = within(dialog.getByRole('region', { name: 'Minutes' }))
    // Word-level highlighting of what each side changed against base.
    await expect(minutes.getAllByText('modest', { selector: 'ins' }).length).toBeGreaterThan(0)
    await expect(minutes.getAllByText('poor', { selector: 'ins' }).length).toBeGreaterThan(0)
    const first = within(minutes.getByRole('group', { name: 'Change 1 of 2' }))
    const second = within(minutes.getByRole('group', { name: 'Change 2 of 2' }))
    await userEvent.click(first.getByRole('radio', { name: 'Mine' }))
    await userEvent.click(second.getByRole('radio', { name: 'Theirs' }))
    await userEvent.click(dialog.getByRole('button', { name: 'Save merged' }))
    await waitFor(() => expect(bob.getByRole('status', { name: 'Save status' })).toHaveTextContent(/^Saved/))

    const resolved = text([
      'The committee met on Tuesday to review the revised proposal.',
      'Attendance was poor because of the storm.',
      paragraphs[2] as string,
      'The next meeting is on Friday afternoon.',
    ])
    await expect(writeLines(backend).slice(-1)).toEqual([`PUT /minutes/1 If-Match ${v2} → 200`])
    await expect(backend.server.inspect('minutes', '1')?.data['body']).toBe(resolved)
    await expect(bob.getByRole('textbox', { name: 'Minutes' })).toHaveValue(resolved)
  },
}
