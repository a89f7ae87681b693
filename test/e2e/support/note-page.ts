/**
 * The demo app as a person uses it, driven through Playwright: open the note, type, press Save, read the
 * status line, and decide conflicts in the dialog by clicking.
 */
import type { Locator, Page } from 'playwright-core'
import type { PersonAtBrowser } from './people'

/** One person's note page. */
export class NotePage {
  readonly page: Page

  constructor(readonly person: PersonAtBrowser) {
    this.page = person.page
  }

  /** Opens the app at `url` and waits until the note is loaded (a version is shown). */
  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await this.title.waitFor()
    await this.page.waitForFunction(
      () => (document.querySelector('[data-testid=version]')?.textContent ?? '') !== '',
    )
  }

  /** The version the form is editing (its ETag as the server sent it). */
  version(): Promise<string> {
    return this.page.getByTestId('version').innerText()
  }

  /** The title box. */
  get title(): Locator {
    return this.page.getByRole('textbox', { name: 'Title', exact: true })
  }

  /** The body box. */
  get body(): Locator {
    return this.page.getByRole('textbox', { name: 'Body', exact: true })
  }

  /** The status line. */
  get status(): Locator {
    return this.page.getByTestId('save-status')
  }

  /** The conflict dialog. */
  get dialog(): Locator {
    return this.page.getByRole('dialog')
  }

  /** Replaces the title, as typed. */
  async setTitle(text: string): Promise<void> {
    await this.title.fill(text)
  }

  /** Replaces the body, as typed. */
  async setBody(text: string): Promise<void> {
    await this.body.fill(text)
  }

  /** Clicks Save. */
  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click()
  }

  /** Waits until the status line matches `text` (10 s); on timeout, fails with the text it shows. */
  async waitForStatus(text: RegExp): Promise<void> {
    try {
      await this.page.waitForFunction(
        ([source, flags]) =>
          new RegExp(source as string, flags as string).test(
            document.querySelector('[data-testid=save-status]')?.textContent ?? '',
          ),
        [text.source, text.flags],
        { timeout: 10_000 },
      )
    } catch (error) {
      const shown = await this.status.innerText().catch(() => '(no status line)')
      throw new Error(`${this.person.name}'s status line never matched ${String(text)}; it shows: ${shown}`, {
        cause: error,
      })
    }
  }
}
