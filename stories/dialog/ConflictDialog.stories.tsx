import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import '../../src/dialog/styles.css'
import {
  deletedConflict,
  duplicateConflict,
  inProgressConflict,
  largeMergeConflict,
  mergeConflict,
  preconditionConflict,
  stateConflict,
} from '../../src/dialog/fixtures'
import { ConflictDemo } from './ConflictDemo'

const labels = {
  title: 'Title',
  body: 'Body',
  price: 'Price (EUR)',
  dueDate: 'Due date',
  tags: 'Tags',
  lines: 'Order lines',
}

const handlers = () => ({
  resolve: fn(),
  cancel: fn(),
  retry: fn(),
  reload: fn(),
  restore: fn(),
  acceptDeletion: fn(),
})

const meta = {
  title: 'Dialog/ConflictDialog',
  component: ConflictDemo,
  parameters: { layout: 'fullscreen' },
  args: { conflict: mergeConflict(), labels },
} satisfies Meta<typeof ConflictDemo>

export default meta
type Story = StoryObj<typeof meta>

/** The dialog that opened, found by its role. */
async function openDialog(canvasElement: HTMLElement) {
  const element = await within(canvasElement).findByRole('dialog')
  // Let the opening animation (a fade) finish, so visibility checks see the settled dialog.
  await Promise.all(element.getAnimations().map((animation) => animation.finished))
  return within(element)
}

const spies = handlers()

/** A merge conflict: plain-words header, a row per conflicting field, the live region, Save merged disabled. */
export const Merge: Story = {
  args: { conflict: mergeConflict(spies) },
  play: async ({ canvasElement }) => {
    const dialog = await openDialog(canvasElement)
    await expect(
      within(canvasElement).getByRole('dialog', {
        name: 'Someone else saved this record while you were editing',
      }),
    ).toHaveAttribute('aria-modal', 'true')
    await expect(
      dialog.getByText('2 changes merged automatically. 6 fields need your decision.'),
    ).toBeVisible()
    await expect(dialog.getByText(/Saved by Grace Hopper on/)).toBeVisible()
    await expect(dialog.getByText('6 decisions left.')).toHaveAttribute('role', 'status')
    await expect(dialog.getByRole('heading', { name: 'Title' })).toBeVisible()
    await expect(dialog.getByRole('heading', { name: 'Order lines' })).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Save merged' })).toHaveAttribute('aria-disabled', 'true')
    await expect(dialog.getAllByRole('radio', { name: 'Keep mine' })).toHaveLength(6)
  },
}

/** Every conflict decided: Save merged calls `conflict.resolve` with the choices and the dialog closes. */
export const MergeAllDecided: Story = {
  args: { conflict: mergeConflict(spies) },
  play: async ({ canvasElement }) => {
    spies.resolve.mockClear()
    const dialog = await openDialog(canvasElement)
    for (const group of dialog.getAllByRole('group', {
      name: /^(Choose a version of|Or for the whole of)/,
    })) {
      await userEvent.click(within(group).getByRole('radio', { name: 'Take theirs' }))
    }
    await expect(dialog.getByText('Every conflict has a choice. Ready to save.')).toBeVisible()
    await userEvent.click(dialog.getByRole('button', { name: 'Save merged' }))
    await expect(spies.resolve).toHaveBeenCalledWith({
      title: 'theirs',
      body: 'theirs',
      price: 'theirs',
      dueDate: 'theirs',
      'tags[1]': 'theirs',
      'lines[id=2]': 'theirs',
    })
    await waitFor(() => expect(within(canvasElement).queryByRole('dialog')).toBeNull())
  },
}

/** Base on demand: per field, and for every field at once. */
export const BaseShown: Story = {
  args: { conflict: mergeConflict() },
  play: async ({ canvasElement }) => {
    const dialog = await openDialog(canvasElement)
    await expect(dialog.queryByText('Base')).toBeNull()
    await userEvent.click(dialog.getByRole('button', { name: 'Show base for all' }))
    await expect(dialog.getByRole('button', { name: 'Hide base for all' })).toHaveAttribute(
      'aria-expanded',
      'true',
    )
    await expect(dialog.getAllByText('Base').length).toBeGreaterThan(3)
    const title = dialog.getByRole('region', { name: 'Title' })
    await expect(title.querySelector('[data-side=base]')).toHaveTextContent('BaseQuarterly report')
    await userEvent.click(within(title).getByRole('button', { name: 'Hide base' }))
    await expect(title.querySelector('[data-side=base]')).toBeNull()
    await expect(
      dialog.getByRole('region', { name: 'Price (EUR)' }).querySelector('[data-side=base]'),
    ).toHaveTextContent('120')
  },
}

