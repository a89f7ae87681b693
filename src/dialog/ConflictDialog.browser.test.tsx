import { act, render, screen, within } from '@testing-library/react'
import axe from 'axe-core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cdp, page, userEvent } from 'vitest/browser'
import type { SaveConflict } from '../core/conflict.js'
import { ConflictDialog } from './ConflictDialog.js'
import { mergeValues, resolve } from '../core/merge/index.js'
import type { ConflictChoices } from '../core/merge/types.js'
import {
  baseArticle,
  deletedConflict,
  duplicateConflict,
  type FixtureHandlers,
  inProgressConflict,
  largeMergeConflict,
  mergeConflict,
  mineArticle,
  preconditionConflict,
  stateConflict,
  theirsArticle,
} from './fixtures.js'
import './styles.css'
import { Harness } from './testing.js'

const labels = {
  title: 'Title',
  body: 'Body',
  price: 'Price (EUR)',
  dueDate: 'Due date',
  tags: 'Tags',
  lines: 'Order lines',
}

function spies() {
  return {
    resolve: vi.fn(),
    cancel: vi.fn(),
    retry: vi.fn(),
    reload: vi.fn(),
    restore: vi.fn(),
    acceptDeletion: vi.fn(),
  } satisfies FixtureHandlers
}

/** Renders the page, presses its Save button (the opener) and waits for the dialog and its animation. */
async function open(conflict: SaveConflict<unknown>, props: Partial<Parameters<typeof Harness>[0]> = {}) {
  render(<Harness conflict={conflict} labels={labels} {...props} />)
  await userEvent.click(screen.getByRole('button', { name: 'Save' }))
  const element = await shown()
  return { element, dialog: within(element) }
}

/** The open dialog, once its opening animation has finished. */
async function shown() {
  const element = await screen.findByRole('dialog')
  await Promise.all(element.getAnimations().map((animation) => animation.finished))
  return element
}

