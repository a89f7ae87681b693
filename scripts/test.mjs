#!/usr/bin/env node
// `npm test`: the type check, the formatter's check, the linter, then every Vitest project (node, jsdom, Chromium browser tests,
// end-to-end tests and Storybook story tests). Browser tests are never skipped: without a Chromium
// this script installs Debian's (as root with apt-get) or stops with a one-line message.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean)
  return candidates.find((path) => existsSync(path))
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0
}

let chromium = findChromium()
if (!chromium) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && hasCommand('apt-get')) {
    console.log("conflict-safe: no Chromium found; installing Debian's chromium with apt-get…")
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit' })
    chromium = findChromium()
  }
  if (!chromium) {
    console.error(
      'conflict-safe: browser tests need Chromium: install it (Debian: `sudo apt-get install chromium`) or set CHROMIUM_PATH to its binary.',
    )
    process.exit(1)
  }
}

const env = { ...process.env, CHROMIUM_PATH: chromium }
const steps = [
  ['type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['format', 'npx', ['prettier', '--check', '.']],
  ['lint', 'npx', ['eslint', '.']],
  ['tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
]
for (const [label, command, args] of steps) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env })
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${result.status ?? result.signal}).`)
    process.exit(result.status ?? 1)
  }
}
