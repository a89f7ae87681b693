import type { Meta, StoryObj } from '@storybook/react-vite'
import { type ReactNode, useRef, useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { ConflictDialog } from '../../src/dialog/index'
import {
  type DemoBackend,
  demoBackendHandler,
  demoBackendLoader,
  demoBackendOf,
} from '../support/demo-backend'
import { EditingVersion, SaveStatus } from '../support/FormParts'
import { Person, usePerson } from '../support/Person'
import { etagOf, openedDialog, panelOf, replaceText, writeLines } from '../support/play'
import { Scenario } from '../support/Scenario'
import { useDemoRecord } from '../support/useDemoRecord'

interface Item {
  readonly id: string
  readonly title: string
}

interface Checklist {
  readonly id: string
  readonly name: string
  readonly items: readonly Item[]
}

const seedItems: Item[] = [
  { id: 'passport', title: 'Passport' },
  { id: 'tickets', title: 'Tickets' },
  { id: 'charger', title: 'Charger' },
]

/** A checklist editor: rename, reorder, add and remove items. Items carry ids, so the merge matches them by id. */
function ChecklistForm({ backend }: { readonly backend: DemoBackend }): ReactNode {
  const person = usePerson()
  const { doc, save } = useDemoRecord<Checklist>({ backend, resource: 'checklists', id: '1' })
  const [newTitle, setNewTitle] = useState('')
  const added = useRef(0)
  if (doc.isError) return <p role="alert">Could not load the checklist: {doc.error?.message}</p>
  if (save.draft === undefined) return <p>Loading…</p>
  const draft = save.draft
  const setItems = (update: (items: readonly Item[]) => readonly Item[]) =>
    save.setDraft((previous) => {
      const current = previous ?? draft
      return { ...current, items: update(current.items) }
    })
  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          save.mutate()
        }}
      >
        <ol aria-label="Items">
          {draft.items.map((item, index) => (
            <li key={item.id}>
              <input
                aria-label={`Item ${item.id}`}
                value={item.title}
                onChange={(event) =>
                  setItems((items) =>
                    items.map((other) =>
                      other.id === item.id ? { ...other, title: event.target.value } : other,
                    ),
                  )
                }
              />{' '}
              <button
                type="button"
                aria-label={`Move ${item.id} up`}
                disabled={index === 0}
                onClick={() =>
                  setItems((items) => {
                    const next = [...items]
                    const at = next.findIndex((other) => other.id === item.id)
                    if (at > 0) next.splice(at - 1, 2, next[at] as Item, next[at - 1] as Item)
                    return next
                  })
                }
              >
                ↑
              </button>{' '}
              <button
                type="button"
                aria-label={`Remove ${item.id}`}
                onClick={() => setItems((items) => items.filter((other) => other.id !== item.id))}
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
        <label>
          New item
          <input value={newTitle} onChange={(event) => setNewTitle(event.target.value)} />
        </label>
        <div className="demo-actions">
          <button
            type="button"
            disabled={newTitle.trim() === ''}
            onClick={() => {
              added.current += 1
              const id = `${person.name.toLowerCase()}-${added.current}`
              setItems((items) => [...items, { id, title: newTitle.trim() }])
              setNewTitle('')
            }}
          >
            Add item
          </button>
          <button {...save.getSubmitButtonProps()}>Save</button>
        </div>
        <SaveStatus save={save} />
        <EditingVersion save={save} />
      </form>
      <ConflictDialog conflict={save.conflict} labels={{ name: 'Name', items: 'Items' }} />
    </>
  )
}

/**
 * Arrays by id: the items carry ids, so the merge matches them by id (the default for arrays of objects
 * with unique ids) — additions of both are kept, a reorder and edits of different items all survive, and
 * only an item one deleted while the other edited it needs a decision.
 */
const meta = {
  title: 'Scenarios/Arrays by id',
  loaders: [
    demoBackendLoader({
      resources: { checklists: {} },
      seed: {
        checklists: [{ id: '1', name: 'Trip checklist', items: seedItems.map((item) => ({ ...item })) }],
      },
    }),
  ],
  parameters: { msw: { handlers: [demoBackendHandler] } },
  render: (_args, context) => {
    const backend = demoBackendOf(context)
    return (
      <Scenario
        title="Arrays by id"
        description="Ada and Bob edit one checklist: add, reorder, rename and remove items, then save both. Items are matched by id, so different changes merge; an item removed by one and renamed by the other is the only decision."
        backend={backend}
        record={{ resource: 'checklists', id: '1' }}
      >
        <Person name="Ada">
          <ChecklistForm backend={backend} />
        </Person>
        <Person name="Bob">
          <ChecklistForm backend={backend} />
        </Person>
      </Scenario>
    )
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

async function loadedChecklist(canvasElement: HTMLElement, name: string) {
  const panel = panelOf(canvasElement, name)
  await waitFor(() => expect(panel.getByRole('textbox', { name: 'Item passport' })).toHaveValue('Passport'))
  return panel
}

async function addItem(panel: ReturnType<typeof panelOf>, title: string) {
  await userEvent.type(panel.getByRole('textbox', { name: 'New item' }), title)
  await userEvent.click(panel.getByRole('button', { name: 'Add item' }))
}

const titles = (checklist: unknown) => (checklist as Checklist).items.map((item) => item.title)

/** Both add an item; Ada moves the charger to the top and renames the tickets; Bob renames the passport. Everything merges. */
export const BothAddReorderAndEdit: Story = {
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const v1 = etagOf(backend, 'checklists', '1')
    const ada = await loadedChecklist(canvasElement, 'Ada')
    const bob = await loadedChecklist(canvasElement, 'Bob')

    await userEvent.click(ada.getByRole('button', { name: 'Move charger up' }))
    await userEvent.click(ada.getByRole('button', { name: 'Move charger up' }))
    await replaceText(ada.getByRole('textbox', { name: 'Item tickets' }), 'Train tickets')
    await addItem(ada, 'Sunscreen')
    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))
    const v2 = etagOf(backend, 'checklists', '1')

    await replaceText(bob.getByRole('textbox', { name: 'Item passport' }), 'Passport and ID')
    await addItem(bob, 'Umbrella')
    await userEvent.click(bob.getByRole('button', { name: 'Save' }))
    await waitFor(() =>
      expect(bob.getByRole('status', { name: 'Save status' })).toHaveTextContent(/^Saved, merged/),
    )

    await expect(writeLines(backend)).toEqual([
      `PUT /checklists/1 If-Match ${v1} → 200`,
      `PUT /checklists/1 If-Match ${v1} → 412 stale`,
      `PUT /checklists/1 If-Match ${v2} → 200`,
    ])
    const saved = backend.server.inspect('checklists', '1')?.data
    // Ada's order, both renames, both additions.
    await expect(titles(saved).slice(0, 3)).toEqual(['Charger', 'Passport and ID', 'Train tickets'])
    await expect([...titles(saved).slice(3)].sort()).toEqual(['Sunscreen', 'Umbrella'])
    await expect(
      within(bob.getByRole('list', { name: 'Items' }))
        .getAllByRole('textbox')
        .map((box) => (box as HTMLInputElement).value),
    ).toEqual(titles(saved))
  },
}

