import { expect, type Locator, type Page } from '@playwright/test';

/** The text rows of the terminal in a pane, as xterm's DOM renderer draws them. */
export function rows(pane: Locator): Locator {
  return pane.locator('.xterm-rows');
}

/** Terminal rows of a pane whose whole text matches `pattern`. */
export function row(pane: Locator, pattern: RegExp): Locator {
  return rows(pane).locator('> div').filter({ hasText: pattern });
}

/** Types into the terminal of a pane as a user does (click to focus, then keystrokes). */
export async function typeInto(page: Page, pane: Locator, text: string): Promise<void> {
  await pane.locator('.xterm-screen').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Opens a local shell from the toolbar and waits for its tab. */
export async function openLocalShell(page: Page): Promise<void> {
  // The button shows once the page adopted the sessions main holds: count the tabs only then.
  const button = page.getByRole('button', { name: 'New local shell' });
  await button.waitFor();
  const before = await page.getByTestId('terminal-tab').count();
  await button.click();
  await expect(page.getByTestId('terminal-tab')).toHaveCount(before + 1);
}

/** The last `rows cols` line `stty size` printed in a pane. */
export async function lastSize(pane: Locator): Promise<{ rows: number; cols: number } | undefined> {
  const lines = (await rows(pane).innerText()).split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const match = /^(\d+) (\d+)\s*$/.exec(lines[i] ?? '');
    if (match) return { rows: Number(match[1]), cols: Number(match[2]) };
  }
  return undefined;
}

/**
 * Types `echo $((6*7))` and sees `42`, then splits the view into two panes and sees `stty size` on the node follow the
 * narrower pane. Returns the size after the split.
 */
export async function expectAnswerAndResize(page: Page, pane: Locator): Promise<{ rows: number; cols: number }> {
  await typeInto(page, pane, 'echo $((6*7))');
  await expect(row(pane, /^\s*42\s*$/)).toHaveCount(1);
  await typeInto(page, pane, 'stty size');
  await expect.poll(() => lastSize(pane)).toBeTruthy();
  const wide = (await lastSize(pane))!;
  await page.getByRole('button', { name: '2 panes' }).click();
  // The pane refits once its size settles (a 60 ms debounce); a command typed before that still sees the old width, as
  // in any terminal, so it is run again until the shell reports the narrower one. A pty that never follows still fails.
  await expect(async () => {
    await typeInto(page, pane, 'clear; stty size');
    await expect.poll(async () => (await lastSize(pane))?.cols, { timeout: 2_000 }).toBeLessThan(wide.cols);
  }).toPass({ timeout: 15_000 });
  return (await lastSize(pane))!;
}

/**
 * Answers a pane's host-key prompt as a user who checked the fingerprint: the prompt shows a SHA256 fingerprint, `onPrompt`
 * may look at it, then Trust and connect, and the session reaches Connected.
 */
export async function trustAndConnect(pane: Locator, onPrompt?: (prompt: Locator) => Promise<void>): Promise<void> {
  const prompt = pane.getByTestId('host-key-prompt');
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  await expect(prompt.getByTestId('host-key-fingerprint')).toHaveText(/^SHA256:[A-Za-z0-9+/]{43}$/);
  await onPrompt?.(prompt);
  await prompt.getByRole('button', { name: 'Trust and connect' }).click();
  await expect(pane.getByTestId('session-status')).toHaveText('Connected', { timeout: 30_000 });
}

/** Makes the page unable to create a webgl2 context: the WebGL addon fails and xterm draws rows the test can read. */
export async function withoutWebgl(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      return type === 'webgl2' ? null : (original as (...args: unknown[]) => unknown).call(this, type, ...rest);
    } as typeof original;
  });
}

