/**
 * Strings at `text` paths of `mergeValues`: merged with `mergeText`.
 */
import { recordChange, recordTextConflict, type MergeContext } from './context.js'
import { mergeText } from './text.js'

/** Merges a text field; a text conflict keeps mine in `merged` and lists the hunks. */
export function mergeTextAt(context: MergeContext, base: string, mine: string, theirs: string): string {
  if (base === theirs) return mine
  if (base === mine) {
    recordChange(context, base, theirs)
    return theirs
  }
  const result = mergeText(base, mine, theirs, context.textOptions)
  if (result.merged === undefined) {
    recordTextConflict(context, base, mine, theirs, result.hunks)
    return mine
  }
  if (result.merged !== mine) recordChange(context, base, theirs)
  return result.merged
}
