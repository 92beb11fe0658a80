import { expect, test, type Page } from '@playwright/test';
import { sshRunWithPassword } from '../helpers/ssh-login';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { openSshPool } from './ssh-pool-page';

/**
 * Must show (issue 10): a password user provisioned on 3 nodes, applied again to 2 more without typing a password,
 * still logs in to the first 3 with the original password (a real SSH login to each emulator node); a reimage from
 * the bulk-actions bar makes the remote-login table say the user is gone from that node, also after a reload.
 */
const poolId = 'e2e-users';
const password = 'Original-Pass-2026!';
let host: WebHostProcess;
let page: Page;
let nodeIds: string[];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01' } });
  page = await browser.newPage();
  await page.goto(host.url);
  await openSshPool(page, host.url, poolId, 5);
  nodeIds = (await page.getByRole('checkbox', { name: /^Select / }).evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label') ?? ''))).map((label) =>
    label.replace(/^Select /, ''),
  );
  expect(nodeIds).toHaveLength(5);
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
});

/** Selects exactly these nodes in the nodes table. */
async function select(ids: string[]): Promise<void> {
  await page.getByRole('tab', { name: /^Nodes/ }).click();
  for (const id of nodeIds) {
    const box = page.getByRole('checkbox', { name: `Select ${id}` });
    if ((await box.isChecked()) !== ids.includes(id)) await box.click();
  }
}

/** Adds alice as a password user to the selected nodes; an empty password keeps the one Batch Deck holds. */
async function addAlice(typed: string | undefined, expectedDone: string): Promise<void> {
  await page.getByRole('tab', { name: 'Remote login' }).click();
  await page.getByTestId('open-provision').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('provision-user-name').fill('alice');
  await dialog.getByRole('radio', { name: 'Password' }).check();
  if (typed) await dialog.getByTestId('provision-password').fill(typed);
  else await expect(dialog.getByText('keeps the password Batch Deck holds')).toBeVisible();
  await dialog.getByTestId('provision-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('provision-done').first()).toHaveText(expectedDone, { timeout: 30_000 });
}

/** Each node's row: its status text for alice and its login address. */
async function rows(): Promise<Map<string, { status: string; host: string; port: number }>> {
  const out = new Map<string, { status: string; host: string; port: number }>();
  for (const row of await page.getByTestId('remote-login-row').all()) {
    const id = (await row.getAttribute('data-node-id')) ?? '';
    const status = (await row.getByTestId('user-status').textContent()) ?? '';
    out.set(id, { status, host: (await row.getByTestId('login-ip').textContent()) ?? '', port: Number(await row.getByTestId('login-port').textContent()) });
  }
  return out;
}

test('a password user applied again to 2 more nodes without a password still logs in to the first 3 with the original one', async () => {
  await select(nodeIds.slice(0, 3));
  await addAlice(password, '3 / 3 done · finished');
  await select(nodeIds.slice(3, 5));
  await addAlice(undefined, '2 / 2 done · finished');

  await expect(page.getByTestId('remote-login-row')).toHaveCount(5);
  await expect(page.getByTestId('user-status').filter({ hasText: 'created' })).toHaveCount(5);
  const table = await rows();
  for (const id of nodeIds) {
    const row = table.get(id)!;
    expect(row.port).toBeGreaterThan(0);
    // A real SSH login to the node's own SSH server, with the password typed the first time.
    const out = await sshRunWithPassword({ host: row.host, port: row.port, username: 'alice', password }, 'echo $((6*7))');
    expect(out.trim()).toBe('42');
  }
});

test('reimaging a node from the bulk-actions bar makes the table say alice is gone there, also after a reload', async () => {
  const reimaged = nodeIds[1]!;
  await select([reimaged]);
  await page.getByRole('toolbar', { name: 'Node actions' }).getByRole('button', { name: 'Reimage' }).click();
  await page.getByRole('dialog', { name: 'Confirm node action' }).getByRole('button', { name: 'Reimage' }).click();
  await expect(page.getByTestId('node-action-result')).toContainText('Reimage: 1 of 1 nodes accepted the action', { timeout: 30_000 });

  await page.getByRole('tab', { name: 'Remote login' }).click();
  const row = page.locator(`[data-testid="remote-login-row"][data-node-id="${reimaged}"]`);
  await expect(row.getByTestId('user-status')).toHaveText('gone', { timeout: 20_000 });
  await expect(page.getByTestId('user-status').filter({ hasText: 'created' })).toHaveCount(4);

  // The last node action of the pool and the table's truth both survive a reload.
  await page.reload();
  await expect(page.getByTestId('node-action-result')).toContainText('Reimage: 1 of 1 nodes accepted the action');
  await page.getByRole('tab', { name: 'Remote login' }).click();
  await expect(row.getByTestId('user-status')).toHaveText('gone', { timeout: 20_000 });
  await page.screenshot({ path: 'test-results/node-users-gone.png' });
});
