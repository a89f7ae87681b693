import { describe, expect, it } from 'vitest'
import { createReferenceServer, PROBLEM_TYPES } from '../../src/server/index'
import { call } from './helpers'

function server() {
  return createReferenceServer({
    resources: {
      notebooks: { unique: ['slug'] },
      notes: {
        unique: ['slug'],
        references: { notebookId: 'notebooks', tagIds: 'tags' },
        transitions: { status: { draft: ['review'], review: ['draft', 'published'], published: [] } },
        rules: [
          ({ operation, current }) =>
            operation === 'delete' && current?.['locked'] === true
              ? 'This note is locked; unlock it before deleting.'
              : undefined,
        ],
        validate: (record) => (typeof record['title'] === 'string' ? undefined : 'title must be a string.'),
      },
      tags: {},
    },
    seed: {
      notebooks: [
        { id: 'nb1', slug: 'home' },
        { id: 'nb2', slug: 'work' },
      ],
      tags: [{ id: 't1' }],
      notes: [{ id: '1', title: 'A', slug: 'a', status: 'draft', notebookId: 'nb1', tagIds: ['t1'] }],
    },
  })
}

describe('uniqueness', () => {
  it('refuses a duplicate create with 409 naming the field, the value and the existing record', async () => {
    const app = server()
    const duplicate = await call(app, 'POST', '/notebooks', { body: { slug: 'home' } })
    expect(duplicate.status).toBe(409)
    expect(duplicate.json).toMatchObject({
      type: PROBLEM_TYPES.duplicate,
      code: 'duplicate',
      field: 'slug',
      value: 'home',
      existing: 'http://test.local/notebooks/nb1',
    })
    expect(duplicate.json.detail).toBe("slug 'home' is already taken.")
    expect(app.snapshot().notebooks).toHaveLength(2)
  })

  it('refuses an update that takes another record’s value, but not one that keeps its own', async () => {
    const app = server()
    expect((await call(app, 'PATCH', '/notebooks/nb2', { body: { slug: 'home' } })).status).toBe(409)
    expect(
      (await call(app, 'PATCH', '/notebooks/nb2', { body: { slug: 'work', name: 'Work' } })).status,
    ).toBe(200)
  })

  it('treats a taken id on create as a duplicate of the id field', async () => {
    const app = server()
    const taken = await call(app, 'POST', '/notebooks', { body: { id: 'nb1', slug: 'other' } })
    expect(taken.status).toBe(409)
    expect(taken.json).toMatchObject({
      code: 'duplicate',
      field: 'id',
      value: 'nb1',
      existing: 'http://test.local/notebooks/nb1',
    })
  })
})

describe('state rules', () => {
  it('refuses an illegal transition with 409 state-conflict, naming the allowed ones', async () => {
    const app = server()
    const illegal = await call(app, 'PATCH', '/notes/1', { body: { status: 'published' } })
    expect(illegal.status).toBe(409)
    expect(illegal.json).toMatchObject({
      type: PROBLEM_TYPES.stateConflict,
      code: 'state-conflict',
      rule: 'transition',
      field: 'status',
      from: 'draft',
      to: 'published',
      allowed: ['review'],
    })
    expect(illegal.json.detail).toBe(
      "status cannot change from 'draft' to 'published' (allowed from 'draft': 'review').",
    )
    expect((await call(app, 'PATCH', '/notes/1', { body: { status: 'review' } })).status).toBe(200)
    expect((await call(app, 'PATCH', '/notes/1', { body: { status: 'published' } })).status).toBe(200)
    expect((await call(app, 'PATCH', '/notes/1', { body: { status: 'draft' } })).json.detail).toContain(
      'none',
    )
  })

  it('blocks deleting a record that others reference, and allows it once they let go', async () => {
    const app = server()
    const blocked = await call(app, 'DELETE', '/notebooks/nb1')
    expect(blocked.status).toBe(409)
    expect(blocked.json).toMatchObject({
      code: 'state-conflict',
      rule: 'referenced',
      referencedBy: [{ resource: 'notes', id: '1', field: 'notebookId', url: 'http://test.local/notes/1' }],
    })
    expect(blocked.json.detail).toContain("notebooks 'nb1' cannot be deleted")
    const tagBlocked = await call(app, 'DELETE', '/tags/t1')
    expect(tagBlocked.json.referencedBy[0]).toMatchObject({ field: 'tagIds' })
    expect((await call(app, 'PATCH', '/notes/1', { body: { notebookId: 'nb2' } })).status).toBe(200)
    expect((await call(app, 'DELETE', '/notebooks/nb1')).status).toBe(204)
  })

  it('refuses a dangling reference with 422', async () => {
    const app = server()
    const dangling = await call(app, 'POST', '/notes', { body: { title: 'B', notebookId: 'nb9' } })
    expect(dangling.status).toBe(422)
    expect(dangling.json).toMatchObject({ code: 'invalid', field: 'notebookId', value: 'nb9' })
  })

  it('runs custom rules (409) and validation (422)', async () => {
    const app = server()
    expect((await call(app, 'PATCH', '/notes/1', { body: { locked: true } })).status).toBe(200)
    const locked = await call(app, 'DELETE', '/notes/1')
    expect(locked.status).toBe(409)
    expect(locked.json).toMatchObject({
      code: 'state-conflict',
      rule: 'custom',
      detail: 'This note is locked; unlock it before deleting.',
    })
    const invalid = await call(app, 'PUT', '/notes/1', { body: { title: 5 } })
    expect(invalid.status).toBe(422)
    expect(invalid.json.detail).toBe('title must be a string.')
    expect(app.snapshot().notes?.[0]).toMatchObject({ title: 'A', locked: true })
  })
})
