import type { Meta, StoryObj } from '@storybook/react-vite'
import { type ReactNode, useState } from 'react'
import { expect, fn, userEvent, within } from 'storybook/test'
import type { MergeSaveConflict } from '../../src/core/conflict'
import { ConflictDialog, useConflictResolution } from '../../src/dialog/index'
import { type Article, mergeConflict } from '../../src/dialog/fixtures'
import '../../src/dialog/styles.css'

/**
 * The headless parts composed by an app with its own layout: a compact row per field (label, the two
 * radios, no comparison), its own header text and buttons. The parts keep the behaviour (modal, focus,
 * Escape, decisions, live region) and the `data-*` attributes.
 */
function CustomParts({ conflict }: { readonly conflict: MergeSaveConflict<Article> }): ReactNode {
  const [open, setOpen] = useState(true)
  return (
    <>
      <p>Dialog is {open ? 'open' : 'closed'}.</p>
      <ConflictDialog.Root conflict={conflict} open={open} onOpenChange={setOpen}>
        <ConflictDialog.Content className="cs-dialog custom-dialog">
          <ConflictDialog.Title>Review the other changes</ConflictDialog.Title>
          <ConflictDialog.Description>Pick a version for each field.</ConflictDialog.Description>
          <ConflictDialog.Status />
          {conflict.conflicts.map((item) => (
            <ConflictDialog.Field key={item.id} conflict={item} style={{ padding: '0.25rem 1.25rem' }}>
              <strong>{item.id}</strong>
              <ConflictDialog.Choices>
                <ConflictDialog.Choice value="mine">Mine</ConflictDialog.Choice>
                <ConflictDialog.Choice value="theirs">Theirs</ConflictDialog.Choice>
              </ConflictDialog.Choices>
            </ConflictDialog.Field>
          ))}
          <ConflictDialog.Actions>
            <ConflictDialog.Cancel>Not now</ConflictDialog.Cancel>
            <ConflictDialog.SaveMerged>Apply</ConflictDialog.SaveMerged>
          </ConflictDialog.Actions>
        </ConflictDialog.Content>
      </ConflictDialog.Root>
    </>
  )
}

/**
 * A fully custom UI on `useConflictResolution`: a table with one select per conflict and a live
 * preview of the resolved record.
 */
function CustomHook({ conflict }: { readonly conflict: MergeSaveConflict<Article> }): ReactNode {
  const resolution = useConflictResolution(conflict)
  return (
    <section aria-label="Custom resolution" style={{ fontFamily: 'system-ui, sans-serif' }}>
      <p role="status">{resolution.remaining} left</p>
      {conflict.conflicts.map((item) => (
        <label key={item.id} style={{ display: 'block' }}>
          {item.id}{' '}
          <select
            value={
              typeof resolution.decisions[item.id] === 'string' ? String(resolution.decisions[item.id]) : ''
            }
            onChange={(event) =>
              resolution.choose(item.id, (event.target.value || undefined) as 'mine' | 'theirs' | undefined)
            }
          >
            <option value="">Choose…</option>
            <option value="mine">Mine</option>
            <option value="theirs">Theirs</option>
          </select>
        </label>
      ))}
      <pre aria-label="Resolved">{JSON.stringify(resolution.resolved, null, 2)}</pre>
      <button type="button" disabled={!resolution.isComplete} onClick={resolution.resolve}>
        Save
      </button>
    </section>
  )
}

const meta = {
  title: 'Dialog/Headless',
  parameters: { layout: 'fullscreen' },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const partsSpies = { resolve: fn(), cancel: fn() }

/** The parts composed with an app's own layout and words, controlled open state. */
export const Parts: Story = {
  render: () => <CustomParts conflict={mergeConflict(partsSpies)} />,
  play: async ({ canvasElement }) => {
    partsSpies.resolve.mockClear()
    const canvas = within(canvasElement)
    const dialog = await canvas.findByRole('dialog', { name: 'Review the other changes' })
    await expect(dialog).toHaveAccessibleDescription('Pick a version for each field.')
    const rows = dialog.querySelectorAll('[data-state=undecided]')
    await expect(rows.length).toBeGreaterThanOrEqual(6)
    for (const radio of within(dialog).getAllByRole('radio', { name: 'Theirs' })) await userEvent.click(radio)
    await expect(within(dialog).getByText('Every conflict has a choice. Ready to save.')).toBeVisible()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Apply' }))
    await expect(partsSpies.resolve).toHaveBeenCalledTimes(1)
    await expect(canvas.getByText('Dialog is closed.')).toBeVisible()
  },
}

const hookSpies = { resolve: fn(), cancel: fn() }

/** A custom UI on useConflictResolution, with a live preview of the resolved record. */
export const Hook: Story = {
  render: () => <CustomHook conflict={mergeConflict(hookSpies)} />,
  play: async ({ canvasElement }) => {
    hookSpies.resolve.mockClear()
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('status')).toHaveTextContent('6 left')
    for (const select of canvas.getAllByRole('combobox')) await userEvent.selectOptions(select, 'theirs')
    await expect(canvas.getByRole('status')).toHaveTextContent('0 left')
    const resolved = JSON.parse(canvas.getByLabelText('Resolved').textContent ?? '') as Article
    await expect(resolved.title).toBe('Q3 quarterly report')
    await expect(resolved.lines).toEqual([{ id: 1, name: 'Widget', qty: 2 }])
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }))
    await expect(hookSpies.resolve).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'theirs', body: 'theirs' }),
    )
  },
}
