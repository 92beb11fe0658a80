import { expect, test } from '@playwright/test';
import type { AuthorityDirectory } from '../helpers/local-authority/directory';
import { startLocalAuthority } from '../helpers/local-authority/local-authority';
import { startWebHostProcess } from '../helpers/web-host-process';
import { startBuiltEmulator } from './built-emulator';

test('discovery lists the accounts it can and names the subscription whose accounts could not be listed, with ARM’s reason', async ({ page }) => {
  const tenantId = '11111111-1111-4111-8111-111111111111';
  const locked = 'aaaaaaaa-0000-4000-8000-000000000009';
  const refusal = `The client 'operator@contoso.test' does not have authorization to perform action 'Microsoft.Batch/batchAccounts/read' over scope '/subscriptions/${locked}'.`;
  const directory: AuthorityDirectory = {
    user: { oid: '0b1d7c2e-5f4a-4c3b-9d8e-7f6a5b4c3d2e', username: 'operator@contoso.test', name: 'Batch Operator', homeTenantId: tenantId },
    tenants: [{ tenantId, displayName: 'Contoso', defaultDomain: 'contoso.test', subscriptions: [
      { subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000001', displayName: 'Contoso Research', batchAccounts: [] },
      { subscriptionId: locked, displayName: 'Contoso Finance', batchAccounts: [], listingFailure: { status: 403, code: 'AuthorizationFailed', message: refusal } },
    ] }],
  };
  const authority = await startLocalAuthority(directory);
  const emulator = await startBuiltEmulator('contosobatch', { BATCH_EMULATOR_TRUSTED_ISSUERS: authority.writeTrustedIssuers() });
  directory.tenants[0]!.subscriptions[0]!.batchAccounts.push({ name: 'contosobatch', location: 'westeurope', accountEndpoint: new URL(emulator.endpoint).host });
  const host = await startWebHostProcess({
    env: { BATCH_DECK_SANDBOX: 'off', BATCH_DECK_AUTHORITY_HOST: authority.origin, BATCH_DECK_ARM_URL: authority.armUrl, BATCH_DECK_EXTRA_CA_CERTS: authority.certificates.caPath },
  });
  try {
    await page.goto(host.url);
    await page.getByRole('radio', { name: 'With a code on another device' }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Device code');
    await expect(code).toHaveValue(/^[0-9A-F]{8}$/);
    await authority.approveDeviceCode(await code.inputValue());
    const identity = page.getByRole('region', { name: 'Signed in as operator@contoso.test' });

    const failed = identity.getByTestId('subscription-listing-failed');
    await expect(failed).toContainText('Could not list the Batch accounts of Contoso Finance');
    await expect(failed).toContainText(`Authentication failed: Azure Resource Manager refused the discovery request: AuthorizationFailed: ${refusal}`);
    // Codes stay out of what the user reads.
    await expect(failed).not.toContainText('AUTH_FAILED');
    await expect(identity.getByText('No Batch accounts in this subscription.')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/entra-discovery-partial.png' });

    await identity.getByRole('checkbox', { name: /contosobatch \(westeurope\)/ }).check();
    await identity.getByRole('button', { name: 'Add 1 selected' }).click();
    await expect(page.getByTestId('account-contosobatch').getByTestId('account-status')).toHaveText('Ready');
  } finally {
    await host.stop();
    await emulator.stop();
    await authority.close();
  }
});
