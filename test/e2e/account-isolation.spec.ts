import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { BatchServiceClient, BatchSharedKeyCredentials } from '@azure/batch';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { startBuiltEmulator, type BuiltEmulator } from './built-emulator';
import { contractCall } from './contract-call';
import { row, trustAndConnect, typeInto, withoutWebgl } from './terminal-page';

/**
 * Two browser tabs on one web host, two accounts that both have a pool with the same id: X is the Local sandbox, Y a
 * shared-key account on a second emulator this spec starts. Whatever one tab switches to, the other tab's actions
 * stay on the account its pages were opened for.
 */
const x = 'sandbox';
let host: WebHostProcess;
let teamY: BuiltEmulator;
let yClient: BatchServiceClient;
let context: BrowserContext;
let tabA: Page;
let tabB: Page;

/** A pool of 1 node from the Ubuntu image the emulator knows; SSH access on (the form's default). */
const poolSpec = (id: string) => ({
  id,
  vmSize: 'standard_d2s_v3',
  image: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' },
  nodeAgentSkuId: 'batch.node.ubuntu 22.04',
  targetDedicatedNodes: 1,
  ssh: { sourceAddressPrefix: '127.0.0.1' },
});

/** The same pool created in Y directly through Y's emulator API (the app is not involved). */
async function createInY(id: string): Promise<void> {
  const spec = poolSpec(id);
  await yClient.pool.add({
    id,
    vmSize: spec.vmSize,
    virtualMachineConfiguration: { imageReference: spec.image, nodeAgentSKUId: spec.nodeAgentSkuId },
    targetDedicatedNodes: 1,
  });
}

/** Y's pool as Y's emulator reports it. */
async function stateInY(id: string): Promise<string> {
  return String((await yClient.pool.get(id)).state);
}

/** Opens a page of the app in a tab: the route is read from the hash on load. */
async function open(tab: Page, route: string): Promise<void> {
  await tab.goto(`${host.url}#${route}`);
  await tab.reload();
}

/** Makes `name`'s card the active one on the Accounts page of `tab`. */
async function useAccount(tab: Page, testId: string): Promise<void> {
  await tab.getByRole('tab', { name: 'Accounts' }).click();
  const card = tab.getByTestId(testId);
  const use = card.getByRole('button', { name: 'Use this account' });
  if (await use.isVisible()) await use.click();
  await expect(card.getByText('Active', { exact: true })).toBeVisible();
}

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  teamY = await startBuiltEmulator('teamy');
  yClient = new BatchServiceClient(new BatchSharedKeyCredentials(teamY.accountName, teamY.accountKey), teamY.endpoint);
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01' } });
  context = await browser.newContext();
  tabA = await context.newPage();
  tabB = await context.newPage();
  // xterm then draws rows into the DOM, where the test reads them.
  await withoutWebgl(tabA);
  await tabA.goto(host.url);
  await tabB.goto(host.url);
  await expect.poll(async () => (await contractCall(tabA, 'pools:list', { accountId: x })).ok, { timeout: 60_000 }).toBe(true);
  const added = await contractCall(tabA, 'accounts:addSharedKey', { name: 'teamy', url: teamY.endpoint, key: teamY.accountKey });
  expect(added.ok, JSON.stringify(added.error)).toBe(true);
});

test.afterAll(async () => {
  await context?.close();
  await host?.stop();
  await teamY?.stop();
});

test("tab A deletes its pool render after tab B made Y active: X's render is deleting, Y's render is untouched", async () => {
  expect((await contractCall(tabA, 'pools:create', { accountId: x, spec: poolSpec('render') })).ok).toBe(true);
  await createInY('render');
  await useAccount(tabA, 'account-sandbox');
  await open(tabA, 'pools');
  await tabA.getByTestId('pools-table').getByRole('link', { name: 'render' }).click();
  await expect(tabA.getByRole('heading', { name: 'render' })).toBeVisible();
  await expect(tabA.getByTestId('pool-account')).toHaveText('in sandbox');

  await useAccount(tabB, 'account-teamy');
  await expect(tabB.getByTestId('status-account')).toContainText('teamy');
  // Tab A keeps its own account: its status bar and the pool page it shows stay on the sandbox.
  await expect(tabA.getByTestId('status-account')).toContainText('Account: sandbox');
  await expect(tabA.getByTestId('pool-account')).toHaveText('in sandbox');

  await tabA.getByRole('button', { name: 'Delete…' }).click();
  const dialog = tabA.getByRole('dialog', { name: 'Delete render' });
  await dialog.getByLabel('Pool id to confirm').fill('render');
  await dialog.getByRole('button', { name: 'Delete pool' }).click();
  await expect(dialog).toBeHidden();

  await expect
    .poll(async () => {
      const pool = await contractCall(tabA, 'pools:get', { accountId: x, poolId: 'render' });
      return pool.ok ? (pool.value as { state: string }).state : (pool.error as { details?: { serviceCode?: string } }).details?.serviceCode;
    })
    .toMatch(/^(deleting|PoolNotFound)$/);
  expect(await stateInY('render')).toBe('active');
  // Tab B, now on Y, still lists Y's render.
  await open(tabB, 'pools');
  await expect(tabB.getByTestId('pools-table').getByRole('link', { name: 'render' })).toBeVisible();
  await tabA.screenshot({ path: 'test-results/account-isolation-delete.png' });
});

