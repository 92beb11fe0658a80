import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';

let host: WebHostProcess;
let emulator: { endpoint: string; accountKey: string; stop(): Promise<void> };

/**
 * Starts the built emulator (out/emulator/cli.js) with a known key. test/helpers/emulator-process.ts uses
 * import.meta, which Playwright's CommonJS loader cannot load next to these specs.
 */
async function startEmulator(account: string): Promise<typeof emulator> {
  const dataDir = mkdtempSync(join(tmpdir(), 'batch-deck-e2e-emulator-'));
  const accountKey = randomBytes(64).toString('base64');
  const env = { ...process.env, BATCH_EMULATOR_PORT: '0', BATCH_EMULATOR_ACCOUNT: account, BATCH_EMULATOR_KEY: accountKey, BATCH_EMULATOR_DATA: dataDir };
  const child = spawn(process.execPath, [resolve('out/emulator/cli.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const endpoint = await new Promise<string>((done, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Batch emulator ready: endpoint=(\S+)/.exec(output);
      if (match?.[1]) done(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`emulator exited with ${code}: ${output}`)));
  });
  return {
    endpoint,
    accountKey,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

test.beforeAll(async () => {
  emulator = await startEmulator('opsteam');
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01' } });
});

test.afterAll(async () => {
  await host?.stop();
  await emulator?.stop();
});

test('first run on a clean data folder starts the Local sandbox and lists its empty pools through the real SDK', async ({ page }) => {
  await page.goto(host.url);
  const sandbox = page.getByTestId('account-sandbox');
  await expect(sandbox.getByTestId('account-status')).toHaveText('Ready');
  await expect(sandbox.getByText('Active')).toBeVisible();
  await expect(sandbox.getByTestId('pool-count')).toHaveText('0 pools');
  await expect(sandbox.getByText(/^http:\/\/127\.0\.0\.1:\d+$/)).toBeVisible();
  await page.screenshot({ path: 'test-results/accounts-first-run.png' });
});

test('a shared-key account with a wrong key is refused with the service message and nothing is saved; the right key adds it; remove deletes it', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Add with shared key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Account name').fill('opsteam');
  await dialog.getByLabel('Account URL').fill(emulator.endpoint);
  await dialog.getByLabel('Account key').fill(Buffer.alloc(64, 9).toString('base64'));
  await dialog.getByRole('button', { name: 'Check and add' }).click();
  const error = dialog.getByTestId('shared-key-error');
  await expect(error).toContainText('AUTH_FAILED');
  await expect(error).toContainText('AuthenticationFailed: Server failed to authenticate the request.');
  await page.screenshot({ path: 'test-results/accounts-wrong-key.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('account-opsteam')).toHaveCount(0);
  const accountsFile = join(host.dataDir, 'accounts.json');
  expect(existsSync(accountsFile) ? readFileSync(accountsFile, 'utf8') : '').not.toContain('opsteam');

  await page.getByRole('button', { name: 'Add with shared key' }).click();
  await dialog.getByLabel('Account name').fill('opsteam');
  await dialog.getByLabel('Account URL').fill(emulator.endpoint);
  await dialog.getByLabel('Account key').fill(emulator.accountKey);
  await dialog.getByRole('button', { name: 'Check and add' }).click();
  await expect(dialog).toHaveCount(0);
  const card = page.getByTestId('account-opsteam');
  await expect(card.getByTestId('account-status')).toHaveText('Ready');
  await expect(card.getByTestId('pool-count')).toHaveText('0 pools');
  expect(readFileSync(accountsFile, 'utf8')).not.toContain(emulator.accountKey);

  await card.getByRole('button', { name: 'Use this account' }).click();
  await expect(card.getByText('Active')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('account-opsteam').getByText('Active')).toBeVisible();

  await page.getByTestId('account-opsteam').getByRole('button', { name: 'Remove' }).click();
  await page.getByTestId('account-opsteam').getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByTestId('account-opsteam')).toHaveCount(0);
  await expect(page.getByTestId('account-sandbox').getByText('Active')).toBeVisible();
  expect(readFileSync(accountsFile, 'utf8')).not.toContain('opsteam');
  expect(host.output()).not.toContain(emulator.accountKey);
});
