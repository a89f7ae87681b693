/**
 * Where the browser tests find Chromium. Playwright cannot download its own browser on this
 * machine, so tests use a system Chromium: `$CHROMIUM_PATH`, else `/usr/bin/chromium`.
 * `scripts/test.mjs` checks (and on Debian as root, installs) it before any test starts.
 */
import { existsSync } from 'node:fs'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** The path of the Chromium binary the tests launch. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) return fromEnv
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : 'chromium'
}

/** Launch options for Playwright (`chromium.launch(...)` and the Vitest browser provider). */
export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
  return { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] }
}
