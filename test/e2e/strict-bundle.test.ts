/**
 * Proof that the library is strict-mode-safe as shipped: a production Vite build of the core entry
 * (with the diff3 plugin, as `npm run build` does), then a production build of a tiny consumer app
 * (`test/fixtures/consumer-app/`) that imports that built core WITHOUT the plugin, loaded in
 * Chromium from a loopback server. The merged text must appear and no page error may occur.
 *
 * A negative control bundles the published `diff3` package directly into the same app: in the
 * browser it throws `ed is not defined`, so this test would catch the defect if it came back.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS } from '../../build/chromium'
import { diff3Strict } from '../../build/diff3-strict'
import { type StaticServer, serveStatic } from './support/static-server'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const APP = fileURLToPath(new URL('../fixtures/consumer-app/', import.meta.url))

let workDir = ''
let coreFile = ''
let server: StaticServer | undefined
let browser: Browser | undefined

/** Opens a page of the built app; returns the text of its outputs and every page error. */
async function visit(page: string): Promise<{ outputs: Record<string, string>; errors: string[] }> {
  if (!browser) throw new Error('browser not started')
  const context = await browser.newContext()
  const tab = await context.newPage()
  const errors: string[] = []
  tab.on('pageerror', (error) => errors.push(error.message))
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await tab.goto(`${server!.url}/${page}`, { waitUntil: 'load' })
  // Module scripts have run by 'load'; give a failing one a moment to report.
  await tab.waitForTimeout(100)
  const outputs = await tab.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('output')].map((output) => [output.id, output.textContent ?? '']),
    ),
  )
  await context.close()
  return { outputs, errors }
}

describe('a production consumer bundle runs mergeText in Chromium (strict mode)', () => {
  beforeAll(async () => {
    // Inside the project, so the consumer build resolves the library's own dependency (immer) as an
    // installed app would, from node_modules.
    const cache = join(ROOT, 'node_modules', '.cache')
    await mkdir(cache, { recursive: true })
    workDir = await mkdtemp(join(cache, 'conflict-safe-strict-bundle-'))
    // 1. The library's core, built as `npm run build` builds it.
    await build({
      configFile: false,
      root: ROOT,
      logLevel: 'warn',
      publicDir: false,
      mode: 'production',
      plugins: [diff3Strict()],
      build: {
        outDir: join(workDir, 'lib'),
        emptyOutDir: true,
        minify: false,
        target: 'es2022',
        reportCompressedSize: false,
        lib: { entry: join(ROOT, 'src/core/index.ts'), formats: ['es'], fileName: () => 'core.js' },
        rolldownOptions: { external: ['immer'] },
      },
    })
    coreFile = join(workDir, 'lib', 'core.js')

    // 2. The consumer app, built WITHOUT the diff3 plugin, importing the built core.
    await build({
      configFile: false,
      root: APP,
      base: './',
      logLevel: 'warn',
      publicDir: false,
      mode: 'production',
      resolve: { alias: { 'conflict-safe/core': coreFile } },
      build: {
        outDir: join(workDir, 'app'),
        emptyOutDir: true,
        target: 'es2022',
        reportCompressedSize: false,
        rolldownOptions: { input: { index: join(APP, 'index.html'), raw: join(APP, 'raw.html') } },
      },
    })
    server = await serveStatic(join(workDir, 'app'))
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (workDir) await rm(workDir, { recursive: true, force: true })
  })

  it('ships diff3 inside the core bundle, with the declaration added and its MIT notice', async () => {
    const core = await readFile(coreFile, 'utf8')
    expect(core).not.toMatch(/from\s*["']diff3["']/)
    // onp.js is inside; its undeclared assignment is gone (declared by the plugin, then dropped as unused).
    expect(core).toContain('delta + 2 * p')
    expect(core).not.toMatch(/^\s*ed = delta/m)
    expect(core).toContain('Permission is hereby granted, free of charge')
    expect(core).toContain('Tony Garnock-Jones')
  })

  it('merges text in the browser with no page error', async () => {
    const page = await visit('index.html')
    expect(page.errors).toEqual([])
    expect(JSON.parse(page.outputs.merged ?? '')).toEqual(['A\nb\nC\n', 'the slow red fox'])
    expect(page.outputs.conflicts).toBe('1')
  })

  it('negative control: the published diff3 bundled without the plugin throws "ed is not defined"', async () => {
    const page = await visit('raw.html')
    expect(page.errors.join('\n')).toMatch(/ed is not defined/)
    expect(page.outputs.merged).toBe('(not yet)')
  })
})
