import { describe, expect, it } from 'vitest';
import { regionOfAccount } from '../../../main/pricing/account-region';

describe('the region prices are looked up in', () => {
  it('is an Entra ID account\'s ARM location', () => {
    expect(regionOfAccount({ kind: 'entra', name: 'prod', endpoint: 'https://prod.eastus.batch.azure.com', location: 'westeurope' }, 'westeurope')).toEqual({ region: 'westeurope', from: 'account location' });
  });

  it('is read from a shared-key account\'s endpoint host name, in every cloud', () => {
    expect(regionOfAccount({ kind: 'sharedKey', name: 'a', endpoint: 'https://mybatch.northeurope.batch.azure.com' }, 'x')).toEqual({ region: 'northeurope', from: 'endpoint' });
    expect(regionOfAccount({ kind: 'sharedKey', name: 'a', endpoint: 'https://mybatch.chinanorth2.batch.chinacloudapi.cn/' }, 'x')).toEqual({ region: 'chinanorth2', from: 'endpoint' });
  });

  it('is the sandbox\'s pretend region for the Local sandbox', () => {
    expect(regionOfAccount({ kind: 'sandbox', name: 'sandbox', endpoint: 'http://127.0.0.1:4000' }, 'westeurope')).toEqual({ region: 'westeurope', from: 'sandbox' });
  });

  it('is unknown, with the reason, for an endpoint that names no region', () => {
    const result = regionOfAccount({ kind: 'sharedKey', name: 'local', endpoint: 'http://127.0.0.1:4000' }, 'westeurope');
    expect(result.region).toBeUndefined();
    expect('why' in result && result.why).toContain('does not name an Azure region');
  });
});
