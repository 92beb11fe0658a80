import { z } from 'zod';

/**
 * One row of the Azure Retail Prices API
 * (https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices). Only the fields Batch Deck
 * reads are checked; the API sends more (meterId, skuId, serviceFamily, …), which pass through untouched.
 */
export const retailPriceItemSchema = z.object({
  currencyCode: z.string(),
  retailPrice: z.number(),
  unitPrice: z.number(),
  armRegionName: z.string(),
  armSkuName: z.string(),
  meterName: z.string(),
  productName: z.string(),
  skuName: z.string(),
  serviceName: z.string(),
  unitOfMeasure: z.string(),
  type: z.string(),
  effectiveStartDate: z.string(),
  isPrimaryMeterRegion: z.boolean().optional(),
});
/** One of {@link retailPriceItemSchema}. */
export type RetailPriceItem = z.infer<typeof retailPriceItemSchema>;

/** One page of the API's answer: up to 100 items and the link to the next page (null on the last). */
export const retailPricePageSchema = z.object({
  BillingCurrency: z.string().optional(),
  Items: z.array(retailPriceItemSchema),
  NextPageLink: z.string().nullable().optional(),
  Count: z.number(),
});
/** One of {@link retailPricePageSchema}. */
export type RetailPricePage = z.infer<typeof retailPricePageSchema>;

/** The hourly Linux prices picked from a size's rows; absent fields mean the region lists no such price. */
export interface PickedPrices {
  currency?: string;
  perHourDedicated?: number;
  perHourSpot?: number;
}

/**
 * True for a pay-as-you-go hourly Linux row: type Consumption (not Reservation or DevTestConsumption), unit "1 Hour",
 * product not ending in " Windows", and not a Low Priority meter (Batch moved low-priority to Spot in March 2026).
 */
export function isLinuxHourlyConsumption(item: RetailPriceItem): boolean {
  return (
    item.type === 'Consumption' &&
    item.unitOfMeasure === '1 Hour' &&
    !item.productName.endsWith(' Windows') &&
    !item.meterName.includes('Low Priority')
  );
}

/** Spot rows carry "Spot" in their meter name ("D2s v5 Spot"). */
export function isSpot(item: RetailPriceItem): boolean {
  return item.meterName.includes('Spot');
}

/** Primary-region meters first, then the latest effective date: the price that applies now. */
function best(items: RetailPriceItem[]): RetailPriceItem | undefined {
  return [...items].sort(
    (a, b) =>
      Number(b.isPrimaryMeterRegion ?? true) - Number(a.isPrimaryMeterRegion ?? true) ||
      Date.parse(b.effectiveStartDate) - Date.parse(a.effectiveStartDate),
  )[0];
}

/** Picks the dedicated and Spot Linux hourly prices of `vmSize` (compared case-insensitively) from the API's rows. */
export function pickLinuxPrices(items: readonly RetailPriceItem[], vmSize: string): PickedPrices {
  const size = vmSize.toLowerCase();
  const rows = items.filter((i) => i.armSkuName.toLowerCase() === size && isLinuxHourlyConsumption(i));
  const dedicated = best(rows.filter((i) => !isSpot(i)));
  const spot = best(rows.filter(isSpot));
  const currency = (dedicated ?? spot)?.currencyCode;
  return {
    ...(currency ? { currency } : {}),
    ...(dedicated ? { perHourDedicated: dedicated.retailPrice } : {}),
    ...(spot ? { perHourSpot: spot.retailPrice } : {}),
  };
}