test("a terminal opened in tab A on X's node reconnects to X's node after tab B made Y active", async () => {
  expect((await contractCall(tabA, 'pools:create', { accountId: x, spec: poolSpec('login') })).ok).toBe(true);
  await createInY('login');
  let nodeId = '';
  await expect
    .poll(async () => {
      const nodes = await contractCall(tabA, 'nodes:list', { accountId: x, poolId: 'login', force: true });
      const first = (nodes.value as { rows?: string[][] } | undefined)?.rows?.[0];
      if (first?.[1] === 'idle') nodeId = first[0] ?? '';
      return nodeId;
    }, { timeout: 60_000 })
    .not.toBe('');

  // Tab A works on X; it opens a terminal to X's node as user ops, who is not provisioned yet: the session waits.
  await useAccount(tabA, 'account-sandbox');
  await open(tabA, `terminals?poolId=login&nodeId=${nodeId}&user=ops`);
  const pane = tabA.locator(`[data-testid="terminal-pane"][aria-label="Terminal login / ${nodeId}"]`);
  await expect(pane.getByTestId('session-disconnected')).toContainText('has not provisioned a user named ops', { timeout: 30_000 });

  // Tab B switches to Y (which also has a pool login, but no user ops); then ops is provisioned on X's node.
  await useAccount(tabB, 'account-teamy');
  const apply = await contractCall(tabA, 'provision:apply', { accountId: x, poolId: 'login', nodes: 'all', userName: 'ops', auth: { kind: 'managedKey' } });
  expect(apply.ok, JSON.stringify(apply.error)).toBe(true);
  await expect
    .poll(async () => {
      const table = await contractCall(tabA, 'remote-login:list', { accountId: x, poolId: 'login', refresh: true });
      const user = (table.value as { rows?: { users: Record<string, { status: string }> }[] } | undefined)?.rows?.[0]?.users.ops;
      return user?.status;
    }, { timeout: 60_000 })
    .toMatch(/^(created|updated)$/);

  // Reconnect in tab A: the session resolves its login in X, where ops now exists, whatever tab B chose.
  await pane.getByTestId('session-disconnected').getByRole('button', { name: 'Reconnect' }).click();
  await trustAndConnect(pane);
  // The node's working folder lives in the sandbox's data folder (Y's emulator keeps its nodes elsewhere).
  await typeInto(tabA, pane, 'pwd');
  await expect(row(pane, new RegExp(`^\\s*/\\S+/sandbox/nodes/login/${nodeId}\\s*$`))).toHaveCount(1);
  await expect(tabB.getByTestId('status-account')).toContainText('teamy');
  await tabA.screenshot({ path: 'test-results/account-isolation-terminal.png' });
});

test("tab A's page of a pool in account Z says the account was removed when tab B removes Z; Z's pool stays in Batch", async () => {
  const teamZ = await startBuiltEmulator('teamz');
  try {
    const zClient = new BatchServiceClient(new BatchSharedKeyCredentials(teamZ.accountName, teamZ.accountKey), teamZ.endpoint);
    const added = await contractCall(tabA, 'accounts:addSharedKey', { name: 'teamz', url: teamZ.endpoint, key: teamZ.accountKey });
    const zId = (added.value as { id: string }).id;
    expect((await contractCall(tabA, 'pools:create', { accountId: zId, spec: poolSpec('shared') })).ok).toBe(true);
    await open(tabA, `pools?accountId=${encodeURIComponent(zId)}&poolId=shared`);
    await expect(tabA.getByTestId('pool-account')).toHaveText('in teamz');

    await tabB.getByRole('tab', { name: 'Accounts' }).click();
    const card = tabB.getByTestId('account-teamz');
    await card.getByRole('button', { name: 'Remove' }).click();
    await card.getByRole('button', { name: 'Yes, remove' }).click();
    await expect(card).toHaveCount(0);

    await expect(tabA.getByTestId('pool-gone')).toContainText('was removed', { timeout: 30_000 });
    // Z's pool is still there: removing an account from Batch Deck changes nothing in Batch.
    expect(String((await zClient.pool.get('shared')).state)).toBe('active');
  } finally {
    await teamZ.stop();
  }
});