/** Ada removes the charger, Bob renames it: the dialog asks about that one item; Bob keeps his version, and Ada's other edit merges. */
export const DeleteVersusEdit: Story = {
  play: async ({ canvasElement, loaded }) => {
    const backend = demoBackendOf({ loaded })
    const ada = await loadedChecklist(canvasElement, 'Ada')
    const bob = await loadedChecklist(canvasElement, 'Bob')

    await userEvent.click(ada.getByRole('button', { name: 'Remove charger' }))
    await replaceText(ada.getByRole('textbox', { name: 'Item tickets' }), 'Train tickets')
    await userEvent.click(ada.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(ada.getByRole('status', { name: 'Save status' })).toHaveTextContent('Saved.'))
    const v2 = etagOf(backend, 'checklists', '1')

    await replaceText(bob.getByRole('textbox', { name: 'Item charger' }), 'Phone charger')
    await userEvent.click(bob.getByRole('button', { name: 'Save' }))

    const dialog = await openedDialog(canvasElement, 'Someone else saved this record while you were editing')
    const item = within(dialog.getByRole('region', { name: 'Phone charger' }))
    await expect(item.getByText('Phone charger', { selector: 'ins' })).toBeVisible()
    await userEvent.click(item.getByRole('radio', { name: 'Keep mine' }))
    await userEvent.click(dialog.getByRole('button', { name: 'Save merged' }))
    await waitFor(() => expect(bob.getByRole('status', { name: 'Save status' })).toHaveTextContent(/^Saved/))

    await expect(writeLines(backend).slice(-1)).toEqual([`PUT /checklists/1 If-Match ${v2} → 200`])
    const saved = backend.server.inspect('checklists', '1')?.data
    await expect(titles(saved)).toEqual(['Passport', 'Train tickets', 'Phone charger'])
  },
}
