/**
 * Where unsaved drafts (and unresolved conflicts) survive a reload: `sessionStorage`, keyed by the
 * record's query key, in a versioned JSON format. When storage is missing (server rendering),
 * disabled (privacy mode throws on access) or full (quota), the draft falls back to memory, so it
 * still survives an unmount and remount within the page; a stale stored copy is removed so a reload
 * never restores an older draft.
 *
 * Nothing here touches `window` at import time: storage is looked up on first use.
 */
import type { ResourceVersion } from '../http/version.js'
import type { ConflictMeta } from '../conflict.js'
import type { ConflictChoices } from '../merge/types.js'

/** The stored format's version. Entries of any other version are ignored and removed. */
export const DRAFT_FORMAT = 1

/** The default key prefix in storage. */
export const DEFAULT_DRAFT_PREFIX = 'conflict-safe:draft:'

/** The version a draft was made against: a known version, `'unknown'` (must read again), or none (a create). */
export type PinnedVersion = ResourceVersion | 'unknown' | undefined

/** An unresolved conflict, as stored (data only; its actions are rebuilt on restore). */
export type StoredConflict<TData> =
  | {
      readonly kind: 'merge'
      readonly theirs: TData
      readonly theirsVersion: ResourceVersion | undefined
      readonly origin: 'save' | 'rebase'
      readonly choices?: ConflictChoices
      readonly meta: ConflictMeta
    }
  | {
      readonly kind: 'duplicate'
      readonly field?: string
      readonly value?: unknown
      readonly existing?: string
      readonly meta: ConflictMeta
    }
  | { readonly kind: 'state'; readonly message?: string; readonly meta: ConflictMeta }
  | { readonly kind: 'deleted'; readonly meta: ConflictMeta }
  | { readonly kind: 'in-progress'; readonly retryAfterMs?: number; readonly meta: ConflictMeta }
  | { readonly kind: 'precondition-required'; readonly message: string; readonly meta: ConflictMeta }

/** A draft as stored. */
export interface StoredDraft<TData> {
  /** The person's values. */
  readonly mine: TData
  /** What the draft was made against (the pinned base); `undefined` for a create. */
  readonly base: TData | undefined
  /** The pinned version the next save is conditioned on. */
  readonly version: PinnedVersion
  /** When the draft was stored (ISO 8601). */
  readonly savedAt: string
  /** The Idempotency-Key of an unfinished create, reused when the action is retried after reload. */
  readonly idempotencyKey?: string
  /** An unresolved conflict, when there was one. */
  readonly conflict?: StoredConflict<TData>
  /** Where the record lives when a create made it (later saves update it there). */
  readonly createdUrl?: string
}

/** Reads and writes drafts by record key. */
export interface DraftStore {
  /** The stored draft of `key`, or `undefined` (missing, unreadable or of another format). */
  read<TData>(key: string): StoredDraft<TData> | undefined
  /** Stores the draft of `key`; falls back to memory when storage refuses it. */
  write<TData>(key: string, draft: StoredDraft<TData>): void
  /** Forgets the draft of `key` everywhere. */
  remove(key: string): void
  /** Where the last write went: `'storage'` or `'memory'` (`undefined` before any write). */
  readonly lastWrittenTo: 'storage' | 'memory' | undefined
}

/** Options of `createDraftStore`. */
export interface DraftStoreOptions {
  /** Returns the storage to use, or `undefined` for memory only. Default: `window.sessionStorage` when reachable. */
  readonly storage?: () => Storage | undefined
  /** Prefix of every storage key. Default `'conflict-safe:draft:'`. */
  readonly prefix?: string
}

interface Envelope {
  readonly format: number
  readonly key: string
  readonly draft: StoredDraft<unknown>
}

/** `window.sessionStorage` when there is a window and access is allowed; otherwise `undefined`. */
export function sessionStorageIfAvailable(): Storage | undefined {
  try {
    if (typeof window === 'undefined') return undefined
    return window.sessionStorage ?? undefined
  } catch {
    return undefined
  }
}

