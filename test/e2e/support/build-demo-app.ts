/**
 * Builds the end-to-end demo app (`test/e2e/demo-app/`) with Vite's JS API into a temporary directory: a
 * production bundle, as a user's app would ship it (the strict-mode-safe diff3 plugin included, since a
 * browser bundle is where diff3's sloppy-mode defect would bite).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { build } from 'vite'
import { diff3Strict } from '../../../build/diff3-strict'

/** A built demo app. */
export interface BuiltDemoApp {
  /** The directory holding `index.html` and `assets/`. */
  readonly dir: string
  /** Every built file's text, by path relative to `dir` (`index.html`, `assets/index-….js`). */
  readonly files: Readonly<Record<string, string>>
  /** Removes the directory. */
  remove(): Promise<void>
}

const APP_ROOT = fileURLToPath(new URL('../demo-app/', import.meta.url))

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await listFiles(path)))
    else found.push(path)
  }
  return found
}

/** Builds the demo app in production mode (relative asset URLs, so it can be served from any folder). */
/**
 * Runs `run` (a Vite build) with NODE_ENV=production. Vite and the React plugin take "production" from
 * NODE_ENV, which Vitest sets to 'test': without this a bundle would hold React's development build (and
 * JSX compiled for it). Restored right after.
 */
export async function inProductionMode<T>(run: () => Promise<T>): Promise<T> {
  const nodeEnv = process.env['NODE_ENV']
  process.env['NODE_ENV'] = 'production'
  try {
    return await run()
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV']
    else process.env['NODE_ENV'] = nodeEnv
  }
}

export async function buildDemoApp(): Promise<BuiltDemoApp> {
  const parent = await mkdtemp(join(tmpdir(), 'conflict-safe-demo-app-'))
  const dir = join(parent, 'app')
  await inProductionMode(() => buildApp(dir))
  const files: Record<string, string> = {}
  for (const path of await listFiles(dir)) files[relative(dir, path)] = await readFile(path, 'utf8')
  return { dir, files, remove: () => rm(parent, { recursive: true, force: true }) }
}

async function buildApp(dir: string): Promise<void> {
  await build({
    configFile: false,
    root: APP_ROOT,
    base: './',
    mode: 'production',
    logLevel: 'warn',
    publicDir: false,
    plugins: [diff3Strict(), react()],
    build: {
      outDir: dir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      reportCompressedSize: false,
    },
  })
}
