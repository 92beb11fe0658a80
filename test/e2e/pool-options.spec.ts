import { expect, test, type Page } from '@playwright/test';
import { connect } from 'node:net';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { rawRequest } from '../integration/emulator/api/raw-request';
import { startBuiltEmulator, type BuiltEmulator } from './built-emulator';
import { contractCall } from './contract-call';

/**
 * The 2025-06-01 pool options end to end, on a shared-key account of an emulator this spec starts (so it can read
 * the add-pool request the emulator received through its admin endpoint): a pool with Trusted Launch, an ephemeral OS
 * disk and no public IP addresses made through the form; and a pool with SSH whose node is deallocated and started.
 */
const accountName = 'opts';
let emulator: BuiltEmulator;
let host: WebHostProcess;
let page: Page;
let accountId: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  emulator = await startBuiltEmulator(accountName, { BATCH_EMULATOR_TIME_SCALE: '0.01' });
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01' } });
  page = await browser.newPage();
  await page.goto(host.url);
  const added = await contractCall(page, 'accounts:addSharedKey', { name: accountName, url: emulator.endpoint, key: emulator.accountKey });
  expect(added.ok, JSON.stringify(added.error)).toBe(true);
  accountId = (added.value as { id: string }).id;
  await page.getByRole('tab', { name: 'Accounts' }).click();
  const card = page.getByTestId(`account-${accountName}`);
  const use = card.getByRole('button', { name: 'Use this account' });
  if (await use.isVisible()) await use.click();
  await expect(card.getByText('Active', { exact: true })).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
  await emulator?.stop();
});

/** Opens the create form from the Images page for one Ubuntu 22.04 image SKU, as a user would. */
async function createFormFor(sku: string): Promise<void> {
  await page.getByRole('tab', { name: 'Images' }).click();
  await page.getByLabel('Search images').fill(sku);
  await page.getByRole('button', { name: `Create a pool with 0001-com-ubuntu-server-jammy ${sku}`, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Create pool' })).toBeVisible();
}

/** Picks an option of a labelled dropdown. */
async function choose(label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/** What a TCP connection to the node's SSH port gets: the server's banner line, or the connection error code. */
function sshGreeting(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (answer: string) => (socket.destroy(), resolve(answer));
    socket.setTimeout(5000, () => done('TIMEOUT'));
    socket.once('data', (data) => done(data.toString('utf8').split('\r\n')[0] ?? ''));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'ERROR'));
    socket.once('end', () => done('CLOSED'));
  });
}

/** The one node of a pool as the app lists it: [id, state, …, sshPort]. */
async function onlyNode(poolId: string): Promise<{ id: string; state: string; sshPort: number }> {
  const result = await contractCall(page, 'nodes:list', { accountId, poolId, force: true });
  const rows = (result.value as { rows?: [string, string, string, string, number][] } | undefined)?.rows ?? [];
  const [id, state, , , sshPort] = rows[0] ?? ['', 'none', '', '', 0];
  return { id, state, sshPort };
}

test('a pool with Trusted Launch, an ephemeral OS disk and no public IPs reaches the emulator exactly as previewed, at 2025-06-01', async () => {
  await createFormFor('22_04-lts-gen2');
  await page.getByLabel('Pool id').fill('hardened');
  await page.getByLabel('Dedicated nodes').fill('1');
  await choose('Public IP addresses', 'No public IP addresses');
  await expect(page.getByRole('note').filter({ hasText: 'no SSH' })).toContainText('no SSH (and no other inbound connection) from outside the pool');
  await expect(page.getByRole('switch', { name: 'SSH access to every node (inbound NAT pool to port 22)' })).not.toBeChecked();
  await choose('Security type', 'Trusted Launch');
  await page.getByRole('switch', { name: 'Ephemeral OS disk (on the cache disk)' }).click();
  await choose('Disk caching', 'Read/write');
  await expect(page.getByText('An ephemeral OS disk supports only read-only caching.')).toBeVisible();
  await choose('Disk caching', 'Read only');
  await expect(page.getByText('An ephemeral OS disk supports only read-only caching.')).toHaveCount(0);

  const preview = JSON.parse((await page.getByTestId('preview-json').textContent()) ?? '{}') as Record<string, unknown>;
  expect(preview).toMatchObject({
    virtualMachineConfiguration: {
      securityProfile: { securityType: 'trustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
      osDisk: { ephemeralOSDiskSettings: { placement: 'cachedisk' }, caching: 'readonly' },
    },
    networkConfiguration: { publicIPAddressConfiguration: { provision: 'nopublicipaddresses' } },
  });
  expect(preview).not.toHaveProperty('targetNodeCommunicationMode');
  await page.screenshot({ path: 'test-results/pool-options-form.png', fullPage: true });
  await page.getByRole('button', { name: 'Create pool', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'hardened' })).toBeVisible();

  const created = await rawRequest(emulator, 'GET', '/_emulator/pools/hardened/created');
  expect(created.status).toBe(200);
  expect(created.json?.apiVersion).toBe('2025-06-01');
  expect(created.json?.body).toEqual(preview);
});

