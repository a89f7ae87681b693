/**
 * ConflictDialog speed in Chromium under React's PRODUCTION build: the benchmark in
 * `bench/dialog/measure.tsx` (what is timed, the peers, the sample counts), run in a production Vite
 * build of `bench/dialog/production/` (react, react-dom and the JSX runtime all production, minified as
 * an app ships them), served from 127.0.0.1 and opened in Chromium with playwright-core. Keys are real
 * key presses through the browser protocol (Playwright's keyboard), one "x" per `window.benchPress()`.
 *
 * The build is proved production three ways before anything is timed, and the run fails otherwise:
 * 1. the bundle: React's production-only error decoder ("Minified React error #") is in it, and none
 *    of the development builds' code ("_debugStack", the missing-key warning, `jsxDEV`) is;
 * 2. React DevTools' own test: a stand-in `__REACT_DEVTOOLS_GLOBAL_HOOK__` installed before the page's
 *    scripts records the `bundleType` react-dom registers with (0 production, 1 development) and the
 *    production-only `checkDCE` call of `react-dom/client`;
 * 3. behaviour in the page (`detectReactBuild`): no `act`/`captureOwnerStack` export, elements without
 *    `_store`, and no missing-key warning.
 * The timed page is a separate, fresh page without the stand-in hook. Reports; asserts nothing
 * timing-related.
 *
 * Compare the React builds within one harness, not across this table and the Vitest one: the harnesses
 * differ (Vitest runs the page in an iframe of its orchestrator and presses keys through its own RPC).
 * A one-off control, this harness with React's development build, gave the same "input event →
 * handled" time as the production build here, several times the Vitest figure.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { chromium, type Browser, type Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { chromiumLaunchOptions } from '../build/chromium'
import { diff3Strict } from '../build/diff3-strict'
import { describeBuild, formatTable } from './dialog/measure'
import { inProductionMode } from '../test/e2e/support/build-demo-app'
import { type StaticServer, serveStatic } from '../test/e2e/support/static-server'

const PAGE_ROOT = fileURLToPath(new URL('./dialog/production/', import.meta.url))
/** Vitest browser mode's default viewport, so both harnesses lay the dialog out at the same size. */
const VIEWPORT = { width: 414, height: 896 }

let parent = ''
let bundle = ''
let server: StaticServer | undefined
let browser: Browser | undefined

/** Builds the bench page as an app ships: Vite's production build, NODE_ENV=production. */
async function buildPage(outDir: string): Promise<void> {
  await inProductionMode(() =>
    build({
      configFile: false,
      root: PAGE_ROOT,
      base: './',
      mode: 'production',
      logLevel: 'warn',
      publicDir: false,
      plugins: [diff3Strict(), react()],
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
    }),
  )
}

/** A fresh page of the built bench, recording its errors. */
async function open(
  init?: () => void,
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  if (!browser) throw new Error('browser not started')
  const context = await browser.newContext({ viewport: VIEWPORT })
  if (init) await context.addInitScript(init)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return { page, errors, close: () => context.close() }
}

const load = async (page: Page) => {
  await page.goto(`${server!.url}/index.html`, { waitUntil: 'load' })
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true')
}

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'conflict-safe-dialog-bench-'))
  const dir = join(parent, 'page')
  await buildPage(dir)
  const assets = (await readdir(join(dir, 'assets'))).filter((name) => name.endsWith('.js'))
  bundle = (await Promise.all(assets.map((name) => readFile(join(dir, 'assets', name), 'utf8')))).join('\n')
  server = await serveStatic(dir)
  browser = await chromium.launch(chromiumLaunchOptions())
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (parent) await rm(parent, { recursive: true, force: true })
})

it('opens a 200-field conflict with a 10,000-line text field, and types in its edit box (React production build)', async () => {
  // 1. The bundle holds React's production code and none of its development code.
  // (Plain booleans, so a failure names the marker instead of printing the whole bundle.)
  expect(bundle.includes('Minified React error #'), 'react-dom production error decoder').toBe(true)
  for (const devOnly of ['_debugStack', 'Each child in a list should have a unique', 'jsxDEV'])
    expect(bundle.includes(devOnly), `development-only code in the bundle: ${devOnly}`).toBe(false)

  // 2. and 3. What React tells DevTools, and how it behaves, in a probe page.
  const probe = await open(() => {
    const renderers: { bundleType: number; version: string; rendererPackageName: string }[] = []
    let dceChecks = 0
    Object.assign(window, {
      __REACT_DEVTOOLS_GLOBAL_HOOK__: {
        supportsFiber: true,
        isDisabled: false,
        renderers,
        inject(renderer: { bundleType: number; version: string; rendererPackageName: string }) {
          const { bundleType, version, rendererPackageName } = renderer
          renderers.push({ bundleType, version, rendererPackageName })
          return renderers.length
        },
        // react-dom's entry calls it only in its production branch.
        checkDCE() {
          dceChecks++
        },
        get dceChecks() {
          return dceChecks
        },
      },
    })
  })
  await load(probe.page)
  const devtools = await probe.page.evaluate(() => {
    const hook = (window as unknown as Record<string, { renderers: unknown; dceChecks: number }>)
      .__REACT_DEVTOOLS_GLOBAL_HOOK__!
    return { renderers: hook.renderers, dceChecks: hook.dceChecks }
  })
  const probed = await probe.page.evaluate(() => window.dialogBench!.detect())
  expect(probe.errors).toEqual([])
  await probe.close()
  expect(devtools.renderers).toEqual([
    { bundleType: 0, version: probed.version, rendererPackageName: 'react-dom' },
  ])
  expect(devtools.dceChecks).toBeGreaterThan(0)
  expect(probed).toMatchObject({ react: 'production', jsxRuntime: 'production', reactDom: 'production' })

  // The timed run, in a fresh page without the stand-in hook.
  const bench = await open()
  await bench.page.exposeFunction('benchPress', () => bench.page.keyboard.press('x'))
  await load(bench.page)
  const build = await bench.page.evaluate(() => window.dialogBench!.detect())
  expect(build).toEqual(probed)
  const result = await bench.page.evaluate(() => window.dialogBench!.run())
  expect(bench.errors).toEqual([])
  await bench.close()
  console.log(
    `React build proof: bundle has "Minified React error #" and no _debugStack/jsxDEV/missing-key warning; ` +
      `DevTools hook saw react-dom bundleType ${JSON.stringify(devtools.renderers)} and ${devtools.dceChecks} checkDCE call(s); ` +
      `in the page: ${JSON.stringify(build)}`,
  )
  console.log(
    formatTable(
      `ConflictDialog: 200 conflicting fields, one with 10,000 lines — ${describeBuild(build)} (Vite production bundle), ${result.browser} ${result.viewport} via playwright-core; ${result.samples}`,
      result.rows,
    ),
  )
})
