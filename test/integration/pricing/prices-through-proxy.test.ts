import { afterEach, expect, it } from 'vitest';
import { createPricingService } from '../../../main/pricing/pricing-feature';
import { startAccounts, type AccountsFixture } from '../accounts/accounts-fixture';
import { startConnectProxy, type ConnectProxy } from '../accounts/connect-proxy';
import { samplePrices, startPricesServer, type PricesServer } from '../../helpers/prices-server';

let accounts: AccountsFixture | undefined;
let proxy: ConnectProxy | undefined;
let prices: PricesServer | undefined;

afterEach(async () => {
  await accounts?.close();
  await proxy?.close();
  await prices?.stop();
});

it('prices are fetched through the proxy the settings name, with the accounts feature\'s transport', async () => {
  prices = await startPricesServer(samplePrices, { pageSize: 3 });
  proxy = await startConnectProxy();
  accounts = startAccounts({ env: { BATCH_DECK_SANDBOX: 'off', NO_PROXY: '', no_proxy: '' }, settings: { proxyUrl: proxy.url } });
  // A host name that is not loopback, so the proxy choice applies; the test proxy resolves *.batchdeck.test to 127.0.0.1.
  const base = `http://prices.batchdeck.test:${new URL(prices.url).port}`;
  const pricing = createPricingService({ dataDir: accounts.dataDir, log: { info: () => undefined, warn: () => undefined, error: () => undefined }, accounts: accounts.feature, env: { BATCH_DECK_PRICES_URL: base } });

  const price = await pricing.vmPrice('sandbox', 'Standard_D2s_v5');

  expect(price).toMatchObject({ available: true, region: 'westeurope', perHourDedicated: 0.096, perHourSpot: 0.0192 });
  // Every page (7 rows, 3 a page) went through the proxy.
  expect(proxy.targets).toEqual(Array(3).fill(new URL(base).host));
  expect(prices.requests).toHaveLength(3);
});
