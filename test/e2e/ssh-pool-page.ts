import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { contractCall } from './contract-call';
import { trustAndConnect, withoutWebgl } from './terminal-page';

/**
 * Creates a Linux pool with SSH access (an inbound NAT pool for port 22) in the sandbox account through the pools
 * feature's own channel (its UI has its own e2e), opens its detail page and waits until every node is idle.
 */
export async function openSshPool(page: Page, url: string, poolId: string, nodes: number): Promise<void> {
  const spec = {
    id: poolId,
    vmSize: 'standard_d2s_v3',
    image: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' },
    nodeAgentSkuId: 'batch.node.ubuntu 22.04',
    targetDedicatedNodes: nodes,
    ssh: { sourceAddressPrefix: '127.0.0.1' },
  };
  await expect.poll(async () => (await contractCall(page, 'pools:create', { accountId: 'sandbox', spec })).ok, { timeout: 60_000 }).toBe(true);
  // The route lives in the hash; a reload makes the app read it (as when a user reopens the page).
  await page.goto(`${url}#pools?poolId=${poolId}`);
  await page.reload();
  await expect(page.getByRole('heading', { name: poolId })).toBeVisible();
  await expect(page.getByTestId('nodes-table').getByRole('row').filter({ hasText: 'idle' })).toHaveCount(nodes, { timeout: 60_000 });
}

/** A web host with a HOME of its own (~/.ssh/known_hosts is read from there, never the real one) and a page on it. */
export interface SshE2eHost {
  host: WebHostProcess;
  page: Page;
  /** Closes the page, stops the host and removes the HOME. */
  stop(): Promise<void>;
}

/** Starts the web host in a fresh HOME with the sandbox's clock sped up, and opens a page (DOM terminal renderer) on it. */
export async function startSshE2eHost(browser: Browser): Promise<SshE2eHost> {
  const home = mkdtempSync(join(tmpdir(), 'batch-deck-e2e-home-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  const host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01', HOME: home } });
  const page = await browser.newPage();
  await withoutWebgl(page);
  await page.goto(host.url);
  return {
    host,
    page,
    async stop() {
      await page.close();
      await host.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Provisions user `ops` with the managed key on every node of the open pool; waits until its `nodes` rows say created. */
export async function provisionOps(page: Page, poolId: string, nodes: number): Promise<void> {
  const apply = await contractCall(page, 'provision:apply', { accountId: 'sandbox', poolId, nodes: 'all', userName: 'ops', auth: { kind: 'managedKey' } });
  expect(apply.ok).toBe(true);
  await page.getByRole('tab', { name: 'Remote login' }).click();
  await expect(page.getByTestId('user-status').filter({ hasText: 'created' })).toHaveCount(nodes, { timeout: 60_000 });
}

/** The terminal pane of one node's session. */
export function nodePane(page: Page, poolId: string, nodeId: string): Locator {
  return page.locator(`[data-testid="terminal-pane"][aria-label="Terminal ${poolId} / ${nodeId}"]`);
}

/**
 * Clicks Connect on row `index` of the pool's Remote login table (reopening the pool page if it is not shown), checks the
 * host-key prompt shows a SHA256 fingerprint, trusts it (after `onPrompt`) and waits until the session is connected.
 */
export async function connectFromTable(
  page: Page,
  poolId: string,
  index = 0,
  onPrompt?: (prompt: Locator) => Promise<void>,
): Promise<{ nodeId: string; pane: Locator }> {
  if (!(await page.getByTestId('remote-login-row').first().isVisible().catch(() => false))) {
    await page.goto(`${page.url().split('#')[0]}#pools?poolId=${poolId}`);
    await page.reload();
    await page.getByRole('tab', { name: 'Remote login' }).click();
  }
  const tableRow = page.getByTestId('remote-login-row').nth(index);
  const nodeId = (await tableRow.getAttribute('data-node-id')) ?? '';
  await tableRow.getByRole('button', { name: 'Connect' }).click();
  const pane = nodePane(page, poolId, nodeId);
  await trustAndConnect(pane, onPrompt);
  return { nodeId, pane };
}
