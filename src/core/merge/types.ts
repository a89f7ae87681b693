/**
 * The vocabulary of the three-way merge, shared by the merge engine, the hooks and the dialog.
 *
 * Words used everywhere (code, UI, docs): **base** is what the form loaded, **mine** is what the
 * person has now, **theirs** is what the server has now, **merged** is the result.
 */

/** An array item addressed by its key (for example its `id`) rather than its index. */
export interface KeySegment {
  /** The value of the item's key field. */
  readonly key: string | number
  /** The name of the key field (for example `'id'`); set on every path the merge engine makes. */
  readonly field?: string
}

/** One step of a path: an object key, an array index (arrays merged as sequences), or an item key. */
export type PathSegment = string | number | KeySegment

/** Where a value lives inside a document, from the root. `[]` is the root itself. */
export type Path = readonly PathSegment[]

/** A part of a text merge, in document order. */
export type TextHunk =
  /** Text every side agrees on (or that only one side changed and merged cleanly). */
  | { readonly kind: 'stable'; readonly text: string }
  /** Text both sides changed differently: the person (or a choice) must decide. */
  | { readonly kind: 'conflict'; readonly base: string; readonly mine: string; readonly theirs: string }

/** The result of `mergeText`. */
export interface MergeTextResult {
  /** True when no hunk conflicts. */
  readonly clean: boolean
  /** The merged text; set when `clean`. */
  readonly merged?: string
  /** Stable parts and conflicts in document order. */
  readonly hunks: readonly TextHunk[]
}

/** What kind of disagreement a conflict is. */
export type ConflictKind =
  /** Both sides changed the value, to different values. */
  | 'both-changed'
  /** Both sides added a value where base had none, and they differ. */
  | 'both-added'
  /** One side deleted the value (or array item), the other edited it. See `deletedBy`. */
  | 'delete-vs-edit'
  /** The sides changed the value to different types (for example object vs string). */
  | 'type-changed'
  /** A text merge left conflicting hunks. See `hunks`. */
  | 'text'

interface ConflictFields {
  /** Stable string form of `path`, unique within one merge result; the key of a choice. */
  readonly id: string
  /** Where the conflict is. */
  readonly path: Path
  /** The value at `path` in base (`undefined` when absent). */
  readonly base: unknown
  /** The value at `path` in mine (`undefined` when absent). */
  readonly mine: unknown
  /** The value at `path` in theirs (`undefined` when absent). */
  readonly theirs: unknown
}

/** One true conflict: a place where both sides changed the same thing differently. */
export type MergeConflict =
  | (ConflictFields & { readonly kind: 'both-changed' | 'both-added' | 'type-changed' })
  | (ConflictFields & { readonly kind: 'delete-vs-edit'; readonly deletedBy: 'mine' | 'theirs' })
  | (ConflictFields & {
      readonly kind: 'text'
      readonly base: string
      readonly mine: string
      readonly theirs: string
      /** The text's hunks; conflicting hunks are numbered in order for per-hunk choices. */
      readonly hunks: readonly TextHunk[]
    })

/** A change taken from theirs automatically (for a "merged automatically" summary). */
export interface MergeChange {
  /** Stable string form of `path`. */
  readonly id: string
  /** Where the change is. */
  readonly path: Path
  /** The value before (in base; `undefined` when theirs added it). */
  readonly base: unknown
  /** The value taken from theirs (`undefined` when theirs deleted it). */
  readonly theirs: unknown
}

/** The result of `mergeValues`. */
export interface MergeResult<T = unknown> {
  /**
   * Every non-conflicting change of both sides and, at each conflicting path, mine: saving `merged`
   * never loses what the person typed.
   */
  readonly merged: T
  /** The true conflicts, in document order. Empty when the merge is clean. */
  readonly conflicts: readonly MergeConflict[]
  /** What was taken from theirs. */
  readonly changes: readonly MergeChange[]
}

/** A decision for one conflicting text hunk. `'both'` keeps mine, then theirs. */
export type HunkChoice = 'mine' | 'theirs' | 'base' | 'both' | { readonly value: string }

/** A decision for one conflict. Text conflicts may instead decide hunk by hunk. */
export type ConflictChoice =
  'mine' | 'theirs' | 'base' | { readonly value: unknown } | { readonly hunks: readonly HunkChoice[] }

/** Decisions keyed by conflict `id`. A conflict with no decision keeps mine. */
export type ConflictChoices = Readonly<Record<string, ConflictChoice>>
