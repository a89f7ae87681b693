/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vite'
import { diff3Strict } from './build/diff3-strict.ts'
import { chromiumLaunchOptions } from './build/chromium.ts'

const root = fileURLToPath(new URL('.', import.meta.url))

/** Library entry points; each becomes `dist/<name>.js` and a subpath in package.json `exports`. */
const entries = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  server: 'src/server/index.ts',
  'react-hook-form': 'src/react-hook-form/index.ts',
}

/** Everything a consumer brings: never bundled. */
const external = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@tanstack/react-query',
  'immer',
  'react-hook-form',
]

/** Headless Chromium for one Vitest project; each project gets its own object (Vitest names instances per project). */
function browser() {
  return {
    enabled: true,
    headless: true,
    provider: playwright({ launchOptions: chromiumLaunchOptions() }),
    instances: [{ browser: 'chromium' as const }],
    screenshotFailures: false,
  }
}

/**
 * Dependencies pre-bundled up front for browser projects: discovering them mid-run makes Vite reload
 * and can leave two copies of React on a cold cache.
 */
const optimizeDeps = {
  include: [
    'react',
    'react/jsx-runtime',
    'react/jsx-dev-runtime',
    'react-dom',
    'react-dom/client',
    '@tanstack/react-query',
    'react-hook-form',
    '@testing-library/react',
    '@testing-library/user-event',
    'axe-core',
  ],
}

export default defineConfig({
  plugins: [diff3Strict(), react()],
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    lib: {
      entry: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, `${root}${file}`])),
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      external: (id: string) => external.some((name) => id === name || id.startsWith(`${name}/`)),
    },
  },
  test: {
    // Each project is one environment; `npm test` runs them all.
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.browser.test.*', 'test/e2e/**', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx', 'test/**/*.test.tsx'],
          exclude: ['**/*.browser.test.*', 'test/e2e/**', '**/node_modules/**'],
          setupFiles: ['test/setup/jsdom.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.{ts,tsx}', 'test/**/*.browser.test.{ts,tsx}'],
          setupFiles: ['test/setup/browser.ts'],
          browser: browser(),
        },
        optimizeDeps,
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: `${root}.storybook` })],
        // addon-vitest (10.3+) applies .storybook/preview.tsx's annotations (the MSW loader) itself.
        test: {
          name: 'storybook',
          browser: browser(),
        },
        optimizeDeps,
      },
    ],
  },
})
