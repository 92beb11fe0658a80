import { describe, expect, it } from 'vitest';
import { validateNetworkConfiguration } from '../../../../emulator/api/validate-network';
import type { BatchApiError } from '../../../../emulator/api/batch-error';

type Nat = Record<string, unknown>;

function nat(overrides: Nat = {}): Nat {
  return { name: 'ssh', protocol: 'tcp', backendPort: 22, frontendPortRangeStart: 15000, frontendPortRangeEnd: 15099, ...overrides };
}

function rejection(pools: Nat[]): { code: string; property: string | undefined } {
  try {
    validateNetworkConfiguration({ endpointConfiguration: { inboundNATPools: pools } });
  } catch (error) {
    const e = error as BatchApiError;
    return { code: e.code, property: e.values.find((v) => v.key === 'PropertyName')?.value };
  }
  throw new Error('accepted');
}

describe('inbound NAT pool rules', () => {
  it('accepts an SSH mapping with backend port 22 and NSG rules', () => {
    const rules = [{ priority: 150, access: 'allow', sourceAddressPrefix: '203.0.113.0/24', sourcePortRanges: ['*'] }, { priority: 4096, access: 'deny', sourceAddressPrefix: '*' }];
    expect(() => validateNetworkConfiguration({ endpointConfiguration: { inboundNATPools: [nat({ networkSecurityGroupRules: rules })] } })).not.toThrow();
  });

  it('refuses frontend ranges in 50000-55000, shorter than 40 ports, or overlapping another', () => {
    expect(rejection([nat({ frontendPortRangeStart: 50000, frontendPortRangeEnd: 50100 })]).property).toBe('frontendPortRangeStart');
    expect(rejection([nat({ frontendPortRangeStart: 49990, frontendPortRangeEnd: 50100 })]).property).toBe('frontendPortRangeStart');
    expect(rejection([nat({ frontendPortRangeStart: 15000, frontendPortRangeEnd: 15038 })]).property).toBe('frontendPortRangeEnd');
    expect(rejection([nat(), nat({ name: 'web', backendPort: 80, frontendPortRangeStart: 15050, frontendPortRangeEnd: 15200 })]).property).toBe('frontendPortRangeStart');
  });

  it('refuses more than 5 NAT pools, duplicate names or backend ports, and reserved backend ports', () => {
    const six = Array.from({ length: 6 }, (_, i) => nat({ name: `p${i}`, backendPort: 1000 + i, frontendPortRangeStart: 1000 + i * 100, frontendPortRangeEnd: 1099 + i * 100 }));
    expect(rejection(six).property).toBe('inboundNATPools');
    expect(rejection([nat(), nat({ backendPort: 80, frontendPortRangeStart: 16000, frontendPortRangeEnd: 16099 })]).property).toBe('name');
    expect(rejection([nat(), nat({ name: 'two', frontendPortRangeStart: 16000, frontendPortRangeEnd: 16099 })]).property).toBe('backendPort');
    expect(rejection([nat({ backendPort: 29876 })]).property).toBe('backendPort');
  });

  it('refuses NSG priorities outside 150-4096 or repeated, and bad address prefixes', () => {
    const rule = (priority: number, prefix = '*') => ({ priority, access: 'allow', sourceAddressPrefix: prefix });
    expect(rejection([nat({ networkSecurityGroupRules: [rule(149)] })]).property).toBe('priority');
    expect(rejection([nat({ networkSecurityGroupRules: [rule(4097)] })]).property).toBe('priority');
    expect(rejection([nat({ networkSecurityGroupRules: [rule(200), rule(200)] })]).property).toBe('priority');
    expect(rejection([nat({ networkSecurityGroupRules: [rule(200, '10.0.0.0/33')] })]).property).toBe('sourceAddressPrefix');
  });

  it('names the missing property of an incomplete NAT pool', () => {
    expect(rejection([{ name: 'ssh', protocol: 'tcp', backendPort: 22 }])).toEqual({ code: 'MissingRequiredProperty', property: 'frontendPortRangeStart' });
    expect(rejection([nat({ protocol: 'icmp' })])).toEqual({ code: 'InvalidPropertyValue', property: 'protocol' });
  });
});
