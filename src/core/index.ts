/**
 * `conflict-safe/core`: the framework-agnostic core. Nothing under `src/core/` imports React.
 *
 * - `http/`: entity tags, versions, preconditions, idempotency keys, problem details and the
 *   classification of write responses.
 * - `merge/`: the three-way merge of base, mine and theirs (values, arrays by key, text with diff3).
 * - `save/`: the save lifecycle: the state machine, the per-record queue, debounce and drafts.
 */
export * from './http/index.js'
export * from './merge/index.js'
export * from './save/index.js'
export type * from './conflict.js'
