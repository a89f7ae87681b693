/**
 * The three-way merge of base (what the form loaded), mine (what the person has now) and theirs
 * (what the server has now).
 */
export { mergeText } from './text.js'
export { mergeValues } from './values.js'
export { resolve } from './resolve.js'
export { resolveHunks, countConflictHunks } from './hunks.js'
export { formatPath, isKeySegment } from './paths.js'
export { deepEqual } from './equal.js'
export { MergeError, type MergeErrorCode } from './errors.js'
export type { MergeTextOptions, MergeValuesOptions, TextGranularity } from './options.js'
export type { PathPatterns } from './patterns.js'
export type * from './types.js'
