import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { contractCall } from './contract-call';
import { connectFromTable, openSshPool, provisionOps } from './ssh-pool-page';
import { row, typeInto, withoutWebgl } from './terminal-page';

const poolId = 'files-e2e';
let host: WebHostProcess;
let home: string;

test.beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'batch-deck-files-home-'));
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01', HOME: home } });
});

test.afterEach(async () => {
  await host.stop();
  rmSync(home, { recursive: true, force: true });
});

/** Provisions user `ops` with the managed key, opens its terminal on the node, trusts the host key; returns the pane. */
async function connectTerminal(page: Page): Promise<Locator> {
  await provisionOps(page, poolId, 1);
  return (await connectFromTable(page, poolId)).pane;
}

/** Back on the pool page, the Files tab of its node, in SFTP mode at the user's home (`/home/ops` on the emulator). */
async function openSftpHome(page: Page): Promise<Locator> {
  await openPoolFiles(page);
  const files = page.getByTestId('node-files');
  await files.getByRole('tab', { name: 'SFTP' }).click();
  await files.getByRole('button', { name: 'Open folder home' }).click();
  await files.getByRole('button', { name: 'Open folder ops' }).click();
  await expect(files.getByRole('button', { name: 'ops' })).toBeVisible();
  return files;
}

/** The pool's page (the route lives in the hash: a reload makes the app read it) on its Files tab. */
async function openPoolFiles(page: Page): Promise<void> {
  await page.goto(`${host.url}#pools?poolId=${poolId}`);
  await page.reload();
  await page.getByRole('tab', { name: 'Files' }).click();
}

/** Drops a file built in the page onto `target` (a CSS selector), as a drag from the desktop does; resolves with its sha256. */
async function dropFile(page: Page, name: string, size: number, target = '[data-testid="sftp-drop-zone"]'): Promise<string> {
  return page.evaluate(
    async ({ name, size, target }) => {
      const parts: BlobPart[] = [];
      for (let done = 0; done < size; done += 65_536) parts.push(crypto.getRandomValues(new Uint8Array(Math.min(65_536, size - done))));
      const file = new File(parts, name);
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
      const data = new DataTransfer();
      data.items.add(file);
      const zone = document.querySelector(target) as HTMLElement;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
    },
    { name, size, target },
  );
}

test('drop 50 MB onto the SFTP panel → its sha256 in the node terminal matches; download a folder; a task’s stdout.txt shows and the browser downloads it', async ({ page }) => {
  test.setTimeout(180_000);
  await withoutWebgl(page);
  await page.goto(host.url);
  await openSshPool(page, host.url, poolId, 1);
  const pane = await connectTerminal(page);
  await typeInto(page, pane, 'mkdir -p ~/outdir/sub && echo one > ~/outdir/a.txt && echo two > ~/outdir/sub/b.txt && echo made-$((6*7))');
  await expect(row(pane, /^\s*made-42\s*$/)).toHaveCount(1);

  const files = await openSftpHome(page);
  // A small file first, then 50 MB, both dropped.
  await dropFile(page, 'small.txt', 12);
  await expect(files.getByTestId('transfer').first()).toHaveAttribute('data-state', 'finished', { timeout: 30_000 });
  const hash = await dropFile(page, 'big.bin', 50 * 1024 * 1024);
  const transfer = files.getByTestId('transfer').filter({ hasText: 'big.bin' });
  await expect(transfer.getByTestId('transfer-file')).toHaveAttribute('data-status', /running|succeeded/, { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/files-upload-progress.png' });
  await expect(transfer).toHaveAttribute('data-state', 'finished', { timeout: 90_000 });
  await expect(transfer.getByTestId('transfer-totals')).toContainText('1 of 1 files · 50 MB of 50 MB');

  await page.getByRole('tab', { name: 'Terminals' }).click();
  await typeInto(page, pane, 'sha256sum ~/big.bin');
  await expect(row(pane, new RegExp(`^\\s*${hash}\\s`))).toHaveCount(1, { timeout: 20_000 });
  // A file dropped on the terminal lands where the shell starts (the node folder on the emulator, home on Azure).
  const dropped = await dropFile(page, 'on-terminal.bin', 3000, '[data-testid="terminal-pane"]');
  await expect(pane.getByTestId('pane-drop-notice')).toContainText('Sent on-terminal.bin', { timeout: 20_000 });
  await typeInto(page, pane, 'sha256sum on-terminal.bin');
  await expect(row(pane, new RegExp(`^\\s*${dropped}\\s`))).toHaveCount(1, { timeout: 20_000 });

  // Download a folder: every file arrives in the download folder (this host's HOME/Downloads), nothing `.partial`.
  const again = await openSftpHome(page);
  await again.getByRole('button', { name: 'Download outdir' }).click();
  await expect(again.getByTestId('transfer').filter({ hasText: 'outdir' }).first()).toHaveAttribute('data-state', 'finished', { timeout: 30_000 });
  expect(readFileSync(join(home, 'Downloads', 'outdir', 'a.txt'), 'utf8')).toBe('one\n');
  expect(readFileSync(join(home, 'Downloads', 'outdir', 'sub', 'b.txt'), 'utf8')).toBe('two\n');

  // A task's stdout.txt in the Batch file browser: workitems/{job}/job-1/{task}/stdout.txt on its node.
  expect((await contractCall(page, 'jobs:create', { accountId: 'sandbox', spec: { id: 'files-job', poolId } })).ok).toBe(true);
  const task = { id: 'hello', commandLine: "/bin/bash -c 'echo hello from the task'" };
  expect((await contractCall(page, 'tasks:add', { accountId: 'sandbox', jobId: 'files-job', task })).ok).toBe(true);
  await openPoolFiles(page);
  const browser = page.getByTestId('batch-file-browser');
  for (const folder of ['workitems', 'files-job', 'job-1', 'hello']) {
    await expect(async () => {
      await browser.getByRole('button', { name: 'Refresh' }).click();
      await browser.getByRole('button', { name: `Open folder ${folder}` }).click({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
  }
  await browser.getByRole('button', { name: 'Preview stdout.txt' }).click();
  await expect(browser.getByLabel(/^workitems\/files-job\/job-1\/hello\/stdout\.txt of /)).toHaveText('hello from the task\n');
  // The web host saves a file through the browser's own download: main fetches it, the page saves /download/<id>.
  const downloading = page.waitForEvent('download', { timeout: 30_000 });
  await browser.getByRole('button', { name: 'Download stdout.txt' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('stdout.txt');
  expect(readFileSync(await download.path(), 'utf8')).toBe('hello from the task\n');
  await expect(page.getByTestId('transfer').filter({ hasText: 'stdout.txt' }).first()).toHaveAttribute('data-state', 'finished');
  // The address served once: fetching it again is refused.
  expect((await page.request.get(download.url())).status()).toBe(404);
  await page.screenshot({ path: 'test-results/files-task-stdout.png' });
});
