import {
  cachingTypes, containerTypes, defaultPoolOptions, ipProvisionTypes, jobDefaultOrders, nodeFillTypes, placementPolicies,
  securityEncryptionTypes, securityTypes, storageAccountTypes, upgradeModes, type PoolOptions,
} from '../../contract/features/batch-pool-options';
import type { BatchPool } from './rest/models/pools';

/** The listed value that matches `value` case-insensitively (the service may change an enum's casing), else `fallback`. */
function pick<T extends string>(values: readonly T[], value: string | undefined, fallback: T): T {
  const wanted = (value ?? '').toLowerCase();
  return values.find((v) => v.toLowerCase() === wanted) ?? fallback;
}

/** A pool's 2025-06-01 options as the form edits them: what the detail shows and Copy pool starts from. */
export function toPoolOptions(pool: BatchPool): PoolOptions {
  const d = defaultPoolOptions;
  const vm = pool.virtualMachineConfiguration;
  const security = vm?.securityProfile;
  const disk = vm?.osDisk;
  const publicIp = pool.networkConfiguration?.publicIPAddressConfiguration;
  const upgrade = pool.upgradePolicy;
  const automatic = upgrade?.automaticOSUpgradePolicy;
  return {
    security: {
      type: pick(securityTypes, security?.securityType, 'none'),
      secureBoot: security?.uefiSettings?.secureBootEnabled ?? d.security.secureBoot,
      vTpm: security?.uefiSettings?.vTpmEnabled ?? d.security.vTpm,
      encryptionAtHost: security?.encryptionAtHost ?? false,
      encryption: pick(securityEncryptionTypes, disk?.managedDisk?.securityProfile?.securityEncryptionType, d.security.encryption),
    },
    osDisk: {
      ephemeral: disk?.ephemeralOSDiskSettings?.placement !== undefined,
      sizeGB: disk?.diskSizeGB ?? 0,
      storageAccountType: pick(storageAccountTypes, disk?.managedDisk?.storageAccountType, 'default'),
      caching: pick(cachingTypes, disk?.caching, 'default'),
    },
    publicIp: {
      provision: pick(ipProvisionTypes, publicIp?.provision, 'batchmanaged'),
      ipAddressIds: [...(publicIp?.ipAddressIds ?? [])],
      dualStack: (publicIp?.ipFamilies ?? []).some((f) => f.toLowerCase() === 'ipv6'),
    },
    acceleratedNetworking: pool.networkConfiguration?.enableAcceleratedNetworking ?? false,
    placement: pick(placementPolicies, vm?.nodePlacementConfiguration?.policy, 'default'),
    upgrade: {
      mode: pick(upgradeModes, upgrade?.mode, 'default'),
      automaticOSUpgrade: automatic?.enableAutomaticOSUpgrade ?? false,
      disableAutomaticRollback: automatic?.disableAutomaticRollback ?? false,
    },
    container: pick(containerTypes, vm?.containerConfiguration?.type, 'none'),
    scheduling: {
      nodeFillType: pick(nodeFillTypes, pool.taskSchedulingPolicy?.nodeFillType, 'spread'),
      jobDefaultOrder: pick(jobDefaultOrders, pool.taskSchedulingPolicy?.jobDefaultOrder, 'none'),
    },
  };
}
