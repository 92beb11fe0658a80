import { BatchClientFactory } from '../../../main/accounts/batch-client-factory';
import { chooseProxy } from '../../../main/net/proxy-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccounts, type AccountsFixture } from './accounts-fixture';
import { startConnectProxy, type ConnectProxy } from './connect-proxy';
import { ids, signInWithDeviceCode, startEntraWorld } from './entra-world';

describe('the proxy setting', () => {
  let world: Awaited<ReturnType<typeof startEntraWorld>>;
  let proxy: ConnectProxy;
  let app: AccountsFixture;

  beforeAll(async () => {
    world = await startEntraWorld();
    proxy = await startConnectProxy();
    // A host name only the proxy resolves: a request that bypassed the proxy could not reach the authority at all.
    const viaName = (url: string) => url.replace('127.0.0.1', 'login.batchdeck.test');
    app = startAccounts({
      env: { ...world.env, BATCH_DECK_AUTHORITY_HOST: viaName(world.authority.origin), BATCH_DECK_ARM_URL: viaName(world.authority.armUrl), NO_PROXY: '' },
      settings: { proxyUrl: proxy.url },
    });
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await world?.close();
  });

  it('carries msal-node sign-in and ARM discovery through the proxy, with TLS to the authority still verified', async () => {
    const done = await signInWithDeviceCode(app, world.authority);
    expect(done.state).toBe('completed');
    const found = (await app.call('entra:discover', { identityId: done.identity.id, tenantId: ids.contoso })).value;
    expect(found[0].accounts[0].name).toBe('contosobatch');
    const authorityPort = new URL(world.authority.origin).port;
    expect(proxy.targets).toContain(`login.batchdeck.test:${authorityPort}`);
  });

  it('carries Batch calls through the proxy the factory is told to use', async () => {
    const factory = new BatchClientFactory(async () => ({ proxyUrl: proxy.url }));
    const client = factory.rest(world.emulator.endpoint, { kind: 'sharedKey', accountName: 'contosobatch', key: world.emulator.accountKey });
    expect(await client.pools.list()).toHaveLength(0);
    expect(proxy.targets).toContain(new URL(world.emulator.endpoint).host);
  });

  it('goes direct for loopback and NO_PROXY hosts, and uses HTTPS_PROXY when the setting is empty', () => {
    expect(chooseProxy('http://127.0.0.1:8080', proxy.url, {})).toEqual({});
    expect(chooseProxy('https://acct.westeurope.batch.azure.com', '', { HTTPS_PROXY: 'http://corp:3128', NO_PROXY: '.batch.azure.com' })).toEqual({});
    expect(chooseProxy('https://login.microsoftonline.com', '', { HTTPS_PROXY: 'http://corp:3128' })).toEqual({ proxyUrl: 'http://corp:3128' });
  });
});
