/**
 * A record together with the version it was read at, and who changed it last when the server says.
 * This is what a versioned query keeps in the cache and what a reader returns.
 */
import type { ResourceVersion } from '../http/version.js'

/** A record and its version. */
export interface VersionedData<TData> {
  /** The record. */
  readonly data: TData
  /** Its version (`undefined` when the server sent none). */
  readonly version: ResourceVersion | undefined
  /** Who saved this version, when the server says. */
  readonly by?: string
  /** When this version was saved (ISO 8601 or as the server wrote it), when the server says. */
  readonly at?: string
}

/** What a read is given. */
export interface ReadContext {
  /** Aborted when the controller is disposed. */
  readonly signal: AbortSignal
  /** Where the record lives when a create told us (its `Location`); `undefined` otherwise. */
  readonly url?: string | undefined
}

/** Reads the record as the server has it now (theirs): one GET. */
export type ReadFn<TData> = (context: ReadContext) => Promise<VersionedData<TData>>

/** True when `value` looks like a `VersionedData` envelope (an object with `data` and `version` keys). */
export function isVersionedData(value: unknown): value is VersionedData<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.hasOwn(value, 'data') &&
    Object.hasOwn(value, 'version')
  )
}
