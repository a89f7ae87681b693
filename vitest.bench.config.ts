/// <reference types="vitest/config" />
// `npm run bench`: benchmarks, kept out of `npm test`. Each bench file measures itself against a
// named peer in the same run and prints medians and ratios (console tables). The projects run one
// after another (`sequence.groupOrder`), so no benchmark shares this machine's cores with another.
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vite'
import { chromiumLaunchOptions } from './build/chromium.ts'
import { diff3Strict } from './build/diff3-strict.ts'

export default defineConfig({
  plugins: [diff3Strict(), react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'bench-node',
          environment: 'node',
          include: ['bench/**/*.bench.ts'],
          exclude: ['bench/**/*.production.bench.ts', '**/node_modules/**'],
          testTimeout: 600_000,
          fileParallelism: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'bench-browser',
          include: ['bench/**/*.browser.bench.{ts,tsx}'],
          testTimeout: 600_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }],
          },
        },
        optimizeDeps: {
          include: [
            'react',
            'react/jsx-runtime',
            'react-dom',
            'react-dom/client',
            '@tanstack/react-query',
            '@testing-library/react',
          ],
        },
      },
      {
        // React's production build: these files build a production bundle with Vite and drive it in
        // Chromium themselves (playwright-core), as Vitest's browser mode only serves the development build.
        extends: true,
        test: {
          name: 'bench-production',
          environment: 'node',
          include: ['bench/**/*.production.bench.ts'],
          testTimeout: 600_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
})
