/**
 * Whether this is a development build, for developer-only views (the 428 configuration error).
 * Bundlers replace `process.env.NODE_ENV`; in a browser without one, `process` does not exist, so the
 * read is guarded and falls back to Vite's `import.meta.env.DEV`. Unknown means production.
 */
declare const process: { readonly env: Readonly<Record<string, string | undefined>> }

/** True in development builds (`process.env.NODE_ENV !== 'production'`, else `import.meta.env.DEV`). */
export function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return (import.meta as ImportMeta & { readonly env?: { readonly DEV?: boolean } }).env?.DEV === true
  }
}
