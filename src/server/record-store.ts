/** The in-memory records of every resource, with their ETags, versions and who saved them when. */
import { contentETag } from './content-hash.js'
import type { JsonObject } from './json-path.js'
import type { StoredRecord } from './types.js'

interface Table {
  readonly records: Map<string, StoredRecord>
  readonly tombstones: Set<string>
  nextId: number
}

/** What `save` needs besides the data. */
export interface SaveMeta {
  /** Who saves (from the user header), when known. */
  readonly by: string | undefined
  /** When (ISO 8601). */
  readonly at: string
  /** The body version, for `versioning: 'body'` resources. */
  readonly version: number | undefined
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** Records per resource. Every read returns copies; nothing outside can change what is stored. */
export class RecordStore {
  readonly #tables = new Map<string, Table>()

  constructor(resources: readonly string[]) {
    for (const name of resources)
      this.#tables.set(name, { records: new Map(), tombstones: new Set(), nextId: 1 })
  }

  #table(resource: string): Table {
    const table = this.#tables.get(resource)
    if (table === undefined) throw new TypeError(`conflict-safe/server: unknown resource '${resource}'.`)
    return table
  }

  /** The stored record (not a copy: callers must not change it), or `undefined`. */
  get(resource: string, id: string): StoredRecord | undefined {
    return this.#table(resource).records.get(id)
  }

  /** True when the record existed and was deleted. */
  isDeleted(resource: string, id: string): boolean {
    return this.#table(resource).tombstones.has(id)
  }

  /** Every stored record of a resource, in order of creation (not copies). */
  list(resource: string): StoredRecord[] {
    return [...this.#table(resource).records.values()]
  }

  /** Every record's data, in order of creation (not copies). */
  data(resource: string): JsonObject[] {
    return this.list(resource).map((record) => record.data)
  }

  /** Stores a copy of `data` as the record `id` and returns what is stored. */
  save(resource: string, id: string, data: JsonObject, meta: SaveMeta): StoredRecord {
    const table = this.#table(resource)
    const stored = clone(data)
    const record: StoredRecord = {
      data: stored,
      etag: contentETag(stored),
      at: meta.at,
      ...(meta.by !== undefined ? { by: meta.by } : {}),
      ...(meta.version !== undefined ? { version: meta.version } : {}),
    }
    table.records.set(id, record)
    table.tombstones.delete(id)
    const numeric = Number(id)
    if (Number.isSafeInteger(numeric) && numeric >= table.nextId) table.nextId = numeric + 1
    return record
  }

  /** Removes a record and remembers that it existed (later requests get 410). */
  delete(resource: string, id: string): void {
    const table = this.#table(resource)
    table.records.delete(id)
    table.tombstones.add(id)
  }

  /** The next free integer id of a resource, as a string. */
  nextId(resource: string): string {
    const table = this.#table(resource)
    while (table.records.has(String(table.nextId)) || table.tombstones.has(String(table.nextId)))
      table.nextId++
    return String(table.nextId++)
  }

  /** Drops every record and tombstone. */
  clear(): void {
    for (const table of this.#tables.values()) {
      table.records.clear()
      table.tombstones.clear()
      table.nextId = 1
    }
  }

  /** A deep copy of a record, with its metadata. */
  static copy(record: StoredRecord): StoredRecord {
    return { ...record, data: clone(record.data) }
  }
}
