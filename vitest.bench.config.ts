/// <reference types="vitest/config" />
// `npm run bench`: benchmarks, kept out of `npm test`. Each bench file measures itself against a
// named peer in the same run and prints medians and ratios (console tables).
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
          testTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'bench-browser',
          include: ['bench/**/*.browser.bench.{ts,tsx}'],
          testTimeout: 600_000,
          fileParallelism: false,
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
    ],
  },
})
