import { setProjectAnnotations } from '@storybook/react-vite'
import * as projectAnnotations from './preview'

// Apply the preview's loaders, decorators and parameters to every story that runs as a test.
setProjectAnnotations([projectAnnotations])
