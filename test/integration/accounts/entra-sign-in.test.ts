import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccounts, type AccountsFixture } from './accounts-fixture';
import { ids, signInEnd, signInWithDeviceCode, startEntraWorld, waitForEvent } from './entra-world';

describe('Microsoft Entra ID through msal-node against the local authority', () => {
  let world: Awaited<ReturnType<typeof startEntraWorld>>;
  let app: AccountsFixture;
  let identityId: string;

  beforeAll(async () => {
    world = await startEntraWorld();
    app = startAccounts({ env: world.env });
  });

  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  it('signs in with the device code flow: the code is shown, the user approves it elsewhere, the identity appears', async () => {
    const done = await signInWithDeviceCode(app, world.authority);
    expect(JSON.stringify(done)).toContain('"state":"completed"');
    expect(done.identity).toMatchObject({ username: 'operator@contoso.test', homeTenantId: ids.contoso, cloud: 'public' });
    const shown = app.events.find((e) => (e.payload as any).state === 'deviceCode')?.payload as any;
    expect(shown.verificationUri).toBe(`${world.authority.origin}/devicelogin`);
    expect(shown.message).toContain(shown.userCode);
    identityId = done.identity.id;
    expect((await app.call('entra:identities', {})).value).toEqual([done.identity]);
  });

  it('offers both tenants in the tenant picker', async () => {
    const tenants = (await app.call('entra:tenants', { identityId })).value;
    expect(tenants).toEqual([
      { tenantId: ids.contoso, displayName: 'Contoso', defaultDomain: 'contoso.test' },
      { tenantId: ids.fabrikam, displayName: 'Fabrikam', defaultDomain: 'fabrikam.test' },
    ]);
  });

  it('discovers every subscription of the picked tenant (across pages) with its Batch accounts, empty ones included', async () => {
    const found = (await app.call('entra:discover', { identityId, tenantId: ids.contoso })).value;
    expect(found.map((s: any) => [s.displayName, s.accounts.length])).toEqual([['Contoso Research', 1], ['Contoso Empty', 0]]);
    expect(found[0].accounts[0]).toMatchObject({ name: 'contosobatch', location: 'westeurope', endpoint: world.emulator.endpoint, added: false });
  });

  it('lists every subscription it can and names the one whose accounts could not be listed, with what ARM said', async () => {
    const empty = world.directory.tenants[0]!.subscriptions[1]!;
    const refusal = `The client 'operator@contoso.test' does not have authorization to perform action 'Microsoft.Batch/batchAccounts/read' over scope '/subscriptions/${ids.empty}'.`;
    empty.listingFailure = { status: 403, code: 'AuthorizationFailed', message: refusal };
    try {
      const found = (await app.call('entra:discover', { identityId, tenantId: ids.contoso })).value;
      expect(found.map((s: any) => [s.displayName, s.accounts.length])).toEqual([['Contoso Research', 1], ['Contoso Empty', 0]]);
      expect(found[0].error).toBeUndefined();
      expect(found[1].error).toEqual({ code: 'AUTH_FAILED', message: `Azure Resource Manager refused the discovery request: AuthorizationFailed: ${refusal}` });
      empty.listingFailure = { status: 409, code: 'MissingSubscriptionRegistration', message: "The subscription is not registered to use namespace 'Microsoft.Batch'." };
      const again = (await app.call('entra:discover', { identityId, tenantId: ids.contoso })).value;
      expect(again[0].accounts[0].name).toBe('contosobatch');
      expect(again[1].error.message).toContain("MissingSubscriptionRegistration: The subscription is not registered to use namespace 'Microsoft.Batch'.");
    } finally {
      delete empty.listingFailure;
    }
  });

  it('adds a discovered account and calls Batch with a bearer token the emulator verifies', async () => {
    const found = (await app.call('entra:discover', { identityId, tenantId: ids.contoso })).value;
    const added = await app.call('entra:addAccounts', { identityId, tenantId: ids.contoso, resourceIds: [found[0].accounts[0].resourceId] });
    expect(added.value).toEqual([
      expect.objectContaining({ name: 'contosobatch', kind: 'entra', endpoint: world.emulator.endpoint, username: 'operator@contoso.test', tenantId: ids.contoso }),
    ]);
    const id = added.value[0].id;
    await app.call('accounts:setActive', { id });
    const { account, rest } = await app.feature.source.active();
    expect(account).toMatchObject({ id, kind: 'entra' });
    expect(await rest.pools.list()).toHaveLength(0);
    expect((await app.call('accounts:check', { id })).value).toEqual({ poolCount: 0, morePools: false });
    const again = (await app.call('entra:discover', { identityId, tenantId: ids.contoso })).value;
    expect(again[0].accounts[0].added).toBe(true);
  });

  it('uses a token of the picked tenant for an account found in another tenant', async () => {
    const found = (await app.call('entra:discover', { identityId, tenantId: ids.fabrikam })).value;
    expect(found.map((s: any) => s.displayName)).toEqual(['Fabrikam Partner']);
    const added = await app.call('entra:addAccounts', { identityId, tenantId: ids.fabrikam, resourceIds: [found[0].accounts[0].resourceId] });
    expect((await app.call('accounts:check', { id: added.value[0].id })).value.poolCount).toBe(0);
    expect(world.authority.grants.some((g) => g.grantType === 'refresh_token' && g.tenant === ids.fabrikam && g.scope.includes('https://batch.core.windows.net//.default'))).toBe(true);
  });

  it('refuses to add an account that the last discovery did not return', async () => {
    const bogus = await app.call('entra:addAccounts', { identityId, tenantId: ids.contoso, resourceIds: ['/subscriptions/x/resourceGroups/y/providers/Microsoft.Batch/batchAccounts/evil'] });
    expect(bogus.error.code).toBe('NOT_FOUND');
  });

  it('signs in through the browser with auth code + PKCE: the web host hands the URL to the renderer to open', async () => {
    const started = await app.call('entra:signIn', { method: 'browser', tenant: ids.contoso });
    const { signInId } = started.value;
    const waiting = await waitForEvent(app, (e, p) => e === 'entra:signInProgress' && p.signInId === signInId && p.state === 'waitingForBrowser');
    expect(waiting.openedByHost).toBe(false);
    const url = new URL(waiting.url);
    expect(url.origin + url.pathname).toBe(`${world.authority.origin}/${ids.contoso}/oauth2/v2.0/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+$/);
    await world.authority.completeBrowserSignIn(waiting.url);
    const done = await signInEnd(app, signInId);
    expect(done).toMatchObject({ state: 'completed', identity: { id: identityId } });
  });

  it('cancels a device code sign-in and a browser sign-in that wait for the user', async () => {
    const device = (await app.call('entra:signIn', { method: 'deviceCode' })).value.signInId;
    await waitForEvent(app, (e, p) => e === 'entra:signInProgress' && p.signInId === device && p.state === 'deviceCode');
    expect((await app.call('entra:cancelSignIn', { signInId: device })).value).toEqual({ cancelled: true });
    expect((await signInEnd(app, device)).state).toBe('cancelled');

    const browser = (await app.call('entra:signIn', { method: 'browser' })).value.signInId;
    const waiting = await waitForEvent(app, (e, p) => e === 'entra:signInProgress' && p.signInId === browser && p.state === 'waitingForBrowser');
    expect((await app.call('entra:cancelSignIn', { signInId: browser })).value).toEqual({ cancelled: true });
    expect((await signInEnd(app, browser)).state).toBe('cancelled');
    const redirect = new URL(new URL(waiting.url).searchParams.get('redirect_uri') as string);
    const closed = await fetch(`http://127.0.0.1:${redirect.port}/`).then(() => 'open', () => 'closed');
    expect(closed).toBe('closed');
    expect((await app.call('entra:cancelSignIn', { signInId: browser })).value).toEqual({ cancelled: false });
  });

  it('signs out: the cache leaves the secret store, the accounts need sign-in, and no token is left on disk', async () => {
    expect((await app.call('entra:signOut', { identityId })).value).toEqual({ signedOut: 'operator@contoso.test' });
    expect((await app.call('entra:identities', {})).value).toEqual([]);
    const accounts = (await app.call('accounts:list', {})).value.filter((a: any) => a.kind === 'entra');
    expect(accounts.map((a: any) => a.status.state)).toEqual(['signInRequired', 'signInRequired']);
    const check = await app.call('accounts:check', { id: accounts[0].id });
    expect(check.error.code).toBe('SIGN_IN_REQUIRED');
    expect(await app.secrets.list('entra/')).toEqual([]);
    const vault = await Promise.all((await app.secrets.list('')).map((name) => app.secrets.get(name)));
    const tokens = [...world.authority.issued.accessTokens, ...world.authority.issued.refreshTokens, ...world.authority.issued.idTokens];
    for (const token of tokens) expect(vault.join('\n')).not.toContain(token);
  });
});

describe('an expired Batch token', () => {
  it('is refreshed silently with the refresh token, without asking the user again', async () => {
    const world = await startEntraWorld();
    const app = startAccounts({ env: world.env });
    try {
      world.authority.setAccessTokenLifetime(2);
      const done = await signInWithDeviceCode(app, world.authority);
      const identityId = done.identity.id;
      const found = (await app.call('entra:discover', { identityId, tenantId: ids.contoso })).value;
      const id = (await app.call('entra:addAccounts', { identityId, tenantId: ids.contoso, resourceIds: [found[0].accounts[0].resourceId] })).value[0].id;
      expect((await app.call('accounts:check', { id })).value.poolCount).toBe(0);
      const usedToken = world.authority.issued.accessTokens.at(-1) as string;
      await new Promise((r) => setTimeout(r, 3_000));
      const stale = await fetch(`${world.emulator.endpoint}/pools?api-version=2022-10-01.16.0`, { headers: { authorization: `Bearer ${usedToken}` } });
      expect(stale.status).toBe(401);
      const refreshesBefore = world.authority.grants.filter((g) => g.grantType === 'refresh_token').length;
      expect((await app.call('accounts:check', { id })).value.poolCount).toBe(0);
      expect(world.authority.grants.filter((g) => g.grantType === 'refresh_token').length).toBeGreaterThan(refreshesBefore);
      expect(app.events.filter((e) => (e.payload as any).state === 'deviceCode')).toHaveLength(1);
    } finally {
      await app.close();
      await world.close();
    }
  });
});

describe('a sign-in service that cannot be used', () => {
  it('is reported with its host and the network error when nothing listens there', async () => {
    const app = startAccounts({ env: { BATCH_DECK_SANDBOX: 'off', BATCH_DECK_AUTHORITY_HOST: 'https://127.0.0.1:9' } });
    try {
      const { signInId } = (await app.call('entra:signIn', { method: 'deviceCode' })).value;
      const end = await signInEnd(app, signInId);
      expect(end).toMatchObject({ state: 'failed', code: 'UNREACHABLE' });
      expect(end.message).toContain('cannot reach the sign-in service at 127.0.0.1:9 (connect ECONNREFUSED 127.0.0.1:9)');
    } finally {
      await app.close();
    }
  });

  it('is refused when its certificate is not trusted: TLS checks stay on', async () => {
    const world = await startEntraWorld();
    const { BATCH_DECK_EXTRA_CA_CERTS: _ca, ...untrusting } = world.env;
    const app = startAccounts({ env: untrusting });
    try {
      const { signInId } = (await app.call('entra:signIn', { method: 'deviceCode' })).value;
      const end = await signInEnd(app, signInId);
      expect(end).toMatchObject({ state: 'failed', code: 'UNREACHABLE' });
      expect(end.message).toMatch(/certificate/i);
      expect(world.authority.grants).toEqual([]);
    } finally {
      await app.close();
      await world.close();
    }
  });
});
