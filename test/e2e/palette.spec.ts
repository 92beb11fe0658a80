import { expect, test, type Page } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { contractCall } from './contract-call';
import { openLocalShell, row, trustAndConnect, typeInto, withoutWebgl } from './terminal-page';

let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01' } });
});

test.afterAll(async () => {
  await host.stop();
});

/** Opens the palette with Ctrl+K, types `words` and presses Enter, as a user does. */
async function runCommand(page: Page, words: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const input = page.getByRole('dialog', { name: 'Command palette' }).getByLabel('Type a command');
  await expect(input).toBeFocused();
  await page.keyboard.type(words);
  await page.keyboard.press('Enter');
}

test('Ctrl+K opens the palette from a focused terminal, and the shell does not get the key', async ({ page }) => {
  await withoutWebgl(page);
  await page.goto(`${host.url}#terminals`);
  await openLocalShell(page);
  const pane = page.getByTestId('terminal-pane').first();
  await typeInto(page, pane, 'echo ready-$((2+3))');
  await expect(row(pane, /^ready-5\s*$/)).toHaveCount(1);
  // The terminal has the keyboard: what is typed goes to the shell. The cursor goes back before "kept", where bash's
  // own Ctrl+K would cut the rest of the line.
  await page.keyboard.type('echo kept');
  for (let i = 0; i < 'kept'.length; i += 1) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeHidden();
  await pane.locator('.xterm-screen').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(row(pane, /^kept\s*$/)).toHaveCount(1);
});

test('commands run with Enter open their page or dialog untouched: the Enter goes no further than the palette', async ({ page }) => {
  await page.goto(`${host.url}#pools`);
  await expect(page.getByTestId('status-account')).toHaveText(/\(ready\)/, { timeout: 60_000 });
  await runCommand(page, 'create pool');
  const form = page.getByRole('form', { name: 'Create pool' });
  await expect(form).toBeVisible();
  await expect(form.getByText(/nothing was sent/)).toHaveCount(0);

  // The Settings dialog focuses its first control (the Theme dropdown) as it opens: an Enter that leaked would open
  // the dropdown's list. Input events are handled by the time the dialog shows; a short settle lets React render.
  await runCommand(page, 'open settings');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await page.waitForTimeout(300);
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expect(dialog.getByRole('combobox', { name: 'Theme' })).toHaveAttribute('aria-expanded', 'false');
});

test('the palette switches the theme and opens a local shell', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('[data-theme]').first()).toHaveAttribute('data-theme', 'light');
  await runCommand(page, 'dark theme');
  await expect(page.locator('[data-theme]').first()).toHaveAttribute('data-theme', 'dark');
  expect(((await contractCall(page, 'settings:get', {})).value as { theme: string }).theme).toBe('dark');
  await runCommand(page, 'light theme');
  await expect(page.locator('[data-theme]').first()).toHaveAttribute('data-theme', 'light');
  const sessions = async () => ((await contractCall(page, 'term:list', {})).value as unknown[]).length;
  const before = await sessions();
  await runCommand(page, 'local shell');
  await expect(page.getByRole('tab', { name: 'Terminals' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(sessions).toBe(before + 1);
  await expect(page.getByTestId('terminal-tab')).toHaveCount(before + 1);
  expect((await contractCall(page, 'settings:update', { theme: 'system' })).ok).toBe(true);
});

test('"Connect to node…" with no pool says what to do instead of an empty list', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-account')).toHaveText(/\(ready\)/, { timeout: 60_000 });
  await runCommand(page, 'connect to node');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByText('This account has no pool yet: create one first.')).toBeVisible();
  await expect(palette.getByLabel('Type a command')).toHaveAttribute('placeholder', 'Pick a pool…');
});

test('"Add user to pool…" then "Connect to node…": the palette picks the pool, adds the user, then opens a shell as that user', async ({ page }) => {
  await withoutWebgl(page);
  await page.goto(`${host.url}#images`);
  await page.getByLabel('Search images').fill('ubuntu 22.04');
  await page.getByRole('button', { name: 'Create a pool with 0001-com-ubuntu-server-jammy 22_04-lts', exact: true }).click();
  await page.getByLabel('Pool id').fill('palette-pool');
  await page.getByLabel('Allow SSH from').fill('127.0.0.1');
  await page.getByRole('button', { name: 'Create pool', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'palette-pool' })).toBeVisible();
  await expect(page.getByTestId('nodes-table').getByRole('row').filter({ hasText: 'idle' })).toHaveCount(1, { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Images' }).click();

  await runCommand(page, 'add user');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByLabel('Type a command')).toHaveAttribute('placeholder', 'Pick a pool…');
  await expect(palette.getByRole('menuitem', { name: /palette-pool/ })).toBeVisible();
  await page.keyboard.type('palette');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add a user to nodes' });
  await expect(dialog).toContainText('Add a user to nodes of palette-pool');
  // The Enter that picked the pool stays in the palette: the focused user name field was not submitted empty.
  await expect(dialog.getByText(/A user name starts with/)).toHaveCount(0);
  await dialog.getByTestId('provision-user-name').fill('ops');
  await dialog.getByTestId('provision-submit').click();
  await expect(dialog).toBeHidden();
  // Behind it, the pool's page opened on its remote login tab, where the new user's progress shows.
  await expect(page.getByRole('tab', { name: 'Remote login' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('provision-done')).toHaveText('1 / 1 done · finished', { timeout: 30_000 });

  await runCommand(page, 'connect to node');
  await expect(palette.getByRole('menuitem', { name: /palette-pool/ })).toBeVisible();
  await page.keyboard.press('Enter');
  const login = palette.getByRole('menuitem', { name: / as ops/ });
  await expect(login).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Terminals' })).toHaveAttribute('aria-selected', 'true');
  // Earlier tests' local shells are still open in this web host: the node's session is the one named after the pool.
  const pane = page.getByTestId('terminal-pane').filter({ hasText: 'palette-pool' });
  await trustAndConnect(pane);
  // The tab is the chosen node and user; the emulator's shell says which pool node it runs on.
  await expect(page.getByTestId('terminal-tab').filter({ hasText: 'palette-pool' })).toContainText('ops');
  await typeInto(page, pane, 'echo "pool=$AZ_BATCH_POOL_ID user=$USER"');
  await expect(row(pane, /^pool=palette-pool user=ops\s*$/)).toHaveCount(1, { timeout: 30_000 });
});
