import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../contract/features/accounts';
import type { VmPrice } from '../../../contract/features/pricing';
import { NodeHttpTransport } from '../../../main/net/http-transport';
import type { Logger } from '../../../main/log';
import { createPricingService } from '../../../main/pricing/pricing-feature';
import type { PricingService } from '../../../main/pricing/pricing-service';
import { samplePrices, startPricesServer, type PricesServer } from '../../helpers/prices-server';

const status = { state: 'ready' as const };
const accounts: AccountView[] = [
  { id: 'sandbox', name: 'sandbox', kind: 'sandbox', endpoint: 'http://127.0.0.1:1', status, active: true },
  { id: 'east', name: 'eastbatch', kind: 'sharedKey', endpoint: 'https://eastbatch.eastus.batch.azure.com', status, active: false },
  { id: 'local', name: 'local', kind: 'sharedKey', endpoint: 'http://127.0.0.1:2', status, active: false },
];
const log: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const transport = new NodeHttpTransport({ proxyFor: async () => ({}) });

let server: PricesServer;
let dataDir: string;
let clock: number;

function service(baseUrl = server.url): PricingService {
  return createPricingService({
    dataDir,
    log,
    accounts: { list: async () => accounts, transport },
    env: { BATCH_DECK_PRICES_URL: baseUrl },
    now: () => clock,
  });
}

const priced = (price: VmPrice) => {
  if (!price.available) throw new Error(`expected a price, got: ${price.reason}`);
  return price;
};

beforeEach(async () => {
  server = await startPricesServer(samplePrices, { pageSize: 2 });
  dataDir = mkdtempSync(join(tmpdir(), 'batch-deck-prices-'));
  clock = Date.parse('2026-11-30T08:00:00Z');
});

afterEach(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('VM prices from the Retail Prices API', () => {
  it('follows NextPageLink to the last page and picks the Linux dedicated and Spot prices per hour', async () => {
    const price = priced(await service().vmPrice('sandbox', 'Standard_D2s_v5'));
    expect(price).toEqual({
      available: true,
      vmSize: 'Standard_D2s_v5',
      region: 'westeurope',
      regionSource: 'sandbox',
      perHourDedicated: 0.096,
      perHourSpot: 0.0192,
      currency: 'USD',
      asOf: '2026-11-30T08:00:00.000Z',
      source: 'Azure Retail Prices API',
    });
    // 7 rows for this size, 2 per page; the Linux dedicated row comes last.
    expect(server.requests).toHaveLength(4);
    expect(decodeURIComponent(server.requests[0] ?? '')).toContain("$filter=serviceName eq 'Virtual Machines' and armRegionName eq 'westeurope' and armSkuName eq 'Standard_D2s_v5'");
    expect(server.requests[3]).toContain('$skip=6');
  });

  it('asks for the price list\'s spelling of a size Batch sends in lower case', async () => {
    expect(priced(await service().vmPrice('sandbox', 'standard_d2_v2'))).toMatchObject({ vmSize: 'Standard_D2_v2', perHourDedicated: 0.137, perHourSpot: 0.0274 });
  });

  it('uses the region of a shared-key account\'s endpoint', async () => {
    expect(priced(await service().vmPrice('east', 'Standard_D2s_v5'))).toMatchObject({ region: 'eastus', regionSource: 'endpoint', perHourSpot: 0.0115 });
  });

  it('keeps a price for a day, across restarts (prices-cache.json), and asks again after that', async () => {
    await service().vmPrice('sandbox', 'Standard_D2s_v5');
    const asked = server.requests.length;
    clock += 23 * 3600_000;
    const later = priced(await service().vmPrice('sandbox', 'Standard_D2s_v5'));
    expect(server.requests).toHaveLength(asked);
    expect(later.asOf).toBe('2026-11-30T08:00:00.000Z');
    expect(JSON.parse(readFileSync(join(dataDir, 'prices-cache.json'), 'utf8')).entries['westeurope|standard_d2s_v5']).toMatchObject({ perHourDedicated: 0.096 });

    clock += 2 * 3600_000;
    const next = priced(await service().vmPrice('sandbox', 'Standard_D2s_v5'));
    expect(server.requests.length).toBeGreaterThan(asked);
    expect(next.asOf).toBe('2026-12-01T09:00:00.000Z');
  });

  it('shares one lookup between concurrent asks for the same size', async () => {
    const pricing = service();
    await Promise.all([pricing.vmPrice('sandbox', 'Standard_D4s_v5'), pricing.vmPrice('sandbox', 'Standard_D4s_v5')]);
    expect(server.requests).toHaveLength(3);
  });

  it('says no price is available for a size the API does not list, instead of 0', async () => {
    const price = await service().vmPrice('sandbox', 'Standard_Z99_v9');
    expect(price).toEqual({ available: false, vmSize: 'Standard_Z99_v9', region: 'westeurope', reason: 'the Azure Retail Prices API lists no Linux price for Standard_Z99_v9 in westeurope' });
  });

  it('says why when the prices server is down or failing, and asks again once it is back', async () => {
    server.failWith(503);
    const failing = await service().vmPrice('sandbox', 'Standard_D2s_v5');
    expect(failing).toMatchObject({ available: false, reason: expect.stringContaining('answered HTTP 503') });
    server.failWith(undefined);
    expect(priced(await service().vmPrice('sandbox', 'Standard_D2s_v5')).perHourDedicated).toBe(0.096);

    const down = await startPricesServer([]);
    const url = down.url;
    await down.stop();
    const offline = await service(url).vmPrice('sandbox', 'Standard_D4s_v5');
    expect(offline).toMatchObject({ available: false, region: 'westeurope', reason: expect.stringMatching(/could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/) });
  });

  it('says the region is unknown for an account whose URL names none, and refuses an unknown account', async () => {
    expect(await service().vmPrice('local', 'Standard_D2s_v5')).toMatchObject({ available: false, reason: expect.stringContaining('does not name an Azure region') });
    await expect(service().vmPrice('gone', 'Standard_D2s_v5')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(server.requests).toHaveLength(0);
  });
});
