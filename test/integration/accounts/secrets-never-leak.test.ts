import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccounts, type AccountsFixture } from './accounts-fixture';
import { ids, signInEnd, signInWithDeviceCode, startEntraWorld, waitForEvent } from './entra-world';

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets never leave main', () => {
  let world: Awaited<ReturnType<typeof startEntraWorld>>;
  let app: AccountsFixture;
  const wrongKey = Buffer.alloc(64, 3).toString('base64');

  beforeAll(async () => {
    world = await startEntraWorld();
    const { BATCH_DECK_SANDBOX: _off, ...env } = world.env;
    app = startAccounts({ env });
  });

  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  it('after sandbox, shared-key and Entra ID use and sign-out, no key, token or refresh token is in the data folder, the log or any message to the renderer', async () => {
    // Sandbox: starts, lists pools.
    expect(await (await app.feature.source.active()).rest.pools.list()).toHaveLength(0);
    expect((await app.call('accounts:check', { id: 'sandbox' })).ok).toBe(true);
    // Shared key: a wrong key, then the right one, then use it.
    expect((await app.call('accounts:addSharedKey', { name: 'contosobatch', url: world.emulator.endpoint, key: wrongKey })).error.code).toBe('AUTH_FAILED');
    const shared = (await app.call('accounts:addSharedKey', { name: 'contosobatch', url: world.emulator.endpoint, key: world.emulator.accountKey })).value;
    await app.call('accounts:setActive', { id: shared.id });
    expect(await (await app.feature.source.active()).rest.pools.list()).toHaveLength(0);
    // Entra ID: device code and browser sign-in, tenants, discovery in both tenants, bearer calls.
    const identityId = (await signInWithDeviceCode(app, world.authority)).identity.id;
    const browser = (await app.call('entra:signIn', { method: 'browser' })).value.signInId;
    const waiting = await waitForEvent(app, (e, p) => e === 'entra:signInProgress' && p.signInId === browser && p.state === 'waitingForBrowser');
    await world.authority.completeBrowserSignIn(waiting.url);
    expect((await signInEnd(app, browser)).state).toBe('completed');
    expect((await app.call('entra:tenants', { identityId })).value).toHaveLength(2);
    for (const tenantId of [ids.contoso, ids.fabrikam]) {
      const found = (await app.call('entra:discover', { identityId, tenantId })).value;
      const added = (await app.call('entra:addAccounts', { identityId, tenantId, resourceIds: [found[0].accounts[0].resourceId] })).value;
      await app.call('accounts:setActive', { id: added[0].id });
      expect(await (await app.feature.source.active()).rest.pools.list()).toHaveLength(0);
      expect((await app.call('accounts:check', { id: added[0].id })).ok).toBe(true);
    }
    await app.call('entra:signOut', { identityId });

    const sandboxKey = (await app.secrets.get('sandbox/account-key')) as string;
    const secrets = {
      'sandbox key': [sandboxKey],
      'shared key': [world.emulator.accountKey],
      'refused key': [wrongKey],
      'access tokens': world.authority.issued.accessTokens,
      'id tokens': world.authority.issued.idTokens,
      'refresh tokens': world.authority.issued.refreshTokens,
    };
    expect(world.authority.issued.refreshTokens.length).toBeGreaterThan(2);
    expect(world.authority.grants.filter((g) => g.tenant === ids.fabrikam).length).toBeGreaterThan(0);

    const files = filesUnder(app.dataDir);
    expect(files).toContain(app.logPath);
    const places: Record<string, string> = {
      'events sent to the renderer': JSON.stringify(app.events),
      'results sent to the renderer': app.results.join('\n'),
      ...Object.fromEntries(files.map((file) => [file, readFileSync(file, 'utf8')])),
    };
    expect(places[app.logPath]).toContain('the Local sandbox is ready');
    const leaks: string[] = [];
    for (const [kind, values] of Object.entries(secrets)) {
      for (const value of values) {
        for (const [place, text] of Object.entries(places)) if (text.includes(value)) leaks.push(`${kind} found in ${place}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
