import { expect, test, type Page } from '@playwright/test';
import { connectFromTable, openSshPool, provisionOps, startSshE2eHost, type SshE2eHost } from './ssh-pool-page';
import { rows, typeInto } from './terminal-page';

// Port forwarding end to end: a web server started in a node's terminal, forwarded from the pool page, fetched here.
test.describe('port forwarding from a node', () => {
  let e2e: SshE2eHost;
  let page: Page;
  const poolId = 'e2e-tunnel';

  test.beforeAll(async ({ browser }) => {
    e2e = await startSshE2eHost(browser);
    page = e2e.page;
  });

  test.afterAll(async () => {
    await e2e?.stop();
  });

  test('python3 -m http.server 8000 on the node, forwarded from the UI, serves its listing here; Close refuses the next connection', async () => {
    test.setTimeout(120_000);
    const origin = page.url().split('#')[0] as string;
    await openSshPool(page, origin, poolId, 1);
    await provisionOps(page, poolId, 1);
    const { nodeId, pane } = await connectFromTable(page, poolId);
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
