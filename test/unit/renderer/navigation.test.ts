import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../../renderer/navigation';

describe('navigation hash', () => {
  it('round-trips a page with parameters so a reload returns to the same place', () => {
    const route = { page: 'pools' as const, params: { poolId: 'render farm', nodeId: 'tvmps_1_d' } };
    expect(parseHash(formatHash(route))).toEqual(route);
  });

  it('falls back to Accounts for an unknown page', () => {
    expect(parseHash('#nowhere?x=1').page).toBe('accounts');
  });
});
