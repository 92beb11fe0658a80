import { describe, expect, it } from 'vitest';
import { estimateCost, formatMoney, hoursPerMonth } from '../../../renderer/features/pricing/estimate';

describe('a pool\'s cost estimate', () => {
  it('multiplies dedicated and Spot prices by their node counts, per hour and per 730-hour month', () => {
    const cost = estimateCost({ perHourDedicated: 0.096, perHourSpot: 0.0192 }, 3, 10);
    expect(hoursPerMonth).toBe(730);
    expect(cost.lines).toEqual([
      { kind: 'dedicated', nodes: 3, perNodeHour: 0.096, perHour: expect.closeTo(0.288, 10), perMonth: expect.closeTo(210.24, 8) },
      { kind: 'spot', nodes: 10, perNodeHour: 0.0192, perHour: expect.closeTo(0.192, 10), perMonth: expect.closeTo(140.16, 8) },
    ]);
    expect(cost.perHour).toBeCloseTo(0.48, 10);
    expect(cost.perMonth).toBeCloseTo(350.4, 8);
  });

  it('has no total when Spot nodes are asked for but the region lists no Spot price', () => {
    const cost = estimateCost({ perHourDedicated: 0.096 }, 1, 2);
    expect(cost.perHour).toBeUndefined();
    expect(cost.lines[1]).toEqual({ kind: 'spot', nodes: 2 });
  });

  it('still totals when the missing price is for nodes nobody asked for', () => {
    expect(estimateCost({ perHourDedicated: 0.096 }, 2, 0).perHour).toBeCloseTo(0.192, 10);
  });

  it('shows small hourly prices with four decimals and months with two', () => {
    expect(formatMoney(0.0192, 'USD', true)).toBe('$0.0192');
    expect(formatMoney(140.16, 'USD')).toBe('$140.16');
    expect(formatMoney(0.5, 'EUR', true)).toBe('€0.50');
  });
});
