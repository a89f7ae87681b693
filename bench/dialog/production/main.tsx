/**
 * The page of the production ConflictDialog benchmark: `bench/dialog.production.bench.ts` builds it
 * with Vite in production mode, opens it in Chromium and calls `window.dialogBench`. Key presses come
 * from the driver (`window.benchPress`, bound to Playwright's keyboard: real CDP key events).
 */
import { type DialogBenchResult, type ReactBuild, detectReactBuild, runDialogBench } from '../measure'

declare global {
  interface Window {
    /** Bound by the driver: presses "x" through the browser protocol and resolves when it was dispatched. */
    benchPress?: () => Promise<void>
    dialogBench?: {
      readonly detect: () => ReactBuild
      readonly run: () => Promise<DialogBenchResult>
    }
  }
}

window.dialogBench = {
  detect: detectReactBuild,
  run: () =>
    runDialogBench(() => {
      if (!window.benchPress) throw new Error('the driver did not bind window.benchPress')
      return window.benchPress()
    }),
}
document.documentElement.dataset.ready = 'true'
