/**
 * `conflict-safe`: React hooks and components for conflict-aware forms.
 * Re-exports the framework-agnostic core (`conflict-safe/core`) for convenience.
 */
export * from './core/index'
export * from './react/index'
export * from './dialog/index'
