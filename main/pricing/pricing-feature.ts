import type { pricingChannels } from '../../contract/features/pricing';
import type { AccountView } from '../../contract/features/accounts';
import type { HttpTransport } from '../net/http-transport';
import type { Logger } from '../log';
import type { PartialHandlers } from '../router';
import { defaultSandboxRegion } from './account-region';
import { PriceCache } from './price-cache';
import { PricingService } from './pricing-service';
import { defaultPricesBaseUrl, RetailPricesClient } from './retail-prices-client';

/** What the composition root passes in. */
export interface PricingFeatureDeps {
  dataDir: string;
  log: Logger;
  /** The accounts feature: its account list and its proxy-aware HTTP transport. */
  accounts: { list(): Promise<AccountView[]>; transport: HttpTransport };
  /**
   * BATCH_DECK_PRICES_URL: the Retail Prices API's base URL (tests point it at a local stand-in);
   * BATCH_DECK_SANDBOX_REGION: the region the Local sandbox pretends to be in. Default process.env.
   */
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

/** Builds the pricing service from its dependencies. */
export function createPricingService(deps: PricingFeatureDeps): PricingService {
  const env = deps.env ?? process.env;
  const now = deps.now ?? Date.now;
  let sandboxRegion = env.BATCH_DECK_SANDBOX_REGION?.toLowerCase() || defaultSandboxRegion;
  if (!/^[a-z0-9]+$/.test(sandboxRegion)) {
    deps.log.warn('pricing', `BATCH_DECK_SANDBOX_REGION=${sandboxRegion} is not a region name like westeurope; using ${defaultSandboxRegion}`);
    sandboxRegion = defaultSandboxRegion;
  }
  return new PricingService({
    accounts: deps.accounts,
    client: new RetailPricesClient(deps.accounts.transport, env.BATCH_DECK_PRICES_URL || defaultPricesBaseUrl),
    cache: new PriceCache(deps.dataDir, now),
    now,
    sandboxRegion,
    log: deps.log,
  });
}

/** Contract handlers of the pricing feature. */
export function pricingHandlers(service: PricingService): PartialHandlers<keyof typeof pricingChannels> {
  return {
    'prices:vm': ({ accountId, vmSize }) => service.vmPrice(accountId, vmSize),
  };
}
