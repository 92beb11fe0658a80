import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { contractCall } from './contract-call';
import { openSshPool } from './ssh-pool-page';
import { rows, typeInto, withoutWebgl } from './terminal-page';

// Port forwarding end to end: a web server started in a node's terminal, forwarded from the pool page, fetched here.
test.describe('port forwarding from a node', () => {
  let host: WebHostProcess;
  let home: string;
  let page: Page;
  const poolId = 'e2e-tunnel';

  test.beforeAll(async ({ browser }) => {
    home = mkdtempSync(join(tmpdir(), 'batch-deck-e2e-home-'));
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01', HOME: home } });
    page = await browser.newPage();
    await withoutWebgl(page);
    await page.goto(host.url);
  });

  test.afterAll(async () => {
    await page?.close();
    await host?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  test('python3 -m http.server 8000 on the node, forwarded from the UI, serves its listing here; Close refuses the next connection', async () => {
    test.setTimeout(120_000);
    const origin = page.url().split('#')[0] as string;
    await openSshPool(page, origin, poolId, 1);
    const apply = await contractCall(page, 'provision:apply', { accountId: 'sandbox', poolId, nodes: 'all', userName: 'ops', auth: { kind: 'managedKey' } });
    expect(apply.ok).toBe(true);
    await page.getByRole('tab', { name: 'Remote login' }).click();
    await expect(page.getByTestId('user-status').filter({ hasText: 'created' })).toHaveCount(1, { timeout: 60_000 });
    const tableRow = page.getByTestId('remote-login-row').first();
    const nodeId = (await tableRow.getAttribute('data-node-id')) ?? '';
    await tableRow.getByRole('button', { name: 'Connect' }).click();

    const pane = page.locator(`[data-testid="terminal-pane"][aria-label="Terminal ${poolId} / ${nodeId}"]`);
    await pane.getByTestId('host-key-prompt').getByRole('button', { name: 'Trust and connect' }).click({ timeout: 30_000 });
    await expect(pane.getByTestId('session-status')).toHaveText('Connected', { timeout: 30_000 });
    await typeInto(page, pane, 'mkdir -p served && cd served && touch tunnel-marker.txt && python3 -m http.server 8000 --bind 127.0.0.1');
    await expect(rows(pane)).toContainText('Serving HTTP on 127.0.0.1 port 8000', { timeout: 20_000 });

    await page.goto(`${origin}#pools?poolId=${poolId}`);
    await page.reload();
    await page.getByRole('button', { name: `Forward a port from ${nodeId}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Forward a port' });
    await dialog.getByTestId('tunnel-remote-port').fill('8000');
    await expect(dialog.getByRole('combobox', { name: 'User' })).toHaveText('ops');
    await dialog.getByTestId('tunnel-submit').click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });

    const tunnelRow = page.getByTestId('tunnel-row');
    await expect(tunnelRow).toHaveAttribute('data-node-id', nodeId);
    await expect(tunnelRow).toContainText(/port 8000 on .+ as ops/);
    const localPort = Number(await tunnelRow.getAttribute('data-local-port'));
    const localUrl = `http://127.0.0.1:${localPort}/`;
    await expect(tunnelRow.getByTestId('tunnel-address')).toHaveText(localUrl);
    const listing = await (await fetch(localUrl)).text();
    expect(listing).toContain('Directory listing for /');
    expect(listing).toContain('tunnel-marker.txt');
    await expect(tunnelRow.getByTestId('tunnel-stats')).toContainText('0 open / 1 connections');
    await expect(tunnelRow.getByTestId('tunnel-stats')).not.toContainText('↓ 0 B');
    await page.screenshot({ path: 'test-results/tunnels-forwarded.png' });

    await tunnelRow.getByRole('button', { name: 'Close the forward of port 8000' }).click();
    await expect(tunnelRow).toHaveCount(0);
    await expect(fetch(localUrl)).rejects.toThrow();
  });

  test('a port nothing listens on is refused in the form, naming the port', async () => {
    const nodeId = await page.getByTestId('nodes-table').getByRole('button', { name: /^Forward a port from / }).first().getAttribute('aria-label');
    await page.getByRole('button', { name: nodeId ?? '' }).click();
    const dialog = page.getByRole('dialog', { name: 'Forward a port' });
    await dialog.getByTestId('tunnel-remote-port').fill('1');
    await dialog.getByTestId('tunnel-submit').click();
    await expect(dialog.getByTestId('tunnel-error')).toContainText('port 1');
    await expect(page.getByTestId('tunnel-row')).toHaveCount(0);
  });
});