/** Creates a draft store over `sessionStorage` (default) with a memory fallback. */
export function createDraftStore(options: DraftStoreOptions = {}): DraftStore {
  const getStorage = options.storage ?? sessionStorageIfAvailable
  const prefix = options.prefix ?? DEFAULT_DRAFT_PREFIX
  const memory = new Map<string, StoredDraft<unknown>>()
  let lastWrittenTo: 'storage' | 'memory' | undefined

  const storage = (): Storage | undefined => {
    try {
      return getStorage()
    } catch {
      return undefined
    }
  }
  const removeStored = (key: string): void => {
    try {
      storage()?.removeItem(prefix + key)
    } catch {
      // Storage refused: nothing stored there to remove.
    }
  }

  return {
    get lastWrittenTo() {
      return lastWrittenTo
    },
    read<TData>(key: string): StoredDraft<TData> | undefined {
      const inMemory = memory.get(key)
      if (inMemory) return inMemory as StoredDraft<TData>
      let text: string | null = null
      try {
        text = storage()?.getItem(prefix + key) ?? null
      } catch {
        return undefined
      }
      if (text === null) return undefined
      const draft = parseEnvelope(text, key)
      if (!draft) removeStored(key)
      return draft as StoredDraft<TData> | undefined
    },
    write<TData>(key: string, draft: StoredDraft<TData>): void {
      const target = storage()
      if (target) {
        try {
          const envelope: Envelope = { format: DRAFT_FORMAT, key, draft }
          target.setItem(prefix + key, JSON.stringify(envelope))
          memory.delete(key)
          lastWrittenTo = 'storage'
          return
        } catch {
          // Full, disabled or unserializable: keep it in memory and drop the older stored copy.
          removeStored(key)
        }
      }
      memory.set(key, draft)
      lastWrittenTo = 'memory'
    },
    remove(key: string): void {
      memory.delete(key)
      removeStored(key)
    },
  }
}

function parseEnvelope(text: string, key: string): StoredDraft<unknown> | undefined {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isRecord(json) || json.format !== DRAFT_FORMAT || json.key !== key) return undefined
  const draft = json.draft
  if (!isRecord(draft) || !Object.hasOwn(draft, 'mine') || typeof draft.savedAt !== 'string') return undefined
  if (!isPinnedVersion(draft.version)) return undefined
  if (draft.idempotencyKey !== undefined && typeof draft.idempotencyKey !== 'string') return undefined
  if (draft.createdUrl !== undefined && typeof draft.createdUrl !== 'string') return undefined
  if (draft.conflict !== undefined && !isStoredConflict(draft.conflict)) return undefined
  return draft as unknown as StoredDraft<unknown>
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isPinnedVersion(value: unknown): boolean {
  if (value === undefined || value === 'unknown') return true
  if (!isRecord(value)) return false
  const { etag, value: bodyVersion } = value
  return (
    (etag === undefined || typeof etag === 'string') &&
    (bodyVersion === undefined || typeof bodyVersion === 'string' || typeof bodyVersion === 'number')
  )
}

const CONFLICT_KINDS = /* @__PURE__ */ new Set([
  'merge',
  'duplicate',
  'state',
  'deleted',
  'in-progress',
  'precondition-required',
])

function isStoredConflict(value: unknown): boolean {
  if (!isRecord(value) || typeof value.kind !== 'string' || !CONFLICT_KINDS.has(value.kind)) return false
  if (!isRecord(value.meta)) return false
  if (value.kind === 'merge') return Object.hasOwn(value, 'theirs') && isPinnedVersion(value.theirsVersion)
  if (value.kind === 'precondition-required') return typeof value.message === 'string'
  return true
}

let defaultStore: DraftStore | undefined

/** The shared store over `sessionStorage`, created on first use (never at import). */
export function getDefaultDraftStore(): DraftStore {
  defaultStore ??= createDraftStore()
  return defaultStore
}
