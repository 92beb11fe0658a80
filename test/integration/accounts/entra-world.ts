import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import type { AuthorityDirectory } from '../../helpers/local-authority/directory';
import { startLocalAuthority, type LocalAuthority } from '../../helpers/local-authority/local-authority';
import type { AccountsFixture } from './accounts-fixture';

/** Tenant and subscription ids of the test directory. */
export const ids = {
  contoso: '11111111-1111-4111-8111-111111111111',
  fabrikam: '22222222-2222-4222-8222-222222222222',
  research: 'aaaaaaaa-0000-4000-8000-000000000001',
  empty: 'aaaaaaaa-0000-4000-8000-000000000002',
  partner: 'bbbbbbbb-0000-4000-8000-000000000003',
};

/** A user in two tenants: Contoso (home) with a Batch account and an empty subscription, Fabrikam with another. */
export function testDirectory(): AuthorityDirectory {
  return {
    user: { oid: '0b1d7c2e-5f4a-4c3b-9d8e-7f6a5b4c3d2e', username: 'operator@contoso.test', name: 'Batch Operator', homeTenantId: ids.contoso },
    tenants: [
      {
        tenantId: ids.contoso,
        displayName: 'Contoso',
        defaultDomain: 'contoso.test',
        subscriptions: [
          { subscriptionId: ids.research, displayName: 'Contoso Research', batchAccounts: [] },
          { subscriptionId: ids.empty, displayName: 'Contoso Empty', batchAccounts: [] },
        ],
      },
      {
        tenantId: ids.fabrikam,
        displayName: 'Fabrikam',
        defaultDomain: 'fabrikam.test',
        subscriptions: [{ subscriptionId: ids.partner, displayName: 'Fabrikam Partner', batchAccounts: [] }],
      },
    ],
  };
}

/** The authority, and an emulator that trusts it and is listed by its ARM in both tenants. */
export async function startEntraWorld(): Promise<{
  authority: LocalAuthority;
  /** What the authority and its ARM serve; tests may change it (e.g. make one subscription's listing fail). */
  directory: AuthorityDirectory;
  emulator: EmulatorProcess;
  env: Record<string, string>;
  close(): Promise<void>;
}> {
  const directory = testDirectory();
  const authority = await startLocalAuthority(directory);
  const emulator = await startEmulatorProcess({ env: { BATCH_EMULATOR_ACCOUNT: 'contosobatch', BATCH_EMULATOR_TRUSTED_ISSUERS: authority.writeTrustedIssuers() } });
  const host = new URL(emulator.endpoint).host;
  directory.tenants[0]!.subscriptions[0]!.batchAccounts.push({ name: 'contosobatch', location: 'westeurope', accountEndpoint: host });
  directory.tenants[1]!.subscriptions[0]!.batchAccounts.push({ name: 'fabrikambatch', location: 'northeurope', accountEndpoint: host });
  return {
    authority,
    directory,
    emulator,
    env: {
      BATCH_DECK_SANDBOX: 'off',
      BATCH_DECK_AUTHORITY_HOST: authority.origin,
      BATCH_DECK_ARM_URL: authority.armUrl,
      BATCH_DECK_EXTRA_CA_CERTS: authority.certificates.caPath,
    },
    async close() {
      await emulator.stop();
      await authority.close();
    },
  };
}

/** Waits until an event matching `match` was sent to the renderer; returns its payload. */
export async function waitForEvent(app: AccountsFixture, match: (event: string, payload: any) => boolean, timeoutMs = 30_000): Promise<any> {
  const started = Date.now();
  for (;;) {
    const found = app.events.find((e) => match(e.event, e.payload));
    if (found) return found.payload;
    if (Date.now() - started > timeoutMs) throw new Error(`No matching event after ${timeoutMs} ms: ${JSON.stringify(app.events.slice(-5))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits for the end of one sign-in (completed, failed or cancelled). */
export function signInEnd(app: AccountsFixture, signInId: string): Promise<any> {
  return waitForEvent(app, (event, p) => event === 'entra:signInProgress' && p.signInId === signInId && ['completed', 'failed', 'cancelled'].includes(p.state));
}

/** Signs in with the device code flow, approving the code as the user would. */
export async function signInWithDeviceCode(app: AccountsFixture, authority: LocalAuthority, tenant?: string): Promise<any> {
  const started = await app.call('entra:signIn', tenant ? { method: 'deviceCode', tenant } : { method: 'deviceCode' });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const { signInId } = started.value;
  const code = await waitForEvent(app, (event, p) => event === 'entra:signInProgress' && p.signInId === signInId && p.state === 'deviceCode');
  await authority.approveDeviceCode(code.userCode);
  return signInEnd(app, signInId);
}
