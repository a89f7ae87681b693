// Copies the dialog's plain CSS file to dist/styles.css (the `conflict-safe/styles.css` export).
import { copyFileSync, mkdirSync } from 'node:fs'
mkdirSync('dist', { recursive: true })
copyFileSync('src/dialog/styles.css', 'dist/styles.css')
