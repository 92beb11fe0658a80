import { z } from 'zod';
import { invoke } from '../channel';
import { accountIdSchema } from './accounts';

/**
 * A VM size as the prices lookup accepts it: letters, digits, `_` and `-` only, so it can sit inside the Retail
 * Prices API's OData filter without quoting tricks.
 */
export const priceVmSizeSchema = z
  .string()
  .trim()
  .min(1, 'Name a VM size, e.g. Standard_D2s_v5.')
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'A VM size has letters, digits, _ and - only, e.g. Standard_D2s_v5.');

/** How the account's region was found: ARM's location, the shared-key endpoint's host name, or the sandbox's pretend region. */
export type PriceRegionSource = 'account location' | 'endpoint' | 'sandbox';

/** An hourly Linux price estimate for one VM size in one region (consumption, pay-as-you-go). */
export interface VmPriceEstimate {
  available: true;
  vmSize: string;
  region: string;
  regionSource: PriceRegionSource;
  /** Per node per hour, dedicated (absent when the region lists no such price). */
  perHourDedicated?: number;
  /** Per node per hour, Spot (absent when the region offers no Spot price for the size). */
  perHourSpot?: number;
  /** ISO 4217, as the API sends it (USD by default). */
  currency: string;
  /** ISO time the prices were fetched: the estimate's date. */
  asOf: string;
  /** Where the prices come from, for the label. */
  source: 'Azure Retail Prices API';
}

/** No price: offline, unknown size, unknown region. Never a price of 0. */
export interface VmPriceUnavailable {
  available: false;
  vmSize: string;
  region?: string;
  /** Why, in one sentence the UI shows after "No price available — ". */
  reason: string;
}

/** The answer of `prices:vm`. */
export type VmPrice = VmPriceEstimate | VmPriceUnavailable;

/** Channels of the pricing feature. */
export const pricingChannels = {
  /** The Linux per-hour price of a VM size in the account's region, dedicated and Spot; cached for a day. */
  'prices:vm': invoke(z.object({ accountId: accountIdSchema, vmSize: priceVmSizeSchema }).strict()).returns<VmPrice>(),
};
