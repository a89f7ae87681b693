/**
 * ConflictDialog speed in Chromium under React's DEVELOPMENT build (Vitest browser mode serves it):
 * the benchmark in `bench/dialog/measure.tsx` (what is timed, the peers, the sample counts), with real
 * key presses through Vitest's Playwright provider. The same benchmark under React's production build
 * is `bench/dialog.production.bench.ts`. Reports; asserts nothing timing-related, only that the build
 * really is the development one, so the printed title cannot lie.
 */
import { expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { describeBuild, detectReactBuild, formatTable, runDialogBench } from './dialog/measure'

it('opens a 200-field conflict with a 10,000-line text field, and types in its edit box (React development build)', async () => {
  const build = detectReactBuild()
  expect(build).toMatchObject({ react: 'development', jsxRuntime: 'development', reactDom: 'development' })
  const result = await runDialogBench(() => userEvent.keyboard('x'))
  console.log(
    formatTable(
      `ConflictDialog: 200 conflicting fields, one with 10,000 lines — ${describeBuild(build)}, Vitest browser mode, ${result.browser} ${result.viewport}; ${result.samples}`,
      result.rows,
    ),
  )
})
