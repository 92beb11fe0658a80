import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../contract/features/accounts';
import { pickWindowAccount } from '../../../renderer/features/accounts/window-account';

const account = (id: string, active = false): AccountView => ({
  id,
  name: id,
  kind: id === 'sandbox' ? 'sandbox' : 'sharedKey',
  endpoint: `https://${id}.westeurope.batch.azure.com`,
  status: { state: 'ready' },
  active,
});

describe("a window's account", () => {
  it('a new window starts with the account main stored as active', () => {
    expect(pickWindowAccount([account('sandbox'), account('teamy', true)], undefined)?.id).toBe('teamy');
  });

  it('keeps the account this window chose when another window makes a different one active', () => {
    const afterOtherWindowSwitched = [account('sandbox'), account('teamy', true)];
    expect(pickWindowAccount(afterOtherWindowSwitched, 'sandbox')?.id).toBe('sandbox');
  });

  it('falls back to the active account when the chosen one was removed, and to the first when none is active', () => {
    expect(pickWindowAccount([account('sandbox', true), account('teamx')], 'teamy')?.id).toBe('sandbox');
    expect(pickWindowAccount([account('sandbox'), account('teamx')], 'teamy')?.id).toBe('sandbox');
  });

  it('has none until the account list is known', () => {
    expect(pickWindowAccount(undefined, 'sandbox')).toBeUndefined();
    expect(pickWindowAccount([], undefined)).toBeUndefined();
  });
});
