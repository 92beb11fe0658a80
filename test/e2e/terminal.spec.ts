import { expect, test, type Locator, type Page } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';

let host: WebHostProcess;

test.beforeEach(async () => {
  host = await startWebHostProcess({ env: { SHELL: '/bin/bash' } });
});

test.afterEach(async () => {
  await host.stop();
});

/** The text rows of the terminal in a pane, as xterm's DOM renderer draws them. */
function rows(pane: Locator): Locator {
  return pane.locator('.xterm-rows');
}

/** Terminal rows of a pane whose whole text matches `pattern`. */
function row(pane: Locator, pattern: RegExp): Locator {
  return rows(pane).locator('> div').filter({ hasText: pattern });
}

/** Types into the terminal of a pane as a user does (click to focus, then keystrokes). */
async function typeInto(page: Page, pane: Locator, text: string): Promise<void> {
  await pane.locator('.xterm-screen').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function openLocalShell(page: Page): Promise<void> {
  const before = await page.getByTestId('terminal-tab').count();
  await page.getByRole('button', { name: 'New local shell' }).click();
  await expect(page.getByTestId('terminal-tab')).toHaveCount(before + 1);
}

/** The last `rows cols` line `stty size` printed in a pane. */
async function lastSize(pane: Locator): Promise<{ rows: number; cols: number } | undefined> {
  const lines = (await rows(pane).innerText()).split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const match = /^(\d+) (\d+)\s*$/.exec(lines[i] ?? '');
    if (match) return { rows: Number(match[1]), cols: Number(match[2]) };
  }
  return undefined;
}

test('the terminal draws with WebGL and falls back to the DOM renderer when the GPU context is lost', async ({ page }) => {
  await page.goto(`${host.url}#terminals`);
  await openLocalShell(page);
  const pane = page.getByTestId('terminal-pane').first();
  const surface = pane.locator('[data-renderer]');
  await expect(surface).toHaveAttribute('data-renderer', 'webgl');
  const lost = await page.evaluate(() => {
    let count = 0;
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('[data-renderer] canvas')) {
      const extension = canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context');
      if (extension) {
        extension.loseContext();
        count += 1;
      }
    }
    return count;
  });
  expect(lost).toBe(1);
  await expect(surface).toHaveAttribute('data-renderer', 'dom', { timeout: 20_000 });
  await typeInto(page, pane, 'echo drawn-by-$((2*2))-dom');
  await expect(row(pane, /^\s*drawn-by-4-dom\s*$/)).toHaveCount(1);
});

test.describe('without WebGL (the DOM renderer draws text the test can read)', () => {
  test.beforeEach(async ({ page }) => {
    // A machine without WebGL2: the page cannot create a webgl2 context, so the WebGL addon fails and xterm draws DOM.
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        return type === 'webgl2' ? null : (original as (...args: unknown[]) => unknown).call(this, type, ...rest);
      } as typeof original;
    });
  });

  test('a local shell runs a command, follows the pane size, and survives a page reload', async ({ page }) => {
    await page.goto(`${host.url}#terminals`);
    await openLocalShell(page);
    const pane = page.getByTestId('terminal-pane').first();
    await expect(pane.getByTestId('session-status')).toHaveText('Connected');
    await expect(pane.locator('[data-renderer]')).toHaveAttribute('data-renderer', 'dom');
    await typeInto(page, pane, 'echo $((6*7))');
    await expect(row(pane, /^\s*42\s*$/)).toHaveCount(1);

    await typeInto(page, pane, 'stty size');
    await expect.poll(() => lastSize(pane)).toBeTruthy();
    const wide = await lastSize(pane);
    await page.getByRole('button', { name: '2 panes' }).click();
    await typeInto(page, pane, 'clear; stty size');
    await expect.poll(async () => (await lastSize(pane))?.cols).toBeLessThan(wide!.cols);
    const narrow = await lastSize(pane);
    await page.screenshot({ path: 'test-results/terminal-local.png' });

    await page.reload();
    const restored = page.getByTestId('terminal-pane').first();
    await expect(page.getByTestId('terminal-tab')).toHaveCount(1);
    await page.getByTestId('terminal-tab').first().click();
    // The screen comes back from main's snapshot: the last stty output is still there.
    await expect(row(restored, new RegExp(`^\\s*${narrow!.rows} ${narrow!.cols}\\s*$`))).toHaveCount(1);
    await typeInto(page, restored, 'echo after-reload-$((40+2))');
    await expect(row(restored, /^\s*after-reload-42\s*$/)).toHaveCount(1);
  });

  test('broadcast sends one command to three sessions and each answers for itself', async ({ page }) => {
    await page.goto(`${host.url}#terminals`);
    for (let i = 0; i < 3; i += 1) await openLocalShell(page);
    await page.getByRole('button', { name: '3 panes' }).click();
    const panes = page.getByTestId('terminal-pane');
    for (let i = 0; i < 3; i += 1) await expect(panes.nth(i).getByTestId('session-status')).toHaveText('Connected');
    await page.getByRole('button', { name: 'Select all' }).click();
    await page.getByRole('switch', { name: 'Broadcast input' }).check();
    await expect(page.getByTestId('broadcast-indicator')).toContainText('3 sessions');
    await expect(panes.getByTestId('pane-broadcast-badge')).toHaveCount(3);
    await typeInto(page, panes.first(), 'echo "shell-$$-$((1+1))"');
    const pids = new Set<string>();
    for (let i = 0; i < 3; i += 1) {
      const answer = row(panes.nth(i), /^\s*shell-\d+-2\s*$/);
      await expect(answer).toHaveCount(1);
      pids.add(((await answer.innerText()).match(/shell-(\d+)-2/) ?? [])[1] ?? '');
    }
    expect(pids.size).toBe(3);
    await page.screenshot({ path: 'test-results/terminal-broadcast.png' });

    await page.getByRole('switch', { name: 'Broadcast input' }).uncheck();
    await expect(page.getByTestId('broadcast-indicator')).toHaveCount(0);
    await typeInto(page, panes.nth(1), 'echo only-here');
    await expect(row(panes.nth(1), /^\s*only-here\s*$/)).toHaveCount(1);
    await expect(row(panes.nth(0), /^\s*only-here\s*$/)).toHaveCount(0);
  });
});
