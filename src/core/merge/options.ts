/**
 * Options of `mergeText` and `mergeValues`.
 */
import type { PathPatterns } from './patterns.js'

/** How `mergeText` cuts text before aligning it. */
export type TextGranularity = 'line' | 'word'

/** Options of `mergeText`. */
export interface MergeTextOptions {
  /**
   * `'line'` aligns whole lines (like `git merge-file`); `'word'` aligns words and whitespace runs.
   * Default: `'line'` when any side contains a line break, else `'word'`.
   */
  readonly granularity?: TextGranularity
  /**
   * With `'line'`: merge each conflicting region again word by word, so two people editing
   * different words of one paragraph merge cleanly. Default: `true`.
   */
  readonly refine?: boolean
}

/** Options of `mergeValues`. Paths are patterns such as `'title'`, `'items[].body'`, `'*'`, `'**'`. */
export interface MergeValuesOptions {
  /** Strings at these paths merge as text (`mergeText`) instead of as single values. Default: none. */
  readonly text?: PathPatterns
  /** Options for the text merges of `text` paths. Default: the defaults of `mergeText`. */
  readonly textOptions?: MergeTextOptions
  /** Values at these paths are one unit: if both sides changed them differently, the whole value conflicts. Default: none. */
  readonly atomic?: PathPatterns
  /** Arrays at these paths are unordered sets: both sides' additions are kept, removals honoured. Default: none. */
  readonly set?: PathPatterns
  /**
   * The key field of arrays of objects, by path pattern (`{ lines: 'sku' }`), or `false` to merge an
   * array as a sequence. Default: `'id'` for every array whose items all have a unique string or number `id`.
   */
  readonly key?: Readonly<Record<string, string | false>>
  /** How many levels the merge descends; deeper values merge as one unit (as if `atomic`). Default: `1000`. */
  readonly maxDepth?: number
}