/** Edit: an editor prefilled with the current choice; typing decides the field. */
export const Editing: Story = {
  args: { conflict: mergeConflict() },
  play: async ({ canvasElement }) => {
    const dialog = await openDialog(canvasElement)
    const title = within(dialog.getByRole('region', { name: 'Title' }))
    await userEvent.click(title.getByRole('radio', { name: 'Take theirs' }))
    await userEvent.click(title.getByRole('radio', { name: 'Edit' }))
    const box = title.getByRole('textbox', { name: 'New value of Title' })
    await expect(box).toHaveValue('Q3 quarterly report')
    await userEvent.type(box, ' (final)')
    await expect(box).toHaveValue('Q3 quarterly report (final)')
    await expect(dialog.getByRole('region', { name: 'Title' })).toHaveAttribute('data-choice', 'edit')
  },
}

/** A text field: word-level highlighting against base, and a choice per change including "Both". */
export const TextHunks: Story = {
  args: { conflict: mergeConflict() },
  play: async ({ canvasElement }) => {
    const dialog = await openDialog(canvasElement)
    const body = within(dialog.getByRole('region', { name: 'Body' }))
    await expect(body.getByText('strongly', { selector: 'ins' })).toBeVisible()
    await expect(body.getByText('by 12%', { selector: 'ins' })).toBeVisible()
    const first = within(body.getByRole('group', { name: 'Change 1 of 2' }))
    await userEvent.click(first.getByRole('radio', { name: 'Both' }))
    await expect(body.getByRole('group', { name: 'Change 1 of 2' })).toHaveAttribute('data-choice', 'both')
    await expect(dialog.getByRole('region', { name: 'Body' })).toHaveAttribute('data-state', 'undecided')
  },
}

/** Array items: one row and one choice per item (an item they deleted and I edited). */
export const ArrayItems: Story = {
  args: { conflict: mergeConflict() },
  play: async ({ canvasElement }) => {
    const dialog = await openDialog(canvasElement)
    const lines = within(dialog.getByRole('region', { name: 'Order lines' }))
    const gadget = within(lines.getByRole('region', { name: 'Gadget' }))
    await expect(gadget.getByText('(deleted)')).toBeVisible()
    await userEvent.click(gadget.getByRole('radio', { name: 'Keep mine' }))
    await expect(lines.getByRole('region', { name: 'Gadget' })).toHaveAttribute('data-state', 'decided')
  },
}

/** The collapsed summary of what merged automatically. */
export const AutoMergedSummary: Story = {
  args: { conflict: mergeConflict() },
  play: async ({ canvasElement }) => {
    const dialog = await openDialog(canvasElement)
    await expect(dialog.getByText('Munich')).not.toBeVisible()
    await userEvent.click(dialog.getByText('2 changes merged automatically'))
    await expect(dialog.getByText('Munich')).toBeVisible()
    await expect(dialog.getByText('Address › City')).toBeVisible()
  },
}

/** The dark theme. */
export const Dark: Story = {
  args: { conflict: mergeConflict(), colorScheme: 'dark' },
  play: async ({ canvasElement }) => {
    const element = await within(canvasElement).findByRole('dialog')
    await expect(getComputedStyle(element).colorScheme).toBe('dark')
    await expect(getComputedStyle(element).backgroundColor).toBe('rgb(21, 27, 35)')
  },
}

/** A duplicate: change the value and save again, or open the existing record. */
export const Duplicate: Story = {
  args: { conflict: duplicateConflict(spies) },
  play: async ({ canvasElement }) => {
    spies.retry.mockClear()
    const dialog = await openDialog(canvasElement)
    await expect(dialog.getByRole('heading', { name: "'acme' is already taken" })).toBeVisible()
    await expect(dialog.getByRole('link', { name: 'Open the existing record (new tab)' })).toHaveAttribute(
      'href',
      'https://example.test/companies/acme',
    )
    const box = dialog.getByRole('textbox', { name: 'New value for Slug' })
    await userEvent.clear(box)
    await userEvent.type(box, 'acme-gmbh')
    await userEvent.click(dialog.getByRole('button', { name: 'Save with this value' }))
    await expect(spies.retry).toHaveBeenCalledWith({ name: 'Acme Corporation', slug: 'acme-gmbh' })
  },
}

/** A state rule: the server's message as text, and Reload. */
export const StateRule: Story = {
  args: { conflict: stateConflict(spies) },
  play: async ({ canvasElement }) => {
    spies.reload.mockClear()
    const dialog = await openDialog(canvasElement)
    await expect(dialog.getByText('A paid invoice cannot be edited. Ask finance to reopen it.')).toBeVisible()
    await userEvent.click(dialog.getByRole('button', { name: 'Reload' }))
    await expect(spies.reload).toHaveBeenCalledTimes(1)
  },
}

