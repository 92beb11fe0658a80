import { describe, expect, it } from 'vitest';
import { defaultPoolOptions, poolSpecSchema, toPoolAddBody, type PoolOptions, type PoolSpecInput } from '../../../contract/features/batch';
import { minutesOf, notCopiedParts, toPoolOptions } from '../../../main/batch/pool-options-mapping';
import type { BatchPool } from '../../../main/batch/rest/models/pools';

const base: PoolSpecInput = {
  id: 'opts',
  vmSize: 'Standard_D2s_v5',
  image: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2' },
  nodeAgentSkuId: 'batch.node.ubuntu 22.04',
  targetDedicatedNodes: 2,
  ssh: { enabled: false },
};

/** A spec with some options changed from their defaults. */
function withOptions(patch: { [K in keyof PoolOptions]?: Partial<PoolOptions[K]> | PoolOptions[K] }, extra: Partial<PoolSpecInput> = {}): PoolSpecInput {
  const options = { ...defaultPoolOptions } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    const current = options[key];
    options[key] = typeof current === 'object' && current !== null ? { ...current, ...(value as object) } : value;
  }
  return { ...base, ...extra, options: options as PoolOptions };
}

/** The first message per field path, as the form shows it. */
function problems(input: PoolSpecInput): Record<string, string> {
  const result = poolSpecSchema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join('.')] ??= issue.message;
  return out;
}

const ipId = (n: number) => `/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/ip${n}`;

