import { composeStories } from '@storybook/react-vite'
import { render, screen } from '@testing-library/react'
import axe from 'axe-core'
import { afterEach, describe, expect, it } from 'vitest'
import { cdp } from 'vitest/browser'
import * as stories from '../../stories/dialog/ConflictDialog.stories.js'

const composed = Object.entries(composeStories(stories))

afterEach(async () => {
  await cdp().send('Emulation.setEmulatedMedia', { features: [] })
})

describe('every ConflictDialog story', () => {
  for (const scheme of ['light', 'dark'] as const) {
    describe(`given the ${scheme} color scheme`, () => {
      for (const [name, Story] of composed) {
        it(`then "${name}" opens with zero axe-core violations`, async () => {
          await cdp().send('Emulation.setEmulatedMedia', {
            features: [{ name: 'prefers-color-scheme', value: scheme }],
          })
          render(<Story />)
          const dialog = await screen.findByRole('dialog')
          await Promise.all(dialog.getAnimations().map((animation) => animation.finished))
          const { violations } = await axe.run(dialog, { resultTypes: ['violations'] })
          expect(violations.map((violation) => `${violation.id}: ${violation.nodes[0]?.html}`)).toEqual([])
        })
      }
    })
  }
})