/** Server text is shown as text, never as HTML. */
export const ServerTextIsText: Story = {
  args: { conflict: stateConflict({}, '<img src=x onerror="window.__pwned=1"><b>bold</b>') },
  play: async ({ canvasElement }) => {
    const dialog = await openDialog(canvasElement)
    await expect(dialog.getByText('<img src=x onerror="window.__pwned=1"><b>bold</b>')).toBeVisible()
    await expect(canvasElement.querySelector('dialog img, dialog b')).toBeNull()
  },
}

/** Deleted while editing: restore with my changes, or accept the deletion. */
export const Deleted: Story = {
  args: { conflict: deletedConflict(spies) },
  play: async ({ canvasElement }) => {
    spies.restore.mockClear()
    const dialog = await openDialog(canvasElement)
    await expect(
      dialog.getByRole('heading', { name: 'This record was deleted while you were editing' }),
    ).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Accept the deletion' })).toBeVisible()
    await userEvent.click(dialog.getByRole('button', { name: 'Restore with my changes' }))
    await expect(spies.restore).toHaveBeenCalledTimes(1)
  },
}

/** The same save is still running: wait and retry. */
export const InProgress: Story = {
  args: { conflict: inProgressConflict(spies) },
  play: async ({ canvasElement }) => {
    spies.retry.mockClear()
    const dialog = await openDialog(canvasElement)
    await expect(dialog.getByText(/Wait 5 seconds, then retry/)).toBeVisible()
    await userEvent.click(dialog.getByRole('button', { name: 'Retry' }))
    await expect(spies.retry).toHaveBeenCalledWith()
  },
}

/** 428 in a development build: the developer error with the server's explanation. */
export const PreconditionInDevelopment: Story = {
  args: { conflict: preconditionConflict(), development: true },
  play: async ({ canvasElement }) => {
    const dialog = await openDialog(canvasElement)
    await expect(dialog.getByRole('heading', { name: /Developer error/ })).toBeVisible()
    await expect(dialog.getByText(/send If-Match with the ETag/)).toBeVisible()
  },
}

/** 428 in a production build: no developer details, the draft is kept. */
export const PreconditionInProduction: Story = {
  args: { conflict: preconditionConflict(), development: false },
  play: async ({ canvasElement }) => {
    const dialog = await openDialog(canvasElement)
    await expect(dialog.getByRole('heading', { name: 'This change could not be saved' })).toBeVisible()
    await expect(dialog.queryByText(/If-Match/)).toBeNull()
  },
}

/** Every message can be translated. */
export const Translated: Story = {
  args: {
    conflict: mergeConflict(),
    messages: {
      mergeTitle: 'Jemand anderes hat diesen Datensatz gespeichert, während Sie ihn bearbeitet haben',
      keepMine: 'Meine behalten',
      takeTheirs: 'Ihre übernehmen',
      edit: 'Bearbeiten',
      saveMerged: 'Zusammengeführt speichern',
      cancel: 'Abbrechen',
      remaining: (n: number) => (n ? `Noch ${n} Entscheidungen.` : 'Alles entschieden.'),
    },
  },
  play: async ({ canvasElement }) => {
    const dialog = await openDialog(canvasElement)
    await expect(dialog.getByRole('heading', { name: /Jemand anderes/ })).toBeVisible()
    await expect(dialog.getByText('Noch 6 Entscheidungen.')).toBeVisible()
    await expect(dialog.getAllByRole('radio', { name: 'Meine behalten' })).toHaveLength(6)
  },
}

/** A large conflict: 200 conflicting fields, one of them a 10,000-line text with unchanged runs shortened. */
export const Large: Story = {
  args: { conflict: largeMergeConflict(), labels: {} },
  play: async ({ canvasElement }) => {
    const dialog = await openDialog(canvasElement)
    await expect(dialog.getAllByRole('region')).toHaveLength(200)
    await expect(dialog.getByText('200 decisions left.')).toBeVisible()
    const document = within(dialog.getByRole('region', { name: 'Document' }))
    // Unchanged runs of 2,500 lines keep two lines of context next to each change.
    await expect(document.getAllByText('… 2,498 unchanged lines …')).toHaveLength(2)
    await expect(document.getAllByText('… 2,496 unchanged lines …')).toHaveLength(2)
    await expect(document.getAllByRole('group', { name: /^Change \d of 3$/ })).toHaveLength(3)
  },
}
