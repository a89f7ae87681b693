/**
 * Vite/Rolldown plugin that makes the npm package `diff3` (0.0.4) safe under strict mode.
 *
 * `diff3`'s `onp.js` assigns to the undeclared variable `ed`. CommonJS in Node runs sloppy, so it
 * works there, but every ES-module bundle (Vite, Rollup, esbuild, the browser) is strict and the
 * first merge throws `ReferenceError: ed is not defined`.
 *
 * This plugin resolves `import diff3Merge from 'diff3'` to a virtual ES module built from the
 * package's own two files at build time, with the missing declaration added (`var ed = ...`).
 * Nothing is defined globally at run time. The library build inlines the result, so consumers of
 * `dist/` never load the defective original. The package's MIT notices travel with the code
 * (see THIRD_PARTY_NOTICES.md).
 *
 * If a future `diff3` release changes the patched line, the build fails loudly instead of silently
 * shipping the defect.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'

const VIRTUAL_ID = '\0conflict-safe:diff3-strict'
const UNDECLARED = /^(\s*)ed = delta \+ 2 \* p;/m

/** Reads diff3's sources and returns one strict-mode-safe ES module. Exported for tests. */
export function buildStrictDiff3Module(): string {
  const require = createRequire(import.meta.url)
  const packageDir = dirname(require.resolve('diff3/package.json'))
  const onpSource = readFileSync(join(packageDir, 'onp.js'), 'utf8')
  const diff3Source = readFileSync(join(packageDir, 'diff3.js'), 'utf8')

  if (!UNDECLARED.test(onpSource)) {
    throw new Error(
      "conflict-safe: diff3's onp.js no longer contains the line `ed = delta + 2 * p;`. " +
        'Check whether upstream fixed the strict-mode defect and update build/diff3-strict.ts.',
    )
  }
  const patchedOnp = onpSource.replace(UNDECLARED, '$1var ed = delta + 2 * p;')

  return [
    '"use strict";',
    // A legal comment (`/*! … */`) survives bundling and minification, so the MIT notices ship with the code.
    `/*! ${licenseOf(diff3Source)} */`,
    `/*! ${licenseOf(onpSource)} */`,
    // Each CommonJS file runs in its own function that returns its exports. The calls are marked pure,
    // so a bundle that never merges text (a consumer importing only the dialog) drops diff3 entirely.
    'const __onpExports = /* @__PURE__ */ (function (module) {',
    patchedOnp,
    ';return module.exports;',
    '})({ exports: {} });',
    'const __diff3Exports = /* @__PURE__ */ (function (module, require) {',
    diff3Source,
    ';return module.exports;',
    '})({ exports: {} }, function () { return __onpExports; });',
    'export default __diff3Exports;',
  ].join('\n')
}

/** The leading licence comment of a source file, as one block comment's text. */
function licenseOf(source: string): string {
  const header = source.match(/^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/))+/)?.[0] ?? ''
  const text = header
    .split('\n')
    .map((line) => line.replace(/^\s*(?:\/\/|\/\*+|\*\/|\*)\s?/, '').trimEnd())
    .join('\n')
    .replace(/\*\//g, '* /')
    .trim()
  return `diff3 0.0.4 (MIT), inlined by conflict-safe with a strict-mode fix.\n${text}\n`
}

/** The plugin: `import x from 'diff3'` → the patched virtual module. */
export function diff3Strict(): Plugin {
  return {
    name: 'conflict-safe:diff3-strict',
    enforce: 'pre',
    resolveId(source) {
      return source === 'diff3' ? VIRTUAL_ID : null
    },
    load(id) {
      return id === VIRTUAL_ID ? buildStrictDiff3Module() : null
    },
  }
}
