// What a journey does with the page: open a lesson, type into the terminal
// like a learner, read what the terminal shows.
import { expect, type Page } from '@playwright/test';

export function serverUrl(): string {
  const url = process.env.WHARF_E2E_URL;
  if (!url) throw new Error('WHARF_E2E_URL is not set: run the journeys through e2e/playwright.config.ts');
  return url;
}

export async function openLesson(page: Page, lang: 'en' | 'zh', lesson = 'first-container'): Promise<void> {
  await page.goto(`${serverUrl()}/${lang}/lessons/${lesson}/`);
  await expectTerminalReady(page);
}

export async function expectTerminalReady(page: Page): Promise<void> {
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
}

/** The terminal's whole buffer as text, wrapped lines joined back together. */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const term = (window as unknown as { wharfTerminal?: any }).wharfTerminal;
    if (!term) return '';
    const buffer = term.buffer.active;
    let text = '';
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      if (!line) continue;
      text += (i > 0 && !line.isWrapped ? '\n' : '') + line.translateToString(true);
    }
    return text;
  });
}

/** Clicks into the terminal and types `command` and Enter, as a learner would. */
export async function typeCommand(page: Page, command: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(command, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** Waits until the terminal shows `pattern` (a line of output, not the typed command). */
export async function expectTerminalShows(page: Page, pattern: RegExp, timeout = 60_000): Promise<void> {
  await expect.poll(() => terminalText(page), { timeout, intervals: [200] }).toMatch(pattern);
}
