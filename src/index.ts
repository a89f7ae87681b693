/**
 * `conflict-safe`: React hooks and components for conflict-aware forms.
 * The framework-agnostic core is also available on its own as `conflict-safe/core`.
 */
export type * from './core/index'
