import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalAuthority } from '../helpers/local-authority/local-authority';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { startBuiltEmulator, type BuiltEmulator } from './built-emulator';

let host: WebHostProcess;
let emulator: BuiltEmulator;

test.beforeAll(async () => {
  emulator = await startBuiltEmulator('opsteam');
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

test('a shared-key account with a wrong key is refused (the key does not match the account, with what Batch said) and nothing is saved; the right key adds it and says so; remove deletes it', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Add with shared key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Account name').fill('opsteam');
  await dialog.getByLabel('Account URL').fill(emulator.endpoint);
  await dialog.getByLabel('Account key').fill(Buffer.alloc(64, 9).toString('base64'));
  await dialog.getByRole('button', { name: 'Check and add' }).click();
  const error = dialog.getByTestId('shared-key-error');
  await expect(error).toContainText('The key does not match account opsteam');
  await expect(error).toContainText('Server failed to authenticate the request.');
  // Codes stay data: no "AUTH_FAILED" in the words.
  await expect(error).not.toContainText('AUTH_FAILED');
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
  await expect(dialog.getByTestId('shared-key-added')).toContainText('opsteam');
  await dialog.getByRole('button', { name: 'Done' }).click();
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

test('signing in with a device code shows a copyable code, then the tenant picker finds Batch accounts that work with a bearer token', async ({ page }) => {
  const tenantId = '11111111-1111-4111-8111-111111111111';
  const directory = {
    user: { oid: '0b1d7c2e-5f4a-4c3b-9d8e-7f6a5b4c3d2e', username: 'operator@contoso.test', name: 'Batch Operator', homeTenantId: tenantId },
    tenants: [{ tenantId, displayName: 'Contoso', defaultDomain: 'contoso.test', subscriptions: [
      { subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000001', displayName: 'Contoso Research', batchAccounts: [] as { name: string; location: string; accountEndpoint: string }[] },
      { subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000002', displayName: 'Contoso Empty', batchAccounts: [] },
    ] }],
  };
  const authority = await startLocalAuthority(directory);
  const entraEmulator = await startBuiltEmulator('contosobatch', { BATCH_EMULATOR_TRUSTED_ISSUERS: authority.writeTrustedIssuers() });
  directory.tenants[0]!.subscriptions[0]!.batchAccounts.push({ name: 'contosobatch', location: 'westeurope', accountEndpoint: new URL(entraEmulator.endpoint).host });
  const entraHost = await startWebHostProcess({
    env: {
      BATCH_DECK_SANDBOX: 'off',
      BATCH_DECK_AUTHORITY_HOST: authority.origin,
      BATCH_DECK_ARM_URL: authority.armUrl,
      BATCH_DECK_EXTRA_CA_CERTS: authority.certificates.caPath,
    },
  });
  try {
    await page.goto(entraHost.url);
    await page.getByRole('radio', { name: 'With a code on another device' }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Device code');
    await expect(code).toHaveValue(/^[0-9A-F]{8}$/);
    await expect(page.getByTestId('device-code')).toContainText(`${authority.origin}/devicelogin`);
    await page.getByRole('button', { name: 'Copy code' }).click();
    await expect(page.getByTestId('device-code')).toContainText(/Copied|Selected/);
    await page.screenshot({ path: 'test-results/accounts-device-code.png' });
    await authority.approveDeviceCode(await code.inputValue());
    await expect(page.getByTestId('sign-in-done')).toContainText('Signed in as operator@contoso.test');
    const identity = page.getByRole('region', { name: 'Signed in as operator@contoso.test' });
    await expect(identity.getByText('No Batch accounts in this subscription.')).toBeVisible();
    await identity.getByRole('checkbox', { name: /contosobatch \(westeurope\)/ }).check();
    await identity.getByRole('button', { name: 'Add 1 selected' }).click();
    const card = page.getByTestId('account-contosobatch');
    await expect(card.getByTestId('account-status')).toHaveText('Ready');
    await expect(card.getByTestId('pool-count')).toHaveText('0 pools');
    await expect(card).toContainText('Microsoft Entra ID · operator@contoso.test');
    await page.screenshot({ path: 'test-results/accounts-entra.png' });
    await identity.getByRole('button', { name: 'Sign out' }).click();
    await expect(card.getByTestId('account-status')).toHaveText('Sign-in required');
    for (const token of [...authority.issued.accessTokens, ...authority.issued.refreshTokens]) expect(entraHost.output()).not.toContain(token);
  } finally {
    await entraHost.stop();
    await entraEmulator.stop();
    await authority.close();
  }
});
