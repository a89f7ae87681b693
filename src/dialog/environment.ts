/**
 * Whether this is a development build, for developer-only views (the 428 configuration error).
 * The app's bundler replaces `process.env.NODE_ENV`, as it does for React itself. Where nothing replaced
 * it and there is no `process` (an unbundled page), the read throws and the answer is production: the
 * safe side, since developer details are never shown to people by mistake.
 */
declare const process: { readonly env: Readonly<Record<string, string | undefined>> }

/** True in development builds (`process.env.NODE_ENV !== 'production'`); false when that cannot be read. */
export function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return false
  }
}
