/**
 * Conflicts built by hand, one per kind, shared by the dialog's stories, tests and benchmark.
 * Not part of the public API. Each factory takes the callbacks to record (spies in tests and stories).
 */
import type {
  ConflictMeta,
  DeletedSaveConflict,
  DuplicateSaveConflict,
  InProgressSaveConflict,
  MergeSaveConflict,
  PreconditionRequiredSaveConflict,
  StateSaveConflict,
} from '../core/conflict.js'
import type { ConflictChoices, MergeChange, MergeConflict, TextHunk } from '../core/merge/types.js'

/** The callbacks a fixture conflict calls; each defaults to doing nothing. */
export interface FixtureHandlers {
  readonly resolve?: (choices: ConflictChoices) => void
  readonly cancel?: () => void
  readonly retry?: (...values: unknown[]) => void
  readonly reload?: () => void
  readonly restore?: () => void
  readonly acceptDeletion?: () => void
}

/** A record of the kind a form edits. */
export interface Article {
  readonly title: string
  readonly body: string
  readonly price: number
  readonly status: string
  readonly dueDate?: string
  readonly tags: readonly string[]
  readonly lines: readonly { readonly id: number; readonly name: string; readonly qty: number }[]
  readonly address: { readonly city: string }
}

/** Who saved the other change, and when. */
export const meta: ConflictMeta = { by: 'Grace Hopper', at: '2025-11-25T09:41:00Z', requestId: 'req-7f3a2c' }

const noop = () => {}

const baseBody = 'Revenue grew in the third quarter.\nCosts stayed flat.\nWe expect growth to continue.\n'
const mineBody =
  'Revenue grew strongly in the third quarter.\nCosts stayed flat.\nWe expect steady growth to continue next year.\n'
const theirsBody =
  'Revenue grew by 12% in the third quarter.\nCosts stayed flat.\nWe expect growth to slow down.\n'

/** The body's hunks: two conflicting lines around an unchanged one. */
export const bodyHunks: readonly TextHunk[] = [
  {
    kind: 'conflict',
    base: 'Revenue grew in the third quarter.\n',
    mine: 'Revenue grew strongly in the third quarter.\n',
    theirs: 'Revenue grew by 12% in the third quarter.\n',
  },
  { kind: 'stable', text: 'Costs stayed flat.\n' },
  {
    kind: 'conflict',
    base: 'We expect growth to continue.\n',
    mine: 'We expect steady growth to continue next year.\n',
    theirs: 'We expect growth to slow down.\n',
  },
]

/** What the form loaded. */
export const baseArticle: Article = {
  title: 'Quarterly report',
  body: baseBody,
  price: 120,
  status: 'draft',
  tags: ['finance'],
  lines: [
    { id: 1, name: 'Widget', qty: 2 },
    { id: 2, name: 'Gadget', qty: 1 },
  ],
  address: { city: 'Berlin' },
}

/** What the person has now. */
export const mineArticle: Article = {
  ...baseArticle,
  title: 'Quarterly report: Q3 draft',
  body: mineBody,
  price: 125,
  dueDate: '2025-12-01',
  tags: ['finance', 'draft'],
  lines: [
    { id: 1, name: 'Widget', qty: 2 },
    { id: 2, name: 'Gadget', qty: 3 },
  ],
}

/** What the server has now. */
export const theirsArticle: Article = {
  ...baseArticle,
  title: 'Q3 quarterly report',
  body: theirsBody,
  price: 130,
  status: 'review',
  dueDate: '2025-12-15',
  tags: ['finance', 'q3'],
  lines: [{ id: 1, name: 'Widget', qty: 2 }],
  address: { city: 'Munich' },
}

/** The six conflicts of the article, in document order. */
export const articleConflicts: readonly MergeConflict[] = [
  {
    id: 'title',
    path: ['title'],
    kind: 'both-changed',
    base: baseArticle.title,
    mine: mineArticle.title,
    theirs: theirsArticle.title,
  },
  {
    id: 'body',
    path: ['body'],
    kind: 'text',
    base: baseBody,
    mine: mineBody,
    theirs: theirsBody,
    hunks: bodyHunks,
  },
  { id: 'price', path: ['price'], kind: 'both-changed', base: 120, mine: 125, theirs: 130 },
  {
    id: 'dueDate',
    path: ['dueDate'],
    kind: 'both-added',
    base: undefined,
    mine: '2025-12-01',
    theirs: '2025-12-15',
  },
  { id: 'tags[1]', path: ['tags', 1], kind: 'both-added', base: undefined, mine: 'draft', theirs: 'q3' },
  {
    id: 'lines[id=2]',
    path: ['lines', { key: 2, field: 'id' }],
    kind: 'delete-vs-edit',
    deletedBy: 'theirs',
    base: { id: 2, name: 'Gadget', qty: 1 },
    mine: { id: 2, name: 'Gadget', qty: 3 },
    theirs: undefined,
  },
]

/** What merged automatically from theirs. */
export const articleChanges: readonly MergeChange[] = [
  { id: 'status', path: ['status'], base: 'draft', theirs: 'review' },
  { id: 'address.city', path: ['address', 'city'], base: 'Berlin', theirs: 'Munich' },
]

