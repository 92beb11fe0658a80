import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { contractCall } from './contract-call';
import { connectFromTable, openSshPool } from './ssh-pool-page';

const run = promisify(execFile);
const poolId = 'look';
let host: WebHostProcess;
let context: BrowserContext;
let page: Page;
let home: string;

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 800 } });

test.beforeAll(async ({ browser }) => {
  // A fresh machine: HOME has no ~/.ssh at all.
  home = mkdtempSync(join(tmpdir(), 'batch-deck-e2e-look-'));
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01', HOME: home } });
  // One context: a second window of the app shares its storage, as Electron's windows do.
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  await page.goto(host.url);
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** The texts of the cells whose content is wider than the cell (clipped or ending in an ellipsis). */
function clippedTexts(cells: Locator): Promise<string[]> {
  return cells.evaluateAll((all) => all.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent ?? ''));
}

/** Waits until no header and no cell of the named columns of a table is clipped at the table's default widths. */
async function expectNothingClipped(table: Locator, columns: string[]): Promise<void> {
  await expect(table.getByRole('columnheader').first()).toBeVisible();
  await expect.poll(() => clippedTexts(table.getByRole('columnheader'))).toEqual([]);
  for (const column of columns) {
    const cells = table.locator(`[role="gridcell"][data-col="${column}"]`);
    await expect(cells.first()).toBeVisible();
    await expect.poll(() => clippedTexts(cells), { message: `cells of column ${column}` }).toEqual([]);
  }
}

test('a filled pool form with two errors scrolls to the first and puts the keyboard there; the summary counts both', async () => {
  await page.goto(`${host.url}#pools?create=1`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Create pool' })).toBeVisible();
  // Before any input the preview does not call anything wrong.
  await expect(page.getByText('Some fields need fixing')).toHaveCount(0);
  await page.getByLabel('Pool id').fill('bad id!');
  await page.getByRole('switch', { name: 'Run a start task on every node as it joins' }).click();
  await page.getByLabel('Allow SSH from').fill('');
  const create = page.getByRole('button', { name: 'Create pool', exact: true });
  await create.scrollIntoViewIfNeeded();
  await expect(page.getByLabel('Pool id')).not.toBeInViewport();
  await create.click();
  await expect(page.getByLabel('Pool id')).toBeFocused();
  await expect(page.getByLabel('Pool id')).toBeInViewport();
  const marked = await page.locator('form [aria-invalid="true"]').count();
  expect(marked).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('form-error-summary')).toHaveText(`Fix the ${marked} highlighted fields; nothing was sent.`);
  // Discard asks first when something was entered.
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByTestId('discard-confirm')).toBeVisible();
  await page.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByLabel('Pool id')).toHaveValue('bad id!');
});

