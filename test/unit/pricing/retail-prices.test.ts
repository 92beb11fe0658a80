import { describe, expect, it } from 'vitest';
import { pricingChannels } from '../../../contract/features/pricing';
import { pickLinuxPrices, retailPriceItemSchema } from '../../../main/pricing/retail-prices';
import { rowsFor, samplePrices } from '../../helpers/prices-server';

const d2sv5 = samplePrices[0]!;
const items = rowsFor(d2sv5).map((r) => retailPriceItemSchema.parse(r));

describe('picking Linux prices from Retail Prices API rows', () => {
  it('takes the Linux consumption rows: dedicated and Spot, not Windows, Low Priority, DevTest or reservations', () => {
    expect(pickLinuxPrices(items, 'Standard_D2s_v5')).toEqual({ currency: 'USD', perHourDedicated: 0.096, perHourSpot: 0.0192 });
  });

  it('matches the size whatever its case, and ignores other sizes', () => {
    const mixed = [...items, ...rowsFor(samplePrices[1]!).map((r) => retailPriceItemSchema.parse(r))];
    expect(pickLinuxPrices(mixed, 'standard_d4s_v5')).toEqual({ currency: 'USD', perHourDedicated: 0.192, perHourSpot: 0.0384 });
  });

  it('leaves Spot out when the region lists no Linux Spot row (a Windows Spot row does not count)', () => {
    const noLinuxSpot = rowsFor({ ...d2sv5, linuxSpot: undefined }).map((r) => retailPriceItemSchema.parse(r));
    expect(pickLinuxPrices(noLinuxSpot, 'Standard_D2s_v5')).toEqual({ currency: 'USD', perHourDedicated: 0.096 });
  });

  it('does not take a Low Priority row for Spot when the region lists no Spot row', () => {
    const lowPriorityOnly = rowsFor({ ...d2sv5, linuxSpot: undefined, windowsSpot: undefined }).map((r) => retailPriceItemSchema.parse(r));
    expect(lowPriorityOnly.some((i) => i.meterName.endsWith('Low Priority'))).toBe(true);
    expect(pickLinuxPrices(lowPriorityOnly, 'Standard_D2s_v5')).toEqual({ currency: 'USD', perHourDedicated: 0.096 });
  });

  it('never turns a missing price into 0', () => {
    expect(pickLinuxPrices([], 'Standard_D2s_v5')).toEqual({});
  });

  it('prefers the latest effective price when a meter changed price', () => {
    const [linux] = items.filter((i) => i.type === 'Consumption' && !i.productName.endsWith(' Windows') && !/Spot|Low/.test(i.meterName));
    const older = { ...linux!, retailPrice: 0.09, effectiveStartDate: '2023-01-01T00:00:00Z' };
    expect(pickLinuxPrices([older, linux!], 'Standard_D2s_v5').perHourDedicated).toBe(0.096);
    expect(pickLinuxPrices([linux!, older], 'Standard_D2s_v5').perHourDedicated).toBe(0.096);
  });
});

describe('the prices:vm request', () => {
  const request = pricingChannels['prices:vm'].request;

  it('accepts a size name and refuses anything that could change the price list filter', () => {
    expect(request.safeParse({ accountId: 'sandbox', vmSize: 'Standard_D2s_v5' }).success).toBe(true);
    expect(request.safeParse({ accountId: 'sandbox', vmSize: "D2' or armSkuName ne '" }).success).toBe(false);
    expect(request.safeParse({ accountId: 'sandbox', vmSize: '' }).success).toBe(false);
    expect(request.safeParse({ accountId: '', vmSize: 'Standard_D2s_v5' }).success).toBe(false);
    expect(request.safeParse({ accountId: 'sandbox', vmSize: 'Standard_D2s_v5', region: 'eastus' }).success).toBe(false);
  });
});
