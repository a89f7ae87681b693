import type { Preview } from '@storybook/react-vite'
import { mswLoader } from 'msw-storybook-addon/csf3'

/**
 * Every story may declare `parameters.msw.handlers`; the MSW worker (public/mockServiceWorker.js,
 * served through `staticDirs`) answers those requests inside the browser, so no story needs a server.
 */
const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  loaders: [mswLoader()],
}

export default preview
