import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyChoice } from '../../../main/accounts/net/proxy-config';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { startConnectProxy, type ConnectProxy } from '../accounts/connect-proxy';
import { restClientFor } from './rest-fixture';

let emulator: EmulatorProcess;
let proxy: ConnectProxy;

beforeAll(async () => {
  [emulator, proxy] = await Promise.all([startEmulatorProcess({ timeScale: 0.01 }), startConnectProxy()]);
});

afterAll(async () => {
  await Promise.all([emulator?.stop(), proxy?.close()]);
});

describe('the proxy setting', () => {
  it('sends signed Batch requests through the proxy the app chose, and goes direct the moment the choice changes', async () => {
    let choice: ProxyChoice = { proxyUrl: proxy.url };
    const asked: string[] = [];
    const client = restClientFor(emulator, { proxyFor: async (url) => (asked.push(url), choice) });
    const host = new URL(emulator.endpoint).host;

    expect(await client.pools.list()).toEqual([]);
    expect(proxy.targets).toEqual([host]);
    expect(asked[0]).toMatch(new RegExp(`^${emulator.endpoint}/pools\\?api-version=2025-06-01`));

    choice = {};
    expect((await client.account.listSupportedImages()).length).toBeGreaterThan(0);
    expect(proxy.targets).toEqual([host]);
  });
});
