import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { diff3Strict } from '../build/diff3-strict.ts'

/** Storybook's own Vite config: the React plugin and the strict-mode-safe diff3, nothing else. */
export default defineConfig({
  plugins: [diff3Strict(), react()],
})
