import type { AccountView } from '../../contract/features/accounts';
import type { VmPrice } from '../../contract/features/pricing';
import { canonicalVmSizeName } from '../../contract/features/vm-size-name';
import { ContractFailure } from '../../contract/result';
import type { Logger } from '../log';
import { regionOfAccount } from './account-region';
import type { CachedPrice, PriceCache } from './price-cache';
import { pickLinuxPrices } from './retail-prices';
import { PriceLookupError, type RetailPricesClient } from './retail-prices-client';

/** What the pricing service needs. */
export interface PricingServiceDeps {
  /** The account list (regions come from each account's location or endpoint). */
  accounts: { list(): Promise<AccountView[]> };
  client: RetailPricesClient;
  cache: PriceCache;
  now: () => number;
  /** The armRegionName the Local sandbox pretends to run in. */
  sandboxRegion: string;
  log: Logger;
}

/**
 * Estimates what a VM size costs per hour in an account's region, for Linux, dedicated and Spot, from the Azure Retail
 * Prices API. Each (region, size) is looked up at most once a day (persisted), and concurrent asks share one lookup.
 * Anything that stops a lookup becomes an `unavailable` answer with the reason, never a price of 0.
 */
export class PricingService {
  private readonly pending = new Map<string, Promise<CachedPrice>>();

  constructor(private readonly deps: PricingServiceDeps) {}

  /** The price of `vmSize` in the region of `accountId`; throws NOT_FOUND for an unknown account. */
  async vmPrice(accountId: string, vmSize: string): Promise<VmPrice> {
    const account = (await this.deps.accounts.list()).find((a) => a.id === accountId);
    if (!account) throw new ContractFailure('NOT_FOUND', `There is no account with id "${accountId}".`);
    const size = canonicalVmSizeName(vmSize);
    const where = regionOfAccount(account, this.deps.sandboxRegion);
    if (where.region === undefined) return { available: false, vmSize: size, reason: where.why };
    const { region, from } = where;
    let entry: CachedPrice;
    try {
      entry = (await this.deps.cache.get(region, size)) ?? (await this.lookup(region, size));
    } catch (error) {
      if (!(error instanceof PriceLookupError)) throw error;
      return { available: false, vmSize: size, region, reason: `${error.message}. Prices need prices.azure.com (check the proxy setting).` };
    }
    if (entry.perHourDedicated === undefined && entry.perHourSpot === undefined) {
      return { available: false, vmSize: size, region, reason: `the Azure Retail Prices API lists no Linux price for ${size} in ${region}` };
    }
    return {
      available: true,
      vmSize: size,
      region,
      regionSource: from,
      ...(entry.perHourDedicated !== undefined ? { perHourDedicated: entry.perHourDedicated } : {}),
      ...(entry.perHourSpot !== undefined ? { perHourSpot: entry.perHourSpot } : {}),
      currency: entry.currency ?? 'USD',
      asOf: entry.fetchedAt,
      source: 'Azure Retail Prices API',
    };
  }

  /** One lookup per (region, size) at a time; the result is cached for a day, failures are not. */
  private lookup(region: string, size: string): Promise<CachedPrice> {
    const key = `${region}|${size.toLowerCase()}`;
    const running = this.pending.get(key);
    if (running) return running;
    const started = (async () => {
      const rows = await this.deps.client.vmRows(region, size);
      const picked = pickLinuxPrices(rows, size);
      const entry: CachedPrice = { fetchedAt: new Date(this.deps.now()).toISOString(), ...picked };
      await this.deps.cache.put(region, size, entry).catch((error: unknown) => {
        this.deps.log.warn('pricing', `prices-cache.json could not be written: ${(error as Error).message}`);
      });
      return entry;
    })().finally(() => this.pending.delete(key));
    this.pending.set(key, started);
    return started;
  }
}