async function axeViolations(element: Element) {
  const results = await axe.run(element, { resultTypes: ['violations'] })
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`,
  )
}

const region = (name: string) => within(screen.getByRole('region', { name }))

afterEach(async () => {
  await page.viewport(1100, 800)
  await cdp().send('Emulation.setEmulatedMedia', { features: [] })
})

describe('ConflictDialog', () => {
  describe('given a merge conflict', () => {
    let handlers: ReturnType<typeof spies>
    beforeEach(() => {
      handlers = spies()
    })

    describe('when it opens', () => {
      it('then it is a modal dialog labelled by its title and described by the counts', async () => {
        const { element } = await open(mergeConflict(handlers))
        expect(element.tagName).toBe('DIALOG')
        expect(element).toHaveAttribute('aria-modal', 'true')
        expect(element).toHaveAccessibleName('Someone else saved this record while you were editing')
        expect(element).toHaveAccessibleDescription(
          '2 changes merged automatically. 6 fields need your decision.',
        )
        expect((element as HTMLDialogElement).open).toBe(true)
        expect(element.matches(':modal')).toBe(true)
      })

      it('then the header says who saved and when', async () => {
        const { dialog } = await open(mergeConflict(handlers))
        const expected = new Intl.DateTimeFormat(undefined, {
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(new Date('2025-11-25T09:41:00Z'))
        expect(dialog.getByText(`Saved by Grace Hopper on ${expected}.`)).toBeVisible()
        expect(dialog.getByText('Reference: req-7f3a2c')).toBeVisible()
      })

      it('then focus is on the first decision, and the live region counts every decision', async () => {
        const { dialog } = await open(mergeConflict(handlers))
        expect(document.activeElement).toBe(region('Title').getByRole('radio', { name: 'Keep mine' }))
        expect(dialog.getByText('6 decisions left.')).toHaveAttribute('role', 'status')
        expect(dialog.getByRole('button', { name: 'Save merged' })).toHaveAttribute('aria-disabled', 'true')
      })

      it('then mine and theirs are shown side by side and base is hidden', async () => {
        await open(mergeConflict(handlers))
        const title = screen.getByRole('region', { name: 'Title' })
        const [mine, theirs] = [...title.querySelectorAll<HTMLElement>('[data-side]')]
        expect(mine).toHaveTextContent('MineQuarterly report: Q3 draft')
        // What mine added is highlighted, with a prefix that only screen readers get.
        const added = mine!.querySelector('ins')!
        expect(added).toHaveTextContent(': Q3 draft')
        expect(getComputedStyle(added, '::before').content).toBe('"added: "')
        expect(getComputedStyle(added, '::before').clipPath).toBe('inset(50%)')
        expect(theirs).toHaveAttribute('data-side', 'theirs')
        expect(mine!.getBoundingClientRect().top).toBe(theirs!.getBoundingClientRect().top)
        expect(mine!.getBoundingClientRect().right).toBeLessThanOrEqual(theirs!.getBoundingClientRect().left)
        expect(title.querySelector('[data-side=base]')).toBeNull()
      })

      it('then there are zero axe-core violations', async () => {
        const { element } = await open(mergeConflict(handlers))
        expect(await axeViolations(element)).toEqual([])
      })
    })

    describe('when every part is on screen (base, editors, an invalid edit, hunk choices, summary, copy box)', () => {
      it('then there are still zero axe-core violations', async () => {
        const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'))
        const { element, dialog } = await open(mergeConflict(handlers))
        await userEvent.click(dialog.getByRole('button', { name: 'Show base for all' }))
        await userEvent.click(region('Title').getByRole('radio', { name: 'Edit' }))
        await userEvent.click(region('Price (EUR)').getByRole('radio', { name: 'Edit' }))
        await userEvent.fill(region('Price (EUR)').getByRole('textbox'), 'abc')
        await userEvent.click(
          within(region('Body').getByRole('group', { name: 'Change 1 of 2' })).getByRole('radio', {
            name: 'Both',
          }),
        )
        await userEvent.click(region('Gadget').getByRole('radio', { name: 'Take theirs' }))
        await userEvent.click(dialog.getByText('2 changes merged automatically'))
        await userEvent.click(dialog.getByRole('button', { name: 'Copy my version' }))
        await dialog.findByRole('textbox', { name: 'Copy my version' })
        expect(await axeViolations(element)).toEqual([])
        writeText.mockRestore()
      })
    })

    describe('when the person takes theirs, keeps mine and edits, field by field', () => {
      it('then Save merged calls resolve with exactly those choices and the dialog closes', async () => {
        const { dialog } = await open(mergeConflict(handlers))
        await userEvent.click(region('Title').getByRole('radio', { name: 'Take theirs' }))
        await userEvent.click(region('Body').getByRole('radio', { name: 'Keep mine' }))
        await userEvent.click(region('Price (EUR)').getByRole('radio', { name: 'Edit' }))
        const price = region('Price (EUR)').getByRole('textbox', { name: 'New value of Price (EUR)' })
        expect(price).toHaveValue('125')
        await userEvent.fill(price, '127.5')
        await userEvent.click(region('Due date').getByRole('radio', { name: 'Take theirs' }))
        await userEvent.click(region('Item 2').getByRole('radio', { name: 'Keep mine' }))
        expect(dialog.getByText('1 decision left.')).toBeVisible()
        await userEvent.click(region('Gadget').getByRole('radio', { name: 'Take theirs' }))
        expect(dialog.getByText('Every conflict has a choice. Ready to save.')).toBeVisible()
        const save = dialog.getByRole('button', { name: 'Save merged' })
        expect(save).toHaveAttribute('aria-disabled', 'false')
        await userEvent.click(save)
        expect(handlers.resolve).toHaveBeenCalledTimes(1)
        expect(handlers.resolve).toHaveBeenCalledWith({
          title: 'theirs',
          body: 'mine',
          price: { value: 127.5 },
          dueDate: 'theirs',
          'tags[1]': 'mine',
          'lines[id=2]': 'theirs',
        })
        expect(handlers.cancel).not.toHaveBeenCalled()
        expect(screen.queryByRole('dialog')).toBeNull()
      })
    })

    describe('when a field is set to Edit', () => {
      it('then the editor is prefilled with the current choice and typing decides the field', async () => {
        await open(mergeConflict(handlers))
        const title = region('Title')
        await userEvent.click(title.getByRole('radio', { name: 'Take theirs' }))
        await userEvent.click(title.getByRole('radio', { name: 'Edit' }))
        const box = title.getByRole('textbox', { name: 'New value of Title' })
        expect(box).toHaveValue('Q3 quarterly report')
        await userEvent.type(box, '!')
        expect(screen.getByRole('region', { name: 'Title' })).toHaveAttribute('data-choice', 'edit')
        expect(screen.getByRole('region', { name: 'Title' })).toHaveAttribute('data-state', 'decided')
      })

      it('then text that is not a number marks the box invalid and leaves the field undecided', async () => {
        const { dialog } = await open(mergeConflict(handlers))
        await userEvent.click(region('Price (EUR)').getByRole('radio', { name: 'Edit' }))
        expect(dialog.getByText('5 decisions left.')).toBeVisible()
        const box = region('Price (EUR)').getByRole('textbox')
        await userEvent.fill(box, 'twelve')
        expect(box).toHaveAttribute('aria-invalid', 'true')
        expect(box).toHaveAccessibleDescription('Enter a number.')
        expect(dialog.getByText('6 decisions left.')).toBeVisible()
        await userEvent.fill(box, '12')
        expect(box).not.toHaveAttribute('aria-invalid')
        expect(dialog.getByText('5 decisions left.')).toBeVisible()
      })

      it('then an array item is edited as JSON', async () => {
        await open(mergeConflict(handlers))
        await userEvent.click(region('Gadget').getByRole('radio', { name: 'Edit' }))
        const box = region('Gadget').getByRole('textbox')
        expect(JSON.parse((box as HTMLTextAreaElement).value)).toEqual({ id: 2, name: 'Gadget', qty: 3 })
        await userEvent.fill(box, '{"id": 2, "name": "Gadget", "qty": ')
        expect(box).toHaveAccessibleDescription('Enter valid JSON.')
      })
    })

    describe('when a text field is decided change by change', () => {
      it('then each change has its own choice, including both, and resolve gets the hunk choices', async () => {
        const { dialog } = await open(mergeConflict(handlers))
        const body = region('Body')
        expect(body.getByText('strongly', { selector: 'ins' })).toBeVisible()
        expect(body.getByText('continue', { selector: 'del' })).toBeVisible()
        await userEvent.click(
          within(body.getByRole('group', { name: 'Change 1 of 2' })).getByRole('radio', { name: 'Both' }),
        )
        expect(screen.getByRole('region', { name: 'Body' })).toHaveAttribute('data-state', 'undecided')
        expect(screen.getByRole('region', { name: 'Body' })).toHaveAttribute('data-choice', 'hunks')
        await userEvent.click(
          within(body.getByRole('group', { name: 'Change 2 of 2' })).getByRole('radio', { name: 'Theirs' }),
        )
        expect(screen.getByRole('region', { name: 'Body' })).toHaveAttribute('data-state', 'decided')
        expect(body.getByRole('group', { name: 'Change 1 of 2' })).toHaveAttribute('data-choice', 'both')
        // The whole-field radios show no choice while the field is decided per change.
        expect(
          within(body.getByRole('group', { name: 'Or for the whole of Body:' })).queryByRole('radio', {
            checked: true,
          }),
        ).toBeNull()
        for (const name of ['Title', 'Price (EUR)', 'Due date', 'Item 2', 'Gadget']) {
          await userEvent.click(region(name).getByRole('radio', { name: 'Keep mine' }))
        }
        await userEvent.click(dialog.getByRole('button', { name: 'Save merged' }))
        expect(handlers.resolve).toHaveBeenCalledWith(
          expect.objectContaining({ body: { hunks: ['both', 'theirs'] } }),
        )
      })

      it('then Edit is prefilled with the text of the changes chosen so far', async () => {
        await open(mergeConflict(handlers))
        const body = region('Body')
        await userEvent.click(
          within(body.getByRole('group', { name: 'Change 1 of 2' })).getByRole('radio', { name: 'Both' }),
        )
        await userEvent.click(body.getByRole('radio', { name: 'Edit' }))
        expect(body.getByRole('textbox', { name: 'New value of Body' })).toHaveValue(
          'Revenue grew strongly in the third quarter.\nRevenue grew by 12% in the third quarter.\nCosts stayed flat.\nWe expect steady growth to continue next year.\n',
        )
      })
    })

    describe('when base is asked for', () => {
      it('then one field or every field shows base', async () => {
        const { dialog } = await open(mergeConflict(handlers))
        const title = screen.getByRole('region', { name: 'Title' })
        await userEvent.click(within(title).getByRole('button', { name: 'Show base' }))
        expect(title.querySelector('[data-side=base]')).toHaveTextContent('BaseQuarterly report')
        expect(
          screen.getByRole('region', { name: 'Price (EUR)' }).querySelector('[data-side=base]'),
        ).toBeNull()
        await userEvent.click(dialog.getByRole('button', { name: 'Show base for all' }))
        expect(
          screen.getByRole('region', { name: 'Price (EUR)' }).querySelector('[data-side=base]'),
        ).toHaveTextContent('120')
        expect(
          screen.getByRole('region', { name: 'Due date' }).querySelector('[data-side=base]'),
        ).toHaveTextContent('(none)')
        expect(within(screen.getByRole('region', { name: 'Body' })).getAllByText('Base')).toHaveLength(2)
        await userEvent.click(dialog.getByRole('button', { name: 'Hide base for all' }))
        expect(screen.getByRole('dialog').querySelector('[data-side=base]')).toBeNull()
      })
    })

    describe('when Save merged is pressed before every conflict has a choice', () => {
      it('then nothing is saved and focus moves to the first undecided field', async () => {
        const { dialog } = await open(mergeConflict(handlers))
        await userEvent.click(region('Title').getByRole('radio', { name: 'Keep mine' }))
        // aria-disabled keeps it focusable and pressable (Playwright's click refuses it, so press Enter).
        dialog.getByRole('button', { name: 'Save merged' }).focus()
        await userEvent.keyboard('{Enter}')
        expect(handlers.resolve).not.toHaveBeenCalled()
        expect(screen.getByRole('dialog')).toBeVisible()
        expect(document.activeElement).toBe(
          within(
            within(screen.getByRole('region', { name: 'Body' })).getByRole('group', {
              name: 'Change 1 of 2',
            }),
          ).getByRole('radio', { name: 'Mine' }),
        )
      })
    })

    describe('when the person works with the keyboard alone', () => {
      it('then arrow keys choose within a field, Tab moves on, and Enter on Save merged saves', async () => {
        const { dialog } = await open(mergeConflict(handlers))
        // Title: focus starts on "Keep mine"; the right arrow takes theirs.
        await userEvent.keyboard('{ArrowRight}')
        expect(region('Title').getByRole('radio', { name: 'Take theirs' })).toBeChecked()
        expect(document.activeElement).toBe(region('Title').getByRole('radio', { name: 'Take theirs' }))
        await userEvent.keyboard('{ArrowLeft}')
        expect(region('Title').getByRole('radio', { name: 'Keep mine' })).toBeChecked()
        // Tab goes to the next group, the body's base toggle first.
        await userEvent.keyboard('{Tab}')
        expect(document.activeElement).toBe(region('Body').getByRole('button', { name: 'Show base' }))
        await userEvent.keyboard('{Tab}')
        await userEvent.keyboard('{ArrowRight}{ArrowRight}') // Change 1: Both
        await userEvent.keyboard('{Tab}{ArrowRight}') // Change 2: Theirs
        expect(screen.getByRole('region', { name: 'Body' })).toHaveAttribute('data-state', 'decided')
        for (const name of ['Price (EUR)', 'Due date', 'Item 2', 'Gadget']) {
          // Past the whole-field group (or the previous field's radios) and the field's base toggle.
          while (document.activeElement !== region(name).getByRole('button', { name: 'Show base' })) {
            await userEvent.keyboard('{Tab}')
          }
          await userEvent.keyboard('{Tab}{ArrowRight}')
          expect(screen.getByRole('region', { name })).toHaveAttribute('data-choice', 'theirs')
        }
        expect(dialog.getByText('Every conflict has a choice. Ready to save.')).toBeVisible()
        const save = dialog.getByRole('button', { name: 'Save merged' })
        while (document.activeElement !== save) await userEvent.keyboard('{Tab}')
        await userEvent.keyboard('{Enter}')
        expect(handlers.resolve).toHaveBeenCalledWith({
          title: 'mine',
          body: { hunks: ['both', 'theirs'] },
          price: 'theirs',
          dueDate: 'theirs',
          'tags[1]': 'theirs',
          'lines[id=2]': 'theirs',
        })
        expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Save' }))
      })

      it('then Tab from the last control wraps to the first, and Shift+Tab back', async () => {
        const { dialog } = await open(mergeConflict(handlers))
        const save = dialog.getByRole('button', { name: 'Save merged' })
        save.focus()
        await userEvent.keyboard('{Tab}')
        expect(document.activeElement).toBe(dialog.getByRole('button', { name: 'Show base for all' }))
        await userEvent.keyboard('{Shift>}{Tab}{/Shift}')
        expect(document.activeElement).toBe(save)
      })
    })

    describe('when Escape is pressed', () => {
      it('then the conflict is cancelled once, the dialog closes and focus returns to the opener', async () => {
        await open(mergeConflict(handlers))
        await userEvent.click(region('Title').getByRole('radio', { name: 'Take theirs' }))
        await userEvent.keyboard('{Escape}')
        expect(handlers.cancel).toHaveBeenCalledTimes(1)
        expect(handlers.resolve).not.toHaveBeenCalled()
        expect(screen.queryByRole('dialog')).toBeNull()
        expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Save' }))
        await new Promise((done) => setTimeout(done, 50))
        expect(handlers.cancel).toHaveBeenCalledTimes(1)
      })
    })

    describe('when Cancel is clicked', () => {
      it('then the conflict is cancelled (the draft is kept by the caller) and focus returns', async () => {
        const { dialog } = await open(mergeConflict(handlers))
        await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }))
        expect(handlers.cancel).toHaveBeenCalledTimes(1)
        expect(screen.queryByRole('dialog')).toBeNull()
        expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Save' }))
      })
    })

    describe('when Copy my version is clicked', () => {
      it('then mine is on the clipboard as JSON and the live region says so', async () => {
        const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined)
        const { dialog } = await open(mergeConflict(handlers))
        await userEvent.click(dialog.getByRole('button', { name: 'Copy my version' }))
        expect(writeText).toHaveBeenCalledWith(JSON.stringify(mineArticle, null, 2))
        expect(await dialog.findByText('Copied your version to the clipboard.')).toHaveAttribute(
          'role',
          'status',
        )
        writeText.mockRestore()
      })

      it('then, when the clipboard refuses, the text is shown selected to copy by hand', async () => {
        const writeText = vi
          .spyOn(navigator.clipboard, 'writeText')
          .mockRejectedValue(new DOMException('denied', 'NotAllowedError'))
        const { dialog } = await open(mergeConflict(handlers))
        await userEvent.click(dialog.getByRole('button', { name: 'Copy my version' }))
        expect(await dialog.findByText('Could not copy. Select the text below and copy it.')).toBeVisible()
        const box = dialog.getByRole('textbox', { name: 'Copy my version' }) as HTMLTextAreaElement
        expect(JSON.parse(box.value)).toEqual(mineArticle)
        expect(document.activeElement).toBe(box)
        expect(box.selectionEnd - box.selectionStart).toBe(box.value.length)
        writeText.mockRestore()
      })
    })

    describe('when the changes that merged automatically are expanded', () => {
      it('then each field shows the value taken from theirs', async () => {
        const { dialog } = await open(mergeConflict(handlers))
        const summary = dialog.getByText('2 changes merged automatically')
        expect(dialog.getByText('Munich')).not.toBeVisible()
        await userEvent.click(summary)
        expect(dialog.getByText('Address › City').nextElementSibling).toHaveTextContent('Munich')
        expect(dialog.getByText('Status').nextElementSibling).toHaveTextContent('review')
      })
    })

    describe('at 320 px wide', () => {
      it('then nothing overflows sideways, mine and theirs stack, and there are zero axe-core violations', async () => {
        await page.viewport(320, 640)
        const { element } = await open(mergeConflict(handlers))
        expect(element.scrollWidth).toBeLessThanOrEqual(element.clientWidth)
        expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320)
        for (const control of element.querySelectorAll('button, label, input, h3, h4, .cs-side')) {
          const box = control.getBoundingClientRect()
          if (box.width === 0) continue
          expect(box.left).toBeGreaterThanOrEqual(0)
          expect(box.right).toBeLessThanOrEqual(320)
        }
        const [mine, theirs] = [
          ...screen.getByRole('region', { name: 'Title' }).querySelectorAll('[data-side]'),
        ]
        expect(theirs!.getBoundingClientRect().top).toBeGreaterThanOrEqual(
          mine!.getBoundingClientRect().bottom,
        )
        expect(await axeViolations(element)).toEqual([])
      })
    })

    describe('at 200% zoom (a 1280×800 window is 640×400 CSS pixels)', () => {
      it('then nothing overflows sideways and every action can be scrolled into view', async () => {
        await page.viewport(640, 400)
        const { element, dialog } = await open(mergeConflict(handlers))
        expect(element.scrollWidth).toBeLessThanOrEqual(element.clientWidth)
        expect(element.getBoundingClientRect().bottom).toBeLessThanOrEqual(400)
        for (const name of ['Copy my version', 'Cancel', 'Save merged']) {
          const button = dialog.getByRole('button', { name })
          button.scrollIntoView()
          const box = button.getBoundingClientRect()
          expect(box.top).toBeGreaterThanOrEqual(0)
          expect(box.bottom).toBeLessThanOrEqual(400)
        }
      })
    })

    describe('when the system prefers a dark color scheme', () => {
      it('then the dark theme applies, with zero axe-core violations (contrast included)', async () => {
        await cdp().send('Emulation.setEmulatedMedia', {
          features: [{ name: 'prefers-color-scheme', value: 'dark' }],
        })
        const { element } = await open(mergeConflict(handlers))
        expect(getComputedStyle(element).colorScheme).toBe('dark')
        expect(getComputedStyle(element).backgroundColor).toBe('rgb(21, 27, 35)')
        expect(await axeViolations(element)).toEqual([])
      })

      it('then colorScheme="light" keeps the light theme', async () => {
        await cdp().send('Emulation.setEmulatedMedia', {
          features: [{ name: 'prefers-color-scheme', value: 'dark' }],
        })
        const { element } = await open(mergeConflict(handlers), { colorScheme: 'light' })
        expect(getComputedStyle(element).backgroundColor).toBe('rgb(255, 255, 255)')
      })
    })

    describe('when the system prefers reduced motion', () => {
      it('then the dialog opens without animation', async () => {
        await cdp().send('Emulation.setEmulatedMedia', {
          features: [{ name: 'prefers-reduced-motion', value: 'reduce' }],
        })
        render(<Harness conflict={mergeConflict(handlers)} labels={labels} />)
        await userEvent.click(screen.getByRole('button', { name: 'Save' }))
        const dialog = await screen.findByRole('dialog')
        // The computed style, not the running animations: those end after 160 ms, which a loaded machine
        // can take to find the dialog at all.
        expect(getComputedStyle(dialog).animationName).toBe('none')
        expect(getComputedStyle(dialog, '::backdrop').animationName).toBe('none')
      })

      it('then, without that preference, it fades in', async () => {
        render(<Harness conflict={mergeConflict(handlers)} labels={labels} />)
        await userEvent.click(screen.getByRole('button', { name: 'Save' }))
        const dialog = await screen.findByRole('dialog')
        expect(getComputedStyle(dialog).animationName).toBe('cs-enter')
        expect(getComputedStyle(dialog).animationDuration).toBe('0.16s')
        expect(getComputedStyle(dialog, '::backdrop').animationName).toBe('cs-fade')
      })
    })

    describe('when messages are translated', () => {
      it('then the dialog speaks the translation', async () => {
        const { dialog } = await open(mergeConflict(handlers), {
          messages: {
            saveMerged: 'Zusammengeführt speichern',
            remaining: (n) => `Noch ${n} Entscheidungen.`,
          },
        })
        expect(dialog.getByRole('button', { name: 'Zusammengeführt speichern' })).toBeVisible()
        expect(dialog.getByText('Noch 6 Entscheidungen.')).toBeVisible()
      })
    })
  })

  describe('given a merge conflict made by the merge engine (mergeValues) in the browser', () => {
    it('then the choices made in the dialog resolve to the record the person chose', async () => {
      const result = mergeValues(baseArticle, mineArticle, theirsArticle, { text: ['body'] })
      const handlers = spies()
      const conflict = { ...mergeConflict(handlers), ...result }
      const { dialog } = await open(conflict)
      expect(
        screen.getByRole('region', { name: 'Tags' }).querySelector('[data-side=mine]'),
      ).toHaveTextContent('Minefinance, draft')
      await userEvent.click(region('Title').getByRole('radio', { name: 'Keep mine' }))
      await userEvent.click(
        within(region('Body').getByRole('group', { name: 'Change 1 of 2' })).getByRole('radio', {
          name: 'Theirs',
        }),
      )
      await userEvent.click(
        within(region('Body').getByRole('group', { name: 'Change 2 of 2' })).getByRole('radio', {
          name: 'Both',
        }),
      )
      await userEvent.click(region('Price (EUR)').getByRole('radio', { name: 'Take theirs' }))
      await userEvent.click(region('Tags').getByRole('radio', { name: 'Edit' }))
      await userEvent.fill(region('Tags').getByRole('textbox'), '["finance", "draft", "q3"]')
      await userEvent.click(region('Gadget').getByRole('radio', { name: 'Keep mine' }))
      await userEvent.click(region('Due date').getByRole('radio', { name: 'Take theirs' }))
      await userEvent.click(dialog.getByRole('button', { name: 'Save merged' }))
      const choices = handlers.resolve.mock.calls[0]![0] as ConflictChoices
      expect(resolve(result, choices)).toEqual({
        ...mineArticle,
        status: 'review',
        address: { city: 'Munich' },
        body: 'Revenue grew by 12% in the third quarter.\nCosts stayed flat.\nWe expect steady growth to continue next year.\nWe expect growth to slow down.\n',
        price: 130,
        tags: ['finance', 'draft', 'q3'],
        dueDate: '2025-12-15',
      })
    })
  })

  describe('given a large merge conflict (200 fields, one of 10,000 lines)', () => {
    it('then it opens with every field, shortens unchanged text, and edits the long text', async () => {
      const handlers = spies()
      const { dialog } = await open(largeMergeConflict(handlers))
      expect(screen.getAllByRole('region')).toHaveLength(200)
      expect(dialog.getByText('200 decisions left.')).toBeVisible()
      expect(dialog.getAllByText(/unchanged lines/).length).toBe(4)
      const document = region('Document')
      await userEvent.click(document.getByRole('radio', { name: 'Edit' }))
      const box = document.getByRole('textbox') as HTMLTextAreaElement
      expect(box.value.split('\n')).toHaveLength(10_004)
      await userEvent.type(box, 'x')
      expect(dialog.getByText('199 decisions left.')).toBeVisible()
    })
  })

  describe('given a duplicate', () => {
    it('then the title says the value is taken, and a new value saves again through retry', async () => {
      const handlers = spies()
      const { dialog, element } = await open(duplicateConflict(handlers))
      expect(element).toHaveAccessibleName("'acme' is already taken")
      const box = dialog.getByRole('textbox', { name: 'New value for Slug' })
      expect(box).toHaveValue('acme')
      expect(document.activeElement).toBe(box)
      await userEvent.fill(box, 'acme-gmbh')
      await userEvent.keyboard('{Enter}')
      expect(handlers.retry).toHaveBeenCalledWith({ name: 'Acme Corporation', slug: 'acme-gmbh' })
      expect(handlers.cancel).not.toHaveBeenCalled()
    })

    it('then the existing record opens in a new tab, and there are zero axe-core violations', async () => {
      const { dialog, element } = await open(duplicateConflict())
      const link = dialog.getByRole('link', { name: 'Open the existing record (new tab)' })
      expect(link).toHaveAttribute('href', 'https://example.test/companies/acme')
      expect(link).toHaveAttribute('target', '_blank')
      expect(link).toHaveAttribute('rel', 'noopener noreferrer')
      expect(await axeViolations(element)).toEqual([])
    })

    it('then a javascript: address from the server is not linked', async () => {
      const { dialog } = await open({ ...duplicateConflict(), existing: 'javascript:alert(1)' })
      expect(dialog.queryByRole('link')).toBeNull()
    })

    it('then a field name that would reach the prototype is not offered for editing', async () => {
      const { dialog } = await open({ ...duplicateConflict(), field: '__proto__.polluted' })
      expect(dialog.queryByRole('textbox')).toBeNull()
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })
  })

  describe('given a state rule', () => {
    it("then the server's message is shown as text and Reload reloads", async () => {
      const handlers = spies()
      const { dialog, element } = await open(
        stateConflict(handlers, '<img src=x onerror="alert(1)"> is <b>locked</b>'),
      )
      expect(element).toHaveAccessibleDescription('<img src=x onerror="alert(1)"> is <b>locked</b>')
      expect(element.querySelector('img, b')).toBeNull()
      expect(dialog.getByText('Reference: req-91b0')).toBeVisible()
      expect(await axeViolations(element)).toEqual([])
      await userEvent.click(dialog.getByRole('button', { name: 'Reload' }))
      expect(handlers.reload).toHaveBeenCalledTimes(1)
      expect(handlers.cancel).not.toHaveBeenCalled()
    })
  })

  describe('given a record deleted while editing', () => {
    it('then Restore with my changes restores', async () => {
      const handlers = spies()
      const { dialog, element } = await open(deletedConflict(handlers))
      expect(element).toHaveAccessibleName('This record was deleted while you were editing')
      expect(await axeViolations(element)).toEqual([])
      await userEvent.click(dialog.getByRole('button', { name: 'Restore with my changes' }))
      expect(handlers.restore).toHaveBeenCalledTimes(1)
      expect(handlers.acceptDeletion).not.toHaveBeenCalled()
    })

    it('then Accept the deletion accepts it', async () => {
      const handlers = spies()
      const { dialog } = await open(deletedConflict(handlers))
      await userEvent.click(dialog.getByRole('button', { name: 'Accept the deletion' }))
      expect(handlers.acceptDeletion).toHaveBeenCalledTimes(1)
      expect(handlers.restore).not.toHaveBeenCalled()
    })
  })

  describe('given a save still in progress', () => {
    it('then it says how long to wait and Retry retries', async () => {
      const handlers = spies()
      const { dialog, element } = await open(inProgressConflict(handlers))
      expect(element).toHaveAccessibleDescription(
        'The server is still working on your earlier save. Wait 5 seconds, then retry.',
      )
      expect(await axeViolations(element)).toEqual([])
      await userEvent.click(dialog.getByRole('button', { name: 'Retry' }))
      expect(handlers.retry).toHaveBeenCalledTimes(1)
    })
  })

  describe('given a 428 (precondition required)', () => {
    it('then a development build shows the developer error', async () => {
      const { element } = await open(preconditionConflict(), { development: true })
      expect(element).toHaveAccessibleName('Developer error: the server requires a precondition (428)')
      expect(element).toHaveAccessibleDescription(/send If-Match with the ETag/)
      expect(await axeViolations(element)).toEqual([])
    })

    it('then a production build shows no developer details', async () => {
      const { element, dialog } = await open(preconditionConflict(), { development: false })
      expect(element).toHaveAccessibleName('This change could not be saved')
      expect(element.textContent).not.toMatch(/If-Match|428/)
      await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }))
    })

    it('then by default it follows the build (this test build is not production)', async () => {
      const { element } = await open(preconditionConflict())
      expect(element).toHaveAccessibleName('Developer error: the server requires a precondition (428)')
    })
  })

  describe('given controlled open state', () => {
    it('then open={false} shows nothing and onOpenChange reports the close request', async () => {
      const onOpenChange = vi.fn()
      const handlers = spies()
      const conflict = mergeConflict(handlers)
      const { rerender } = render(
        <ConflictDialog conflict={conflict} open={false} onOpenChange={onOpenChange} />,
      )
      expect(screen.queryByRole('dialog')).toBeNull()
      rerender(<ConflictDialog conflict={conflict} open onOpenChange={onOpenChange} />)
      expect(await shown()).toBeVisible()
      await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
      expect(onOpenChange).toHaveBeenCalledWith(false)
      expect(handlers.cancel).toHaveBeenCalledTimes(1)
    })

    it('then a new conflict arriving while open replaces the old one without cancelling either', async () => {
      const first = spies()
      const second = spies()
      const { rerender } = render(<ConflictDialog conflict={mergeConflict(first)} labels={labels} />)
      await shown()
      await userEvent.click(region('Title').getByRole('radio', { name: 'Take theirs' }))
      act(() => rerender(<ConflictDialog conflict={mergeConflict(second)} labels={labels} />))
      await new Promise((done) => setTimeout(done, 100))
      expect(first.cancel).not.toHaveBeenCalled()
      expect(second.cancel).not.toHaveBeenCalled()
      expect(await shown()).toBeVisible()
      expect(region('Title').getByRole('radio', { name: 'Take theirs' })).not.toBeChecked()
    })

    it('then a new conflict reopens an uncontrolled dialog and starts its decisions over', async () => {
      const first = mergeConflict(spies())
      const { rerender } = render(<ConflictDialog conflict={first} labels={labels} />)
      await shown()
      await userEvent.click(region('Title').getByRole('radio', { name: 'Take theirs' }))
      await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
      expect(screen.queryByRole('dialog')).toBeNull()
      act(() => rerender(<ConflictDialog conflict={mergeConflict(spies())} labels={labels} />))
      expect(await shown()).toBeVisible()
      expect(region('Title').getByRole('radio', { name: 'Take theirs' })).not.toBeChecked()
    })
  })
})