test('the pool detail shows its options, and the remote-login table says why there is no SSH endpoint', async () => {
  await expect(page.getByTestId('nodes-table').getByRole('row').filter({ hasText: 'idle' })).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('no-ssh-banner')).toContainText('No public IP addresses: no SSH from outside the VNet');
  await page.getByRole('tab', { name: 'Configuration' }).click();
  await expect(page.getByText('Trusted Launch (secure boot on, vTPM on)')).toBeVisible();
  await expect(page.getByText('ephemeral on the cache disk, image size, caching readonly')).toBeVisible();
  await expect(page.getByText('None (no SSH from outside the VNet)')).toBeVisible();

  await page.getByRole('tab', { name: 'Remote login' }).click();
  const reason = page.getByTestId('remote-login-row').first().getByTestId('login-unavailable');
  await expect(reason).toHaveText('No SSH endpoint', { timeout: 30_000 });
  await reason.hover();
  await expect(page.getByRole('tooltip')).toContainText('created without public IP addresses (NoPublicIPAddresses)');
  await page.screenshot({ path: 'test-results/pool-options-no-public-ip.png' });
});

test('Copy pool keeps the options of the pool it copies and says what 2025-06-01 dropped', async () => {
  await page.getByRole('button', { name: 'Copy pool…' }).click();
  await expect(page.getByRole('heading', { name: 'Create pool' })).toBeVisible();
  await expect(page.getByTestId('copy-note')).toContainText('node communication mode were removed from Batch in api-version 2025-06-01');
  await expect(page.getByLabel('Pool id')).toHaveValue('hardened-copy');
  await expect(page.getByRole('combobox', { name: 'Security type' })).toHaveText('Trusted Launch');
  const copy = JSON.parse((await page.getByTestId('preview-json').textContent()) ?? '{}') as Record<string, unknown>;
  const original = (await rawRequest(emulator, 'GET', '/_emulator/pools/hardened/created')).json?.body as Record<string, unknown>;
  // Batch reports VM sizes in lower case; everything else comes back exactly as the original was sent.
  const size = (body: Record<string, unknown>) => String(body.vmSize).toLowerCase();
  expect({ ...copy, vmSize: size(copy) }).toEqual({ ...original, id: 'hardened-copy', vmSize: size(original) });
  await page.getByRole('button', { name: 'Discard' }).click();
  const confirmDiscard = page.getByRole('dialog').getByRole('button', { name: /Discard/ });
  if (await confirmDiscard.isVisible()) await confirmDiscard.click();
});

test('a node of a pool with SSH access refuses SSH once deallocated and answers again once started', async () => {
  test.setTimeout(180_000);
  await createFormFor('22_04-lts');
  await page.getByLabel('Pool id').fill('sleeper');
  await page.getByLabel('Dedicated nodes').fill('1');
  await page.getByLabel('Allow SSH from').fill('127.0.0.1');
  await page.getByRole('button', { name: 'Create pool', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'sleeper' })).toBeVisible();
  const rows = page.getByTestId('nodes-table').getByRole('row');
  await expect(rows.filter({ hasText: 'idle' })).toHaveCount(1, { timeout: 60_000 });
  const node = await onlyNode('sleeper');
  expect(node.sshPort).toBeGreaterThan(0);
  await expect.poll(() => sshGreeting(node.sshPort), { timeout: 30_000 }).toMatch(/^SSH-2\.0-/);

  await choose('Act on', 'All idle (1)');
  await page.getByRole('toolbar', { name: 'Node actions' }).getByRole('button', { name: 'Deallocate' }).click();
  await expect(page.getByRole('dialog')).toContainText('keep their disk');
  await page.getByRole('dialog').getByRole('button', { name: 'Deallocate' }).click();
  await expect(page.getByTestId('node-action-result')).toContainText('Deallocate: 1 of 1 nodes accepted the action');
  await expect(rows.filter({ hasText: 'deallocated' })).toHaveCount(1, { timeout: 60_000 });
  expect(await sshGreeting(node.sshPort)).toMatch(/^(ECONNREFUSED|ECONNRESET|CLOSED)$/);

  await choose('Act on', 'All deallocated (stopped, disk kept) (1)');
  await page.getByRole('toolbar', { name: 'Node actions' }).getByRole('button', { name: 'Start' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('node-action-result')).toContainText('Start: 1 of 1 nodes accepted the action');
  await expect(rows.filter({ hasText: 'idle' })).toHaveCount(1, { timeout: 60_000 });
  expect((await onlyNode('sleeper')).sshPort).toBe(node.sshPort);
  await expect.poll(() => sshGreeting(node.sshPort), { timeout: 30_000 }).toMatch(/^SSH-2\.0-/);
});
