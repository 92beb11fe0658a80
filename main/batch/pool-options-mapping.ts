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
    subnetId: pool.networkConfiguration?.subnetId ?? '',
    autoScale: {
      enabled: pool.enableAutoScale ?? false,
      formula: pool.autoScaleFormula ?? '',
      intervalMinutes: minutesOf(pool.autoScaleEvaluationInterval) ?? d.autoScale.intervalMinutes,
    },
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

/** Whole minutes of an ISO 8601 duration such as `PT15M`, `PT1H30M` or `P1D`; undefined when it is not one. */
export function minutesOf(duration: string | undefined): number | undefined {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration ?? '');
  if (!match || duration === 'P' || duration === 'PT') return undefined;
  const [, days, hours, minutes, seconds] = match;
  return Number(days ?? 0) * 1440 + Number(hours ?? 0) * 60 + Number(minutes ?? 0) + Math.round(Number(seconds ?? 0) / 60);
}

/** What a pool has that the create form cannot carry over, in words (Copy pool says these were not copied). */
export function notCopiedParts(pool: BatchPool): string[] {
  const vm = pool.virtualMachineConfiguration;
  const parts: [boolean, string][] = [
    [(pool.mountConfiguration?.length ?? 0) > 0, 'mounted file systems (their credentials never leave main)'],
    [(pool.userAccounts?.length ?? 0) > 0, 'pool user accounts (their passwords are not readable)'],
    [(pool.applicationPackageReferences?.length ?? 0) > 0, 'application packages'],
    [(pool.metadata?.length ?? 0) > 0, 'metadata'],
    [(vm?.dataDisks?.length ?? 0) > 0, 'data disks'],
    [(vm?.extensions?.length ?? 0) > 0, 'VM extensions'],
    [(vm?.containerConfiguration?.containerImageNames?.length ?? 0) > 0 || (vm?.containerConfiguration?.containerRegistries?.length ?? 0) > 0, 'prefetched container images and registries'],
    [(pool.startTask?.resourceFiles?.length ?? 0) > 0, 'start task resource files'],
    [pool.identity !== undefined && pool.identity.type !== 'None', 'managed identities'],
    [(pool.networkConfiguration?.endpointConfiguration?.inboundNATPools ?? []).some((nat) => nat.backendPort !== 22), 'inbound NAT pools other than SSH'],
  ];
  return parts.filter(([present]) => present).map(([, words]) => words);
}