/** A merge conflict on the article: six conflicts (text, numbers, an added field, array items), two clean changes. */
export function mergeConflict(
  handlers: FixtureHandlers = {},
  overrides: Partial<MergeSaveConflict<Article>> = {},
): MergeSaveConflict<Article> {
  return {
    kind: 'merge',
    base: baseArticle,
    mine: mineArticle,
    theirs: theirsArticle,
    merged: { ...mineArticle, status: 'review', address: { city: 'Munich' } },
    conflicts: articleConflicts,
    changes: articleChanges,
    meta,
    resolve: handlers.resolve ?? noop,
    cancel: handlers.cancel ?? noop,
    ...overrides,
  }
}

/** A create whose slug is taken. */
export function duplicateConflict(
  handlers: FixtureHandlers = {},
): DuplicateSaveConflict<{ name: string; slug: string }> {
  return {
    kind: 'duplicate',
    field: 'slug',
    value: 'acme',
    existing: 'https://example.test/companies/acme',
    mine: { name: 'Acme Corporation', slug: 'acme' },
    meta: {},
    retry: handlers.retry ?? noop,
    cancel: handlers.cancel ?? noop,
  }
}

/** A write refused by a workflow rule, with the server's message (which contains markup, to be shown as text). */
export function stateConflict(
  handlers: FixtureHandlers = {},
  message = 'A paid invoice cannot be edited. Ask finance to reopen it.',
): StateSaveConflict<Article> {
  return {
    kind: 'state',
    message,
    mine: mineArticle,
    meta: { by: 'Finance bot', requestId: 'req-91b0' },
    reload: handlers.reload ?? noop,
    cancel: handlers.cancel ?? noop,
  }
}

/** The record was deleted on the server while the person edited it. */
export function deletedConflict(handlers: FixtureHandlers = {}): DeletedSaveConflict<Article> {
  return {
    kind: 'deleted',
    base: baseArticle,
    mine: mineArticle,
    meta: { by: 'Ada Lovelace', at: '2025-11-25T10:02:00Z' },
    restore: handlers.restore ?? noop,
    acceptDeletion: handlers.acceptDeletion ?? noop,
    cancel: handlers.cancel ?? noop,
  }
}

/** The same save is still running on the server; it asked to wait five seconds. */
export function inProgressConflict(handlers: FixtureHandlers = {}): InProgressSaveConflict<Article> {
  return {
    kind: 'in-progress',
    retryAfterMs: 5000,
    mine: mineArticle,
    meta: {},
    retry: handlers.retry ?? noop,
    cancel: handlers.cancel ?? noop,
  }
}

/** The server demands If-Match and the client sent none (a configuration error). */
export function preconditionConflict(
  handlers: FixtureHandlers = {},
): PreconditionRequiredSaveConflict<Article> {
  return {
    kind: 'precondition-required',
    message:
      'PUT /articles/7 answered 428 Precondition Required: send If-Match with the ETag from the GET response, or the version in the body.',
    mine: mineArticle,
    meta: { requestId: 'req-5d1e' },
    cancel: handlers.cancel ?? noop,
  }
}

/**
 * A large merge conflict: `fields - 1` conflicting text fields and one `lines`-line text field with
 * three conflicting hunks (for the benchmark and the long-text tests).
 */
export function largeMergeConflict(
  handlers: FixtureHandlers = {},
  fields = 200,
  lines = 10_000,
): MergeSaveConflict<Record<string, string>> {
  const base: Record<string, string> = {}
  const mine: Record<string, string> = {}
  const theirs: Record<string, string> = {}
  const conflicts: MergeConflict[] = []
  for (let index = 1; index < fields; index++) {
    const id = `field${index}`
    base[id] = `Value ${index} as loaded`
    mine[id] = `Value ${index} as I typed it`
    theirs[id] = `Value ${index} as they saved it`
    conflicts.push({
      id,
      path: [id],
      kind: 'both-changed',
      base: base[id],
      mine: mine[id],
      theirs: theirs[id],
    })
  }
  const hunks: TextHunk[] = []
  const chunk = Math.floor(lines / 4)
  const stable = (from: number) =>
    Array.from(
      { length: chunk },
      (_, line) => `Line ${from + line}: unchanged text of the long document.\n`,
    ).join('')
  for (let part = 0; part < 4; part++) {
    hunks.push({ kind: 'stable', text: stable(part * chunk) })
    if (part < 3) {
      hunks.push({
        kind: 'conflict',
        base: `Paragraph ${part} as it was loaded.\n`,
        mine: `Paragraph ${part} as I rewrote it this morning.\n`,
        theirs: `Paragraph ${part} as they rewrote it.\n`,
      })
    }
  }
  const join = (side: 'base' | 'mine' | 'theirs') =>
    hunks.map((hunk) => (hunk.kind === 'stable' ? hunk.text : hunk[side])).join('')
  base.document = join('base')
  mine.document = join('mine')
  theirs.document = join('theirs')
  conflicts.push({
    id: 'document',
    path: ['document'],
    kind: 'text',
    base: base.document,
    mine: mine.document,
    theirs: theirs.document,
    hunks,
  })
  return {
    kind: 'merge',
    base,
    mine,
    theirs,
    merged: mine,
    conflicts,
    changes: [],
    meta,
    resolve: handlers.resolve ?? noop,
    cancel: handlers.cancel ?? noop,
  }
}
