import { describe, expect, it } from 'vitest'
import type { SaveConflict } from '../conflict.js'
import { ConflictSafeError } from '../errors.js'
import { deriveFlags, initialSaveState, reduce, type SaveAction, type SaveState } from './save-machine.js'

type Doc = { title: string }
const conflict: SaveConflict<Doc> = {
  kind: 'state',
  mine: { title: 'mine' },
  meta: {},
  message: 'closed',
  cancel() {},
  reload() {},
}
const reason = new ConflictSafeError('NETWORK', 'offline')
const idle: SaveState<Doc> = initialSaveState
const saving: SaveState<Doc> = { status: 'saving', attempt: 1, failureCount: 0, failureReason: undefined }
const merging: SaveState<Doc> = { status: 'merging', attempt: 1, failureCount: 0 }
const inConflict: SaveState<Doc> = { status: 'conflict', conflict }
const saved: SaveState<Doc> = {
  status: 'saved',
  data: { title: 'a' },
  version: { etag: '"1"' },
  changes: [],
  attempts: 1,
  operation: 'update',
}
const failed: SaveState<Doc> = { status: 'error', error: reason, attempts: 3 }
const all = { idle, saving, merging, conflict: inConflict, saved, error: failed }

const actions: Record<SaveAction<Doc>['type'], SaveAction<Doc>> = {
  submit: { type: 'submit' },
  write: { type: 'write' },
  retry: { type: 'retry', reason },
  stale: { type: 'stale' },
  conflict: { type: 'conflict', conflict },
  success: { type: 'success', data: { title: 'b' }, version: { etag: '"2"' }, changes: [] },
  failure: { type: 'failure', error: reason },
  dismiss: { type: 'dismiss' },
  reset: { type: 'reset' },
}

/** Expected status after each action from each status; `same` means the state object is returned unchanged. */
const table: Record<keyof typeof all, Record<SaveAction['type'], SaveState['status'] | 'same'>> = {
  idle: {
    submit: 'saving',
    write: 'same',
    retry: 'same',
    stale: 'same',
    conflict: 'conflict',
    success: 'same',
    failure: 'same',
    dismiss: 'same',
    reset: 'same',
  },
  saving: {
    submit: 'same',
    write: 'saving',
    retry: 'saving',
    stale: 'merging',
    conflict: 'conflict',
    success: 'saved',
    failure: 'error',
    dismiss: 'same',
    reset: 'idle',
  },
  merging: {
    submit: 'same',
    write: 'saving',
    retry: 'same',
    stale: 'same',
    conflict: 'conflict',
    success: 'saved',
    failure: 'error',
    dismiss: 'same',
    reset: 'idle',
  },
  conflict: {
    submit: 'saving',
    write: 'same',
    retry: 'same',
    stale: 'same',
    conflict: 'conflict',
    success: 'same',
    failure: 'same',
    dismiss: 'idle',
    reset: 'idle',
  },
  saved: {
    submit: 'saving',
    write: 'same',
    retry: 'same',
    stale: 'same',
    conflict: 'conflict',
    success: 'same',
    failure: 'same',
    dismiss: 'same',
    reset: 'idle',
  },
  error: {
    submit: 'saving',
    write: 'same',
    retry: 'same',
    stale: 'same',
    conflict: 'conflict',
    success: 'same',
    failure: 'same',
    dismiss: 'same',
    reset: 'idle',
  },
}

describe('save machine: every transition', () => {
  for (const [from, row] of Object.entries(table) as Array<[keyof typeof all, (typeof table)['idle']]>) {
    for (const [type, expected] of Object.entries(row) as Array<
      [SaveAction['type'], SaveState['status'] | 'same']
    >) {
      it(`${from} --${type}--> ${expected}`, () => {
        const state = all[from]
        const next = reduce(state, actions[type])
        if (expected === 'same') expect(next).toBe(state)
        else {
          expect(next.status).toBe(expected)
          if (expected !== from) expect(next).not.toBe(state)
        }
      })
    }
  }
})

describe('save machine: counters and payloads', () => {
  it('counts attempts across writes, stale merges and retries', () => {
    let state: SaveState<Doc> = reduce(idle, { type: 'submit' })
    expect(state).toMatchObject({ status: 'saving', attempt: 0, failureCount: 0 })
    state = reduce(state, { type: 'write' })
    expect(state).toMatchObject({ status: 'saving', attempt: 1 })
    state = reduce(state, { type: 'stale' })
    expect(state).toMatchObject({ status: 'merging', attempt: 1 })
    state = reduce(state, { type: 'write' })
    expect(state).toMatchObject({ status: 'saving', attempt: 2 })
    state = reduce(state, { type: 'retry', reason })
    expect(state).toMatchObject({ status: 'saving', attempt: 2, failureCount: 1, failureReason: reason })
    state = reduce(state, { type: 'write' })
    expect(state).toMatchObject({ attempt: 3, failureCount: 1 })
    state = reduce(state, actions.success)
    expect(state).toEqual({
      status: 'saved',
      data: { title: 'b' },
      version: { etag: '"2"' },
      changes: [],
      attempts: 3,
      operation: 'update',
    })
  })

  it('a failure keeps the number of attempts and the typed error', () => {
    const state = reduce(
      { status: 'saving', attempt: 3, failureCount: 2, failureReason: reason },
      actions.failure,
    )
    expect(state).toEqual({ status: 'error', error: reason, attempts: 3 })
  })

  it('a conflict carries the conflict; a new submit starts over at attempt 0', () => {
    const state = reduce(merging, actions.conflict)
    expect(state).toEqual({ status: 'conflict', conflict })
    expect(reduce(state, { type: 'submit' })).toMatchObject({ status: 'saving', attempt: 0, failureCount: 0 })
  })

  it('never mutates the state it is given', () => {
    const frozen = Object.freeze({ ...saving }) as SaveState<Doc>
    expect(() => reduce(frozen, { type: 'write' })).not.toThrow()
    expect(frozen).toMatchObject({ attempt: 1 })
  })
})

describe('derived flags', () => {
  it.each([
    [
      'idle',
      {
        isIdle: true,
        isPending: false,
        isSaving: false,
        isMerging: false,
        isConflict: false,
        isSuccess: false,
        isError: false,
      },
    ],
    [
      'saving',
      {
        isIdle: false,
        isPending: true,
        isSaving: true,
        isMerging: false,
        isConflict: false,
        isSuccess: false,
        isError: false,
      },
    ],
    [
      'merging',
      {
        isIdle: false,
        isPending: true,
        isSaving: false,
        isMerging: true,
        isConflict: false,
        isSuccess: false,
        isError: false,
      },
    ],
    [
      'conflict',
      {
        isIdle: false,
        isPending: false,
        isSaving: false,
        isMerging: false,
        isConflict: true,
        isSuccess: false,
        isError: false,
      },
    ],
    [
      'saved',
      {
        isIdle: false,
        isPending: false,
        isSaving: false,
        isMerging: false,
        isConflict: false,
        isSuccess: true,
        isError: false,
      },
    ],
    [
      'error',
      {
        isIdle: false,
        isPending: false,
        isSaving: false,
        isMerging: false,
        isConflict: false,
        isSuccess: false,
        isError: true,
      },
    ],
  ] as const)('%s', (status, flags) => {
    expect(deriveFlags(all[status])).toEqual(flags)
  })
})
