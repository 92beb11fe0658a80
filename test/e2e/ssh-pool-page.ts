import { expect, type Page } from '@playwright/test';
import { contractCall } from './contract-call';

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
