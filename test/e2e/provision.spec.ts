import { openSshPool } from './ssh-pool-page';
import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';

const run = promisify(execFile);
let host: WebHostProcess;
let page: Page;
let home: string;
/** Progress events the page received over the web host's socket. */
const progressFrames: { state: string; done: number }[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  // A home of its own: the exported key lands in $HOME/.ssh, never in the real one.
  home = mkdtempSync(join(tmpdir(), 'batch-deck-e2e-home-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01', HOME: home } });
  page = await browser.newPage();
  page.on('websocket', (socket) =>
    socket.on('framereceived', (frame) => {
      // Terminal output comes as binary frames; progress events are JSON text.
      if (typeof frame.payload !== 'string') return;
      const message = JSON.parse(String(frame.payload)) as { event?: string; payload?: { state: string; kind: string; counts: Record<string, number> } };
      if (message.event === 'operations:progress' && message.payload?.kind === 'provision-apply') {
        const c = message.payload.counts;
        progressFrames.push({ state: message.payload.state, done: (c.succeeded ?? 0) + (c.failed ?? 0) });
      }
    }),
  );
  await page.goto(host.url);
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
  rmSync(home, { recursive: true, force: true });
});


test('provision a managed-key user on every node with progress, then the table shows each node\'s IP and port', async () => {
  await openSshPool(page, host.url, 'e2e-ssh', 3);

  await page.getByRole('tab', { name: 'Remote login' }).click();
  await page.getByTestId('open-provision').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('provision-user-name').fill('root');
  await dialog.getByTestId('provision-submit').click();
  await expect(dialog.getByText('This user name is reserved')).toBeVisible();
  await dialog.getByTestId('provision-user-name').fill('ops');
  await expect(dialog.getByRole('radio', { name: /managed key/ })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Every node of the pool' })).toBeChecked();
  await dialog.getByTestId('provision-submit').click();
  await expect(dialog).toBeHidden();

  const progress = page.getByTestId('provision-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toContainText('Adding ops to 3 node(s)');
  await expect(page.getByTestId('provision-done')).toHaveText('3 / 3 done · finished', { timeout: 30_000 });
  expect(progressFrames.length).toBeGreaterThan(0);
  expect(progressFrames.at(-1)).toEqual({ state: 'finished', done: 3 });

  const rows = page.getByTestId('remote-login-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('user-status').filter({ hasText: 'created' })).toHaveCount(3);
  for (const row of await rows.all()) {
    await expect(row.getByTestId('login-ip')).toHaveText('127.0.0.1');
    await expect(row.getByTestId('login-port')).toHaveText(/^\d{2,5}$/);
  }
  await page.screenshot({ path: 'test-results/provision-table.png' });
});

test('copy ssh command asks to export the key once, and the command logs in with OpenSSH', async () => {
  await page.getByRole('button', { name: 'Copy ssh command' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Export the managed private key' });
  await expect(dialog).toBeVisible();
  const keyFile = join(home, '.ssh', 'batch-deck-sandbox_ed25519');
  await expect(dialog.getByTestId('key-export-path')).toHaveValue(keyFile);
  await dialog.getByTestId('key-export-submit').click();
  const command = page.getByTestId('ssh-command');
  await expect(command).toHaveText(new RegExp(`^ssh -i ${keyFile} -p \\d+ ops@127\\.0\\.0\\.1$`));
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);

  const [, ...args] = ((await command.textContent()) ?? '').split(' ');
  const options = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'IdentitiesOnly=yes', '-o', 'LogLevel=ERROR'];
  const { stdout } = await run('ssh', [...options, ...args, 'echo $((6*7))'], { timeout: 20_000 });
  expect(stdout.trim()).toBe('42');
});

test('sorting by port reorders the table, and connect opens a terminal to that node', async () => {
  const ports = async () => (await page.getByTestId('login-port').allTextContents()).map(Number);
  await page.getByTestId('sort-port').click();
  const ascending = await ports();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await page.getByTestId('sort-port').click();
  expect(await ports()).toEqual([...ascending].reverse());

  const firstRow = page.getByTestId('remote-login-row').first();
  const nodeId = await firstRow.getAttribute('data-node-id');
  await firstRow.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('tab', { name: 'Terminals' })).toHaveAttribute('aria-selected', 'true');
  // The terminal feature opens a session to exactly that node from the route parameters; it labels it pool / node.
  await expect(page.getByText(`e2e-ssh / ${nodeId}`).first()).toBeVisible();
});
