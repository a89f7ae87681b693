/**
 * `conflict-safe`: React hooks and components for conflict-aware forms.
 * Re-exports the framework-agnostic core (`conflict-safe/core`) for convenience.
 */
export * from './core/index.js'
export * from './react/index.js'
export * from './dialog/index.js'
