/**
 * The three-way merge of base (what the form loaded), mine (what the person has now) and theirs
 * (what the server has now).
 */
export { mergeText } from './text'
export { mergeValues } from './values'
export { resolve } from './resolve'
export { resolveHunks, countConflictHunks } from './hunks'
export { formatPath, isKeySegment } from './paths'
export { deepEqual } from './equal'
export { MergeError, type MergeErrorCode } from './errors'
export type { MergeTextOptions, MergeValuesOptions, TextGranularity } from './options'
export type { PathPatterns } from './patterns'
export type * from './types'
