import { describe, expect, it } from 'vitest';
import { defaultPoolOptions, type PoolDetail, type PoolOptions } from '../../../contract/features/batch';
import { draftFromPool } from '../../../renderer/features/pools/create/draft-store';
import { checkDraft, previewBody } from '../../../renderer/features/pools/create/pool-draft';

const options: PoolOptions = {
  ...defaultPoolOptions,
  subnetId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/batch',
  autoScale: { enabled: true, formula: '$TargetDedicatedNodes = 3;', intervalMinutes: 30 },
  security: { ...defaultPoolOptions.security, type: 'trustedLaunch' },
  scheduling: { nodeFillType: 'pack', jobDefaultOrder: 'creationtime' },
};

const pool: PoolDetail = {
  id: 'render',
  state: 'active',
  allocationState: 'steady',
  vmSize: 'standard_d2s_v5',
  currentDedicatedNodes: 3,
  targetDedicatedNodes: 3,
  currentSpotNodes: 0,
  targetSpotNodes: 2,
  resizeErrors: [],
  sshAccess: 'nat-pool',
  nodeAgentSkuId: 'batch.node.ubuntu 22.04',
  account: { id: 'a', name: 'a', endpoint: 'https://a.westeurope.batch.azure.com' },
  image: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' },
  taskSlotsPerNode: 4,
  options,
  startTask: { commandLine: 'setup.sh', waitForSuccess: true, elevated: true, maxTaskRetryCount: 3, environment: [{ name: 'MODE', value: 'fast' }] },
  natPools: [{ name: 'ssh', protocol: 'tcp', backendPort: 22, frontendPortRangeStart: 20000, frontendPortRangeEnd: 20099, sourcePrefixes: ['allow 198.51.100.0/24', 'deny *'] }],
};

describe('Copy pool', () => {
  it('keeps the VNet, autoscale, options, start task retries and SSH range and source, and the copy is valid', () => {
    const draft = draftFromPool(pool, '203.0.113.7');
    expect(draft.id).toBe('render-copy');
    expect(draft.options).toEqual(options);
    expect(draft.startTask.maxTaskRetryCount).toBe(3);
    expect(draft.ssh).toEqual({ enabled: true, frontendPortRangeStart: 20000, frontendPortRangeEnd: 20099, sourceAddressPrefix: '198.51.100.0/24' });
    expect(checkDraft(draft).errors).toEqual({});
    expect(previewBody(draft)).toMatchObject({ enableAutoScale: true, autoScaleFormula: '$TargetDedicatedNodes = 3;', networkConfiguration: { subnetId: options.subnetId }, taskSlotsPerNode: 4 });
  });

  it('a pool without an SSH endpoint is recreated with SSH access from the operator address', () => {
    const draft = draftFromPool({ ...pool, sshAccess: 'none', natPools: [] }, '203.0.113.7');
    expect(draft.id).toBe('render-ssh');
    expect(draft.ssh).toMatchObject({ enabled: true, sourceAddressPrefix: '203.0.113.7' });
  });

  it('a pool without public IPs stays without them and without SSH (the service refuses NAT pools there)', () => {
    const noIp = { ...options, publicIp: { provision: 'nopublicipaddresses' as const, ipAddressIds: [], dualStack: false } };
    const draft = draftFromPool({ ...pool, sshAccess: 'none', natPools: [], options: noIp }, '203.0.113.7');
    expect(draft.id).toBe('render-copy');
    expect(draft.ssh.enabled).toBe(false);
    expect(checkDraft(draft).errors).toEqual({});
  });
});

describe('the form before sending', () => {
  it('warns that Trusted Launch needs a Generation 2 image when the chosen SKU is not one, and not when it is', () => {
    const gen1 = draftFromPool({ ...pool, image: { ...pool.image, sku: '22_04-lts' } }, '203.0.113.7');
    expect(checkDraft(gen1).warnings['options.security.type']).toContain('Generation 1');
    expect(checkDraft(draftFromPool(pool, '203.0.113.7')).warnings['options.security.type']).toBeUndefined();
  });
});
