/**
 * The state of one `mergeValues` run: where it is, and what it has found so far.
 */
import { kindOf } from './equal.js'
import type { MergeTextOptions } from './options.js'
import { formatPath } from './paths.js'
import type { MatchState, PathRules } from './patterns.js'
import type { MergeChange, MergeConflict, PathSegment, TextHunk } from './types.js'

/** Merges one place of the document (the dispatcher in `values.ts`). */
export type MergeAt = (
  context: MergeContext,
  base: unknown,
  mine: unknown,
  theirs: unknown,
  state: MatchState,
  depth: number,
) => unknown

/** Everything a merge step needs. */
export interface MergeContext {
  /** The compiled path options, or `null` when there are none. */
  readonly rules: PathRules | null
  /** Options for text merges. */
  readonly textOptions: MergeTextOptions
  /** Depth from which values merge as one unit. */
  readonly maxDepth: number
  /** The path of the place being merged (pushed and popped as the merge walks). */
  readonly path: PathSegment[]
  /** Conflicts found so far, in document order. */
  readonly conflicts: MergeConflict[]
  /** Changes taken from theirs so far, in document order. */
  readonly changes: MergeChange[]
  /** The dispatcher, for steps that merge children. */
  readonly mergeAt: MergeAt
}

/** Where `resolve` puts back an array item that mine deleted, when the choice brings it back. */
export interface ItemRestoreHint {
  /** Theirs' array that holds the item. */
  readonly theirs: readonly unknown[]
  /** The key field of that array. */
  readonly field: string
}

/** Restore hints of delete-vs-edit conflicts on array items (kept off the public objects). */
export const itemRestoreHints = new WeakMap<MergeConflict, ItemRestoreHint>()

/** Notes that theirs' value was taken at the current path. */
export function recordChange(context: MergeContext, base: unknown, theirs: unknown): void {
  const path = context.path.slice()
  context.changes.push({ id: formatPath(path), path, base, theirs })
}

/** Notes a conflict at the current path; its kind follows from which sides are absent and their types. */
export function recordConflict(
  context: MergeContext,
  base: unknown,
  mine: unknown,
  theirs: unknown,
): MergeConflict {
  const path = context.path.slice()
  const id = formatPath(path)
  let conflict: MergeConflict
  if (mine === undefined || theirs === undefined) {
    conflict = {
      id,
      path,
      kind: 'delete-vs-edit',
      deletedBy: mine === undefined ? 'mine' : 'theirs',
      base,
      mine,
      theirs,
    }
  } else if (base === undefined) {
    conflict = { id, path, kind: 'both-added', base, mine, theirs }
  } else if (kindOf(mine) !== kindOf(theirs)) {
    conflict = { id, path, kind: 'type-changed', base, mine, theirs }
  } else {
    conflict = { id, path, kind: 'both-changed', base, mine, theirs }
  }
  context.conflicts.push(conflict)
  return conflict
}

/** Notes a text conflict at the current path. */
export function recordTextConflict(
  context: MergeContext,
  base: string,
  mine: string,
  theirs: string,
  hunks: readonly TextHunk[],
): void {
  const path = context.path.slice()
  context.conflicts.push({ id: formatPath(path), path, kind: 'text', base, mine, theirs, hunks })
}
