/**
 * `conflict-safe/core`: the framework-agnostic protocol core. Nothing here imports React.
 */
export type * from './merge/types'
export type * from './conflict'
export type * from './problem'
