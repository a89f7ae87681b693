import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { MergePlayground } from './MergePlayground'

const meta = {
  title: 'Merge/Merge playground',
  component: MergePlayground,
  parameters: { layout: 'padded' },
} satisfies Meta<typeof MergePlayground>

export default meta
type Story = StoryObj<typeof meta>

const paragraph = 'The quick brown fox jumps over the lazy dog.\nIt was a sunny day.\n'

/** Quoted JSON for the editors. */
const json = (value: unknown) => JSON.stringify(value, null, 2)

/** Text: two people edit different words of one paragraph; it merges cleanly, word by word. */
export const TextMergesCleanly: Story = {
  args: {
    mode: 'text',
    base: paragraph,
    mine: 'The slow brown fox jumps over the lazy dog.\nIt was a sunny day.\n',
    theirs: 'The quick brown fox jumps over the happy dog.\nIt was a sunny day.\n',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('status')).toHaveTextContent('Merged cleanly.')
    await expect(canvas.getByLabelText('Merged text')).toHaveTextContent(
      'The slow brown fox jumps over the happy dog.',
    )
    await expect(canvas.queryByLabelText('Conflict 1')).toBeNull()
  },
}

/** Text: both changed the same word differently; the conflict is highlighted with mine, theirs and base. */
export const TextConflict: Story = {
  args: {
    mode: 'text',
    base: paragraph,
    mine: 'The slow brown fox jumps over the lazy dog.\nIt was a sunny day.\n',
    theirs: 'The fast brown fox jumps over the lazy dog.\nIt was a sunny day.\n',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('status')).toHaveTextContent('1 conflict to decide.')
    const conflict = canvas.getByLabelText('Conflict 1')
    await expect(conflict.tagName).toBe('MARK')
    await expect(conflict).toHaveTextContent('mine: The slow brown fox')
    await expect(conflict).toHaveTextContent('theirs: The fast brown fox')
    await expect(canvas.getByLabelText('Merged text')).toHaveTextContent('It was a sunny day.')
  },
}

/** Text: the result follows the editors live; resolving the conflict in "Mine" makes it clean. */
export const TextLive: Story = {
  args: TextConflict.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('status')).toHaveTextContent('1 conflict to decide.')
    const mine = canvas.getByRole('textbox', { name: 'Mine' })
    await userEvent.clear(mine)
    await userEvent.type(
      mine,
      'The quick brown fox jumps over the lazy dog.{enter}It was a rainy day.{enter}',
    )
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Merged cleanly.'))
    await expect(canvas.getByLabelText('Merged text')).toHaveTextContent(
      'The fast brown fox jumps over the lazy dog. It was a rainy day.',
    )
  },
}

/** Server text is shown as text: markup in theirs never becomes HTML. */
export const TextIsNeverHtml: Story = {
  args: {
    mode: 'text',
    base: 'hello\n',
    mine: 'hello\nmine\n',
    theirs: '<img src=x onerror="window.__pwned=1">hello\n',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const result = canvas.getByRole('region', { name: 'Result' })
    await expect(result.querySelector('img')).toBeNull()
    await expect(canvas.getByLabelText('Merged text')).toHaveTextContent(
      '<img src=x onerror="window.__pwned=1">hello mine',
    )
    await expect((window as { __pwned?: number }).__pwned).toBeUndefined()
  },
}

const order = {
  title: 'Order 42',
  notes: 'Deliver to the back door.\nCall before arriving.\n',
  tags: ['urgent'],
  items: [
    { id: 1, name: 'Chair', qty: 2 },
    { id: 2, name: 'Desk', qty: 1 },
  ],
}

/** JSON: items merged by id, notes as text, tags as a set; one true conflict (the desk's quantity). */
export const JsonMerge: Story = {
  args: {
    mode: 'json',
    options: { text: 'notes', set: 'tags' },
    base: json(order),
    mine: json({
      ...order,
      notes: 'Deliver to the side door.\nCall before arriving.\n',
      tags: ['urgent', 'fragile'],
      items: [order.items[0], { id: 2, name: 'Desk', qty: 3 }],
    }),
    theirs: json({
      ...order,
      title: 'Order 42 (paid)',
      notes: 'Deliver to the back door.\nCall an hour before arriving.\n',
      tags: ['urgent', 'paid'],
      items: [
        ...order.items.map((item) => (item.id === 2 ? { ...item, qty: 5 } : item)),
        { id: 3, name: 'Lamp', qty: 1 },
      ],
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('status')).toHaveTextContent('1 conflict to decide.')
    const merged = JSON.parse(canvas.getByLabelText('Merged JSON').textContent ?? '') as typeof order
    await expect(merged.title).toBe('Order 42 (paid)')
    await expect(merged.notes).toBe('Deliver to the side door.\nCall an hour before arriving.\n')
    await expect(merged.tags).toEqual(['urgent', 'fragile', 'paid'])
    await expect(merged.items.map((item) => item.id)).toEqual([1, 2, 3])
    await expect(merged.items[1]?.qty).toBe(3) // mine at the conflict
    const conflicts = within(canvas.getByRole('list', { name: 'Conflicts' })).getAllByRole('listitem')
    await expect(conflicts).toHaveLength(1)
    await expect(conflicts[0]).toHaveTextContent('items[id=2].qty — both-changed')
    await expect(conflicts[0]).toHaveTextContent('mine: 3')
    await expect(conflicts[0]).toHaveTextContent('theirs: 5')
  },
}

/** JSON: an item deleted by theirs and edited by mine is a delete-vs-edit conflict. */
export const JsonDeleteVsEdit: Story = {
  args: {
    mode: 'json',
    base: json(order),
    mine: json({ ...order, items: [order.items[0], { id: 2, name: 'Standing desk', qty: 1 }] }),
    theirs: json({ ...order, items: [order.items[0]] }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const conflicts = within(canvas.getByRole('list', { name: 'Conflicts' })).getAllByRole('listitem')
    await expect(conflicts[0]).toHaveTextContent('items[id=2] — delete-vs-edit (deleted by theirs)')
  },
}

/** JSON: invalid input is reported as text, and the merge waits for valid JSON. */
export const JsonInvalid: Story = {
  args: { mode: 'json', base: json(order), mine: json(order), theirs: '{ "title": ' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('alert')).toHaveTextContent('Theirs is not valid JSON')
    const theirs = canvas.getByRole('textbox', { name: 'Theirs' })
    await userEvent.clear(theirs)
    await userEvent.paste(json({ ...order, title: 'Fixed' }))
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(
        'Merged cleanly. 1 change from theirs merged automatically.',
      ),
    )
  },
}
