import { describe, expect, it } from 'vitest'
import { createDraftStore, DEFAULT_DRAFT_PREFIX, DRAFT_FORMAT, type StoredDraft } from './draft-store.js'

/** A Storage over a Map, optionally refusing writes (full) or every access (disabled). */
class MemoryStorage implements Storage {
  readonly map = new Map<string, string>()
  full = false
  get length() {
    return this.map.size
  }
  clear() {
    this.map.clear()
  }
  getItem(key: string) {
    return this.map.get(key) ?? null
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null
  }
  removeItem(key: string) {
    this.map.delete(key)
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError')
    this.map.set(key, value)
  }
}

const draft: StoredDraft<{ title: string }> = {
  mine: { title: 'mine' },
  base: { title: 'base' },
  version: { etag: '"1"' },
  savedAt: '2024-01-01T00:00:00.000Z',
}

describe('draft store', () => {
  it('round-trips a draft through storage in the versioned format', () => {
    const storage = new MemoryStorage()
    const store = createDraftStore({ storage: () => storage })
    store.write('["todo",1]', draft)
    expect(store.lastWrittenTo).toBe('storage')
    const raw = JSON.parse(storage.getItem(`${DEFAULT_DRAFT_PREFIX}["todo",1]`) ?? 'null')
    expect(raw).toEqual({ format: DRAFT_FORMAT, key: '["todo",1]', draft })
    // A new store over the same storage (a reload) reads it back.
    expect(createDraftStore({ storage: () => storage }).read('["todo",1]')).toEqual(draft)
  })

  it('removes a draft', () => {
    const storage = new MemoryStorage()
    const store = createDraftStore({ storage: () => storage })
    store.write('k', draft)
    store.remove('k')
    expect(store.read('k')).toBeUndefined()
    expect(storage.length).toBe(0)
  })

  it('falls back to memory when storage is full, and drops the older stored copy', () => {
    const storage = new MemoryStorage()
    const store = createDraftStore({ storage: () => storage })
    store.write('k', draft)
    storage.full = true
    const newer = { ...draft, mine: { title: 'newer' } }
    store.write('k', newer)
    expect(store.lastWrittenTo).toBe('memory')
    expect(store.read('k')).toEqual(newer)
    // After a reload the stale copy is not restored.
    expect(createDraftStore({ storage: () => storage }).read('k')).toBeUndefined()
  })

  it('falls back to memory when storage access throws (disabled) or is missing (server)', () => {
    const disabled = createDraftStore({
      storage: () => {
        throw new DOMException('denied', 'SecurityError')
      },
    })
    disabled.write('k', draft)
    expect(disabled.lastWrittenTo).toBe('memory')
    expect(disabled.read('k')).toEqual(draft)
    disabled.remove('k')
    expect(disabled.read('k')).toBeUndefined()

    const server = createDraftStore()
    server.write('k', draft)
    expect(server.lastWrittenTo).toBe('memory')
    expect(server.read('k')).toEqual(draft)
  })

  it('ignores and removes entries of another format, another key, or a broken shape', () => {
    const storage = new MemoryStorage()
    const store = createDraftStore({ storage: () => storage })
    const put = (value: unknown) => storage.map.set(`${DEFAULT_DRAFT_PREFIX}k`, JSON.stringify(value))
    const bad: unknown[] = [
      { format: 99, key: 'k', draft },
      { format: DRAFT_FORMAT, key: 'other', draft },
      { format: DRAFT_FORMAT, key: 'k', draft: { ...draft, savedAt: 5 } },
      { format: DRAFT_FORMAT, key: 'k', draft: { savedAt: draft.savedAt } },
      { format: DRAFT_FORMAT, key: 'k', draft: { ...draft, version: { etag: 7 } } },
      { format: DRAFT_FORMAT, key: 'k', draft: { ...draft, conflict: { kind: 'nope', meta: {} } } },
      { format: DRAFT_FORMAT, key: 'k', draft: { ...draft, conflict: { kind: 'merge', meta: {} } } },
      [],
    ]
    for (const value of bad) {
      put(value)
      expect(store.read('k')).toBeUndefined()
      expect(storage.map.has(`${DEFAULT_DRAFT_PREFIX}k`)).toBe(false)
    }
    storage.map.set(`${DEFAULT_DRAFT_PREFIX}k`, '{not json')
    expect(store.read('k')).toBeUndefined()
  })

  it('keeps a stored __proto__ member as data, never as a prototype', () => {
    const storage = new MemoryStorage()
    storage.map.set(
      `${DEFAULT_DRAFT_PREFIX}k`,
      `{"format":${DRAFT_FORMAT},"key":"k","draft":{"mine":{"__proto__":{"polluted":true}},"base":null,"savedAt":"x"}}`,
    )
    const read = createDraftStore({ storage: () => storage }).read<Record<string, unknown>>('k')
    expect(read?.mine).toBeDefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(read?.mine)).toBe(Object.prototype)
  })

  it('round-trips a stored conflict', () => {
    const storage = new MemoryStorage()
    const store = createDraftStore({ storage: () => storage })
    const withConflict: StoredDraft<{ title: string }> = {
      ...draft,
      conflict: {
        kind: 'merge',
        theirs: { title: 'theirs' },
        theirsVersion: { etag: '"2"' },
        origin: 'save',
        meta: { by: 'ana' },
      },
    }
    store.write('k', withConflict)
    expect(createDraftStore({ storage: () => storage }).read('k')).toEqual(withConflict)
  })
})