test('at 1280×800 the images table shows every header, offer and SKU whole', async () => {
  await page.goto(`${host.url}#images`);
  await page.reload();
  const table = page.getByTestId('images-table');
  await expect(table.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  await expectNothingClipped(table, ['offer', 'sku', 'agent']);
});

test('pools and nodes tables show headers, ids and the login address whole; the node id is shortened in the middle and copies whole', async () => {
  await openSshPool(page, host.url, poolId, 3);
  const nodes = page.getByTestId('nodes-table');
  await expectNothingClipped(nodes, ['id', 'login', 'ip', 'scheduling']);
  const firstId = nodes.locator('[data-col="id"] code').first();
  const full = (await firstId.getAttribute('data-full')) ?? '';
  expect(full.length).toBeGreaterThan(20);
  await expect(firstId).toHaveText(`${full.slice(0, 10)}…${full.slice(-6)}`);
  await expect(firstId).toHaveAttribute('title', full);
  // The login address is the public address and NAT port; the private IP is its own column.
  await expect(nodes.locator('[role="gridcell"][data-col="login"]').first()).toHaveText(/^127\.0\.0\.1:\d{2,5}$/);
  await expect(nodes.getByRole('columnheader', { name: 'Private IP' })).toBeVisible();

  await page.goto(`${host.url}#pools`);
  await page.reload();
  const pools = page.getByTestId('pools-table');
  await expect(pools.getByRole('link', { name: poolId })).toBeVisible();
  await expectNothingClipped(pools, ['id', 'dedicated']);
  await expect(pools.locator('[role="gridcell"][data-col="dedicated"]').first()).toHaveText('3 / 3');
  await expect(pools.getByRole('columnheader', { name: 'Dedicated (now / target)' })).toBeVisible();
});

test('with no ~/.ssh, copy ssh command exports the key to the default path (folder made 0700) and the command is shown', async () => {
  expect(existsSync(join(home, '.ssh'))).toBe(false);
  await page.goto(`${host.url}#pools?poolId=${poolId}`);
  await page.reload();
  const apply = await contractCall(page, 'provision:apply', { accountId: 'sandbox', poolId, nodes: 'all', userName: 'ops', auth: { kind: 'managedKey' } });
  expect(apply.ok).toBe(true);
  await page.getByRole('tab', { name: 'Remote login' }).click();
  await expect(page.getByTestId('user-status').filter({ hasText: 'created' })).toHaveCount(3, { timeout: 60_000 });
  await expectNothingClipped(page.getByTestId('remote-login-table'), ['nodeId', 'ipAddress', 'port']);

  await page.getByRole('button', { name: 'Copy ssh command' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Export the managed private key' });
  const keyFile = join(home, '.ssh', 'batch-deck-sandbox_ed25519');
  await expect(dialog.getByTestId('key-export-path')).toHaveValue(keyFile);
  await dialog.getByTestId('key-export-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('ssh-command')).toHaveText(new RegExp(`^ssh -i ${keyFile} -p \\d+ ops@127\\.0\\.0\\.1$`));
  expect(statSync(join(home, '.ssh')).mode & 0o777).toBe(0o700);
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);
});

test('three SSH tabs fit at 1280×800 with short labels (whole id on hover) and are all in the overflow menu', async () => {
  const nodeIds: string[] = [];
  for (let i = 0; i < 3; i += 1) nodeIds.push((await connectFromTable(page, poolId, i)).nodeId);
  const tabs = page.getByTestId('terminal-tab');
  await expect(tabs).toHaveCount(3);
  const strip = await page.getByRole('tablist').filter({ has: tabs.first() }).boundingBox();
  for (let i = 0; i < 3; i += 1) {
    const tab = tabs.nth(i);
    const nodeId = nodeIds[i] as string;
    await expect(tab).toBeInViewport({ ratio: 1 });
    const box = (await tab.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(strip!.x + strip!.width + 1);
    await expect(tab).not.toContainText(nodeId);
    await expect(tab).toContainText(`${poolId} · ${nodeId.replace(/_[a-z]$/, '').slice(-6)} · ops`);
    // The accessible name (and the hover text) carry the whole id.
    await expect(tab).toHaveAccessibleName(new RegExp(nodeId));
  }
  await page.getByRole('button', { name: 'All terminal tabs (3)' }).click();
  await expect(page.getByTestId('terminal-tab-menu-item')).toHaveCount(3);
  await page.getByTestId('terminal-tab-menu-item').nth(1).click();
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
});

test('a trusted node comes with its known_hosts line, and OpenSSH with BatchMode and strict host checking logs in with it', async () => {
  await page.goto(`${host.url}#pools?poolId=${poolId}`);
  await page.reload();
  await page.getByRole('tab', { name: 'Remote login' }).click();
  await page.getByRole('button', { name: 'Copy ssh command' }).first().click();
  const line = page.getByTestId('known-hosts-line');
  await expect(line).toHaveText(/^\[127\.0\.0\.1\]:\d+ ssh-ed25519 [A-Za-z0-9+/=]+$/);
  const knownHosts = join(home, 'known_hosts_for_test');
  writeFileSync(knownHosts, `${await line.textContent()}\n`);
  const [, ...args] = ((await page.getByTestId('ssh-command').textContent()) ?? '').split(' ');
  const options = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'IdentitiesOnly=yes'];
  const { stdout } = await run('ssh', [...options, ...args, 'echo $((6*7))'], { timeout: 20_000 });
  expect(stdout.trim()).toBe('42');
});

test('closing a live SSH tab asks first and leaves the keyboard in the next pane; the layout comes back after a reload and in a second window', async () => {
  await page.goto(`${host.url}#terminals`);
  await page.reload();
  const tabs = page.getByTestId('terminal-tab');
  await expect(tabs).toHaveCount(3);
  await page.getByRole('button', { name: '2 panes' }).click();
  const panes = page.getByTestId('terminal-pane');
  await expect(panes).toHaveCount(2);
  const shown = await panes.evaluateAll((all) => all.map((p) => p.getAttribute('data-session-id')));
  expect(shown.every(Boolean)).toBe(true);

  await page.reload();
  await expect(panes).toHaveCount(2);
  await expect.poll(() => panes.evaluateAll((all) => all.map((p) => p.getAttribute('data-session-id')))).toEqual(shown);

  const second = await context.newPage();
  await second.goto(`${host.url}#terminals`);
  await expect(second.getByTestId('terminal-pane')).toHaveCount(2);
  await expect(second.getByTestId('terminal-shared-badge')).toHaveText('Also open in another window');
  await expect(page.getByTestId('terminal-shared-badge')).toHaveText('Also open in another window');
  await second.close();

  const first = tabs.first();
  await first.getByRole('button', { name: /^Close / }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('Close this SSH session?');
  await confirm.getByRole('button', { name: 'Close session' }).click();
  await expect(tabs).toHaveCount(2);
  await expect
    .poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="terminal-pane"]'))))
    .toBe(true);
});

test('shrinking a pool asks what happens to the removed nodes\' tasks, warns about users and open terminals, and says when the resize has finished', async () => {
  await page.goto(`${host.url}#pools?poolId=${poolId}`);
  await page.reload();
  await page.getByRole('button', { name: 'Resize…' }).click();
  const dialog = page.getByRole('dialog', { name: `Resize ${poolId}` });
  await expect(dialog.getByTestId('resize-removes')).toHaveCount(0);
  await dialog.getByLabel('Dedicated nodes').fill('2');
  await dialog.getByLabel('Dedicated nodes').press('Tab');
  const warning = dialog.getByTestId('resize-removes');
  await expect(warning).toContainText('1 node will be removed');
  await expect(warning).toContainText('2 terminals are open to this pool now');
  await dialog.getByLabel('Tasks on the removed nodes').selectOption('terminate');
  await dialog.getByRole('button', { name: 'Resize' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('allocation-text')).toHaveText('Steady: 2 of 2 nodes ready. The resize has finished.', { timeout: 60_000 });
  await expect(page.getByTestId('pool-dedicated')).toContainText('dedicated 2 now / 2 target');
});

test('a terminal to a node that left its pool stops reconnecting and says the node is gone', async () => {
  await page.goto(`${host.url}#terminals`);
  await page.reload();
  // The resize before may have taken one of the terminals' nodes: use a pane that is still connected.
  const connected = page.getByTestId('terminal-pane').filter({ has: page.getByTestId('session-status').getByText('Connected', { exact: true }) }).first();
  await expect(connected).toBeVisible({ timeout: 30_000 });
  const pane = page.locator(`[data-testid="terminal-pane"][data-session-id="${await connected.getAttribute('data-session-id')}"]`);
  const nodeId = ((await pane.getAttribute('aria-label')) ?? '').replace(`Terminal ${poolId} / `, '');
  expect(nodeId).toMatch(/^tvmps_/);
  const removal = await contractCall(page, 'nodes:action', { accountId: 'sandbox', poolId, action: 'remove', target: { nodeIds: [nodeId] } });
  expect(removal.ok).toBe(true);
  const gone = pane.getByTestId('session-node-gone');
  await expect(gone).toContainText(`Node ${nodeId} left pool ${poolId}`, { timeout: 60_000 });
  await expect(pane.getByTestId('session-status')).toHaveText('Node gone');
  await expect(pane.getByRole('button', { name: /Reconnect/ })).toHaveCount(0);
});
