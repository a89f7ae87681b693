/**
 * The notice that the record changed elsewhere: a newer version than the pinned one appeared (a refetch
 * on focus, another tab, polling). It carries who and when, if the server said, and a preview of merging
 * theirs into the draft, computed only when read.
 */
import type { ResourceVersion } from '../http/version.js'
import type { MergeResult } from '../merge/types.js'
import type { VersionedData } from './versioned.js'

/** A newer version of the record than the one the form is editing. */
export interface RemoteChange<TData> {
  /** The record as the server has it now. */
  readonly theirs: TData
  /** Its version. */
  readonly version: ResourceVersion | undefined
  /** Who saved it, when the server says. */
  readonly by?: string
  /** When it was saved, when the server says. */
  readonly at?: string
  /** `merge(base, mine, theirs)`: what taking theirs into the draft now would give, and what would conflict. */
  readonly preview: MergeResult<TData>
}

/** A RemoteChange whose `preview` is computed on first read (and then kept). */
export function createRemoteChange<TData>(
  theirs: VersionedData<TData>,
  computePreview: () => MergeResult<TData>,
): RemoteChange<TData> {
  let preview: MergeResult<TData> | undefined
  return {
    theirs: theirs.data,
    version: theirs.version,
    ...(theirs.by !== undefined && { by: theirs.by }),
    ...(theirs.at !== undefined && { at: theirs.at }),
    get preview() {
      preview ??= computePreview()
      return preview
    },
  }
}
