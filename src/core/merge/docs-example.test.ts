/** The example in docs/merge.md, run as written. */
import { expect, it } from 'vitest'
import { mergeText, mergeValues, resolve } from './index.js'

it('the mergeValues / resolve example in docs/merge.md does what the comments say', () => {
  const base = {
    title: 'Order 42',
    notes: 'Deliver to the back door.',
    tags: ['urgent'],
    items: [
      { id: 1, name: 'Chair', qty: 2 },
      { id: 2, name: 'Desk', qty: 1 },
    ],
  }
  const mine = {
    ...base,
    notes: 'Deliver to the side door.',
    tags: ['urgent', 'fragile'],
    items: [base.items[0]!, { id: 2, name: 'Desk', qty: 3 }],
  }
  const theirs = {
    ...base,
    title: 'Order 42 (paid)',
    tags: ['urgent', 'paid'],
    items: [base.items[0]!, { id: 2, name: 'Desk', qty: 5 }, { id: 3, name: 'Lamp', qty: 1 }],
  }

  const result = mergeValues(base, mine, theirs, { text: 'notes', set: 'tags' })
  expect(result.merged).toEqual({
    title: 'Order 42 (paid)',
    notes: 'Deliver to the side door.',
    tags: ['urgent', 'fragile', 'paid'],
    items: [
      { id: 1, name: 'Chair', qty: 2 },
      { id: 2, name: 'Desk', qty: 3 },
      { id: 3, name: 'Lamp', qty: 1 },
    ],
  })
  expect(result.changes.map((change) => change.id)).toEqual(['title', 'tags', 'items[id=3]'])
  expect(result.conflicts).toEqual([
    {
      id: 'items[id=2].qty',
      path: ['items', { key: 2, field: 'id' }, 'qty'],
      kind: 'both-changed',
      base: 1,
      mine: 3,
      theirs: 5,
    },
  ])
  const final = resolve(result, { 'items[id=2].qty': 'theirs' })
  expect(final.items[1]).toEqual({ id: 2, name: 'Desk', qty: 5 })
  expect(final.title).toBe('Order 42 (paid)')
})

it('the mergeText example in docs/merge.md', () => {
  expect(mergeText('The quick brown fox\n', 'The slow brown fox\n', 'The quick brown cat\n')).toEqual({
    clean: true,
    merged: 'The slow brown cat\n',
    hunks: [{ kind: 'stable', text: 'The slow brown cat\n' }],
  })
})