describe('the 2025-06-01 pool options, checked with the service rules', () => {
  it('a pool left at the defaults sends no security, disk, public IP or upgrade settings, only spread scheduling', () => {
    const body = toPoolAddBody(poolSpecSchema.parse(base));
    expect(body.virtualMachineConfiguration).toEqual({ imageReference: { ...base.image, version: 'latest' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' });
    expect(body).not.toHaveProperty('networkConfiguration');
    expect(body).not.toHaveProperty('upgradePolicy');
    expect(body.taskSchedulingPolicy).toEqual({ nodeFillType: 'spread' });
  });

  it('Trusted Launch with an ephemeral OS disk and no public IPs becomes the spec-shaped body', () => {
    const spec = poolSpecSchema.parse(withOptions({ security: { type: 'trustedLaunch' }, osDisk: { ephemeral: true, caching: 'readonly', sizeGB: 64 }, publicIp: { provision: 'nopublicipaddresses' } }));
    const body = toPoolAddBody(spec);
    expect(body.virtualMachineConfiguration).toMatchObject({
      securityProfile: { securityType: 'trustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
      osDisk: { ephemeralOSDiskSettings: { placement: 'cachedisk' }, caching: 'readonly', diskSizeGB: 64 },
    });
    expect(body.networkConfiguration).toEqual({ publicIPAddressConfiguration: { provision: 'nopublicipaddresses' } });
  });

  it('no public IPs and an SSH NAT pool cannot go together: the form says to turn SSH off', () => {
    const input = withOptions({ publicIp: { provision: 'nopublicipaddresses' } }, { ssh: { enabled: true, frontendPortRangeStart: 15000, frontendPortRangeEnd: 15099, sourceAddressPrefix: '127.0.0.1' } });
    expect(problems(input)['options.publicIp.provision']).toContain('turn SSH access off');
  });

  it('an ephemeral OS disk refuses read/write caching and a storage type', () => {
    const found = problems(withOptions({ osDisk: { ephemeral: true, caching: 'readwrite', storageAccountType: 'premium_lrs' } }));
    expect(found['options.osDisk.caching']).toBe('An ephemeral OS disk supports only read-only caching.');
    expect(found['options.osDisk.storageAccountType']).toContain('leave the storage type at default');
  });

  it('a confidential VM needs vTPM and a managed disk, and sends its disk encryption type', () => {
    expect(problems(withOptions({ security: { type: 'confidentialvm', vTpm: false } }))['options.security.vTpm']).toContain('turn vTPM on');
    expect(problems(withOptions({ security: { type: 'confidentialvm' }, osDisk: { ephemeral: true } }))['options.osDisk.ephemeral']).toContain('managed OS disk');
    const body = toPoolAddBody(poolSpecSchema.parse(withOptions({ security: { type: 'confidentialvm', encryption: 'DiskWithVMGuestState' } })));
    expect(body.virtualMachineConfiguration.osDisk).toEqual({ managedDisk: { securityProfile: { securityEncryptionType: 'DiskWithVMGuestState' } } });
  });

  it('user-managed public IPs need ids, one per 100 nodes of a kind, and ids need user-managed', () => {
    expect(problems(withOptions({ publicIp: { provision: 'usermanaged' } }))['options.publicIp.ipAddressIds']).toContain('at least one');
    expect(problems(withOptions({ publicIp: { provision: 'usermanaged', ipAddressIds: [ipId(1)] } }, { targetDedicatedNodes: 150 }))['options.publicIp.ipAddressIds']).toContain('this pool needs 2');
    expect(problems(withOptions({ publicIp: { provision: 'usermanaged', ipAddressIds: [ipId(1), ipId(2)] } }, { targetDedicatedNodes: 150 }))).toEqual({});
    expect(problems(withOptions({ publicIp: { provision: 'usermanaged', ipAddressIds: ['10.0.0.1'] } }))['options.publicIp.ipAddressIds.0']).toContain('/subscriptions/');
    expect(problems(withOptions({ publicIp: { ipAddressIds: [ipId(1)] } }))['options.publicIp.ipAddressIds']).toContain('only when the IPs are user-managed');
  });

  it('automatic OS upgrades need the automatic or rolling mode', () => {
    expect(problems(withOptions({ upgrade: { automaticOSUpgrade: true } }))['options.upgrade.mode']).toContain('automatic or rolling');
    const body = toPoolAddBody(poolSpecSchema.parse(withOptions({ upgrade: { mode: 'automatic', automaticOSUpgrade: true } })));
    expect(body.upgradePolicy).toEqual({ mode: 'automatic', automaticOSUpgradePolicy: { enableAutomaticOSUpgrade: true } });
  });

  it('autoscale needs a formula and an interval the service accepts; a subnet id must be a subnet resource id', () => {
    const found = problems(withOptions({ autoScale: { enabled: true, intervalMinutes: 2 }, subnetId: '10.0.0.0/24' }));
    expect(found['options.autoScale.formula']).toContain('Enter the autoscale formula');
    expect(found['options.autoScale.intervalMinutes']).toBe('The service evaluates at most every 5 minutes.');
    expect(found['options.subnetId']).toContain('/virtualNetworks/VNET/subnets/SUBNET');
  });

  it('an OS disk over 4095 GB is refused', () => {
    expect(problems(withOptions({ osDisk: { sizeGB: 5000 } }))['options.osDisk.sizeGB']).toBe('An OS disk is at most 4095 GB.');
  });
});

describe('a pool read back at 2025-06-01 becomes the options the form edits', () => {
  it('every option the body set comes back the same (what Copy pool relies on)', () => {
    const options = withOptions({
      subnetId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/batch',
      autoScale: { enabled: true, formula: '$TargetDedicatedNodes = 2;', intervalMinutes: 90 },
      security: { type: 'trustedLaunch', secureBoot: false, encryptionAtHost: true },
      osDisk: { sizeGB: 128, storageAccountType: 'premium_lrs', caching: 'readwrite' },
      publicIp: { dualStack: true },
      acceleratedNetworking: true,
      placement: 'zonal',
      upgrade: { mode: 'rolling', automaticOSUpgrade: true, disableAutomaticRollback: true },
      container: 'criCompatible',
      scheduling: { nodeFillType: 'pack', jobDefaultOrder: 'creationtime' },
    }).options as PoolOptions;
    const body = toPoolAddBody(poolSpecSchema.parse({ ...base, options }));
    expect(body).toMatchObject({ enableAutoScale: true, autoScaleEvaluationInterval: 'PT90M', networkConfiguration: { subnetId: options.subnetId } });
    expect(body).not.toHaveProperty('targetDedicatedNodes');
    expect(toPoolOptions(body as BatchPool)).toEqual(options);
  });

  it('enum values in another casing are still recognised, and unknown ones fall back to the default', () => {
    const pool = {
      id: 'p',
      virtualMachineConfiguration: { imageReference: {}, nodeAgentSKUId: 'x', securityProfile: { securityType: 'TrustedLaunch' } },
      networkConfiguration: { publicIPAddressConfiguration: { provision: 'NoPublicIPAddresses' } },
      taskSchedulingPolicy: { nodeFillType: 'somethingNew' },
    } as BatchPool;
    const options = toPoolOptions(pool);
    expect(options.security.type).toBe('trustedLaunch');
    expect(options.publicIp.provision).toBe('nopublicipaddresses');
    expect(options.scheduling.nodeFillType).toBe('spread');
  });
});

describe('what Copy pool cannot take over', () => {
  it('evaluation intervals in hours and days read as minutes', () => {
    expect([minutesOf('PT15M'), minutesOf('PT1H30M'), minutesOf('P1D'), minutesOf('PT'), minutesOf('15')]).toEqual([15, 90, 1440, undefined, undefined]);
  });

  it('a pool with mounts, user accounts and a non-SSH NAT pool names each; a plain pool names nothing', () => {
    const pool = {
      id: 'p',
      mountConfiguration: [{ nfsMountConfiguration: { source: 'nfs://x', relativeMountPath: 'x' } }],
      userAccounts: [{ name: 'u', password: 'p' }],
      networkConfiguration: { endpointConfiguration: { inboundNATPools: [{ name: 'web', protocol: 'tcp', backendPort: 80, frontendPortRangeStart: 1, frontendPortRangeEnd: 100 }] } },
    } as BatchPool;
    expect(notCopiedParts(pool)).toEqual([
      'mounted file systems (their credentials never leave main)',
      'pool user accounts (their passwords are not readable)',
      'inbound NAT pools other than SSH',
    ]);
    expect(notCopiedParts({ id: 'plain' })).toEqual([]);
  });
});
