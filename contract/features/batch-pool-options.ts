import { z } from 'zod';

/**
 * The pool options api-version 2025-06-01 added that operators now need (BatchService.json 2025-06-01: SecurityProfile,
 * BatchOsDisk, BatchPublicIpAddressConfiguration, BatchNodePlacementConfiguration, UpgradePolicy,
 * BatchContainerConfiguration, BatchTaskSchedulingPolicy), as the form edits them and the pool detail shows them.
 * `default` means "send nothing, let the service choose".
 */

/** VM security: none, Trusted Launch (secure boot + vTPM) or a confidential VM. */
export const securityTypes = ['none', 'trustedLaunch', 'confidentialvm'] as const;
/** How a confidential VM's OS disk is encrypted (ManagedDisk.securityProfile.securityEncryptionType). */
export const securityEncryptionTypes = ['VMGuestStateOnly', 'DiskWithVMGuestState', 'NonPersistedTPM'] as const;
/** Storage types of a managed OS disk. */
export const storageAccountTypes = ['default', 'standard_lrs', 'premium_lrs', 'standardssd_lrs'] as const;
/** Host caching of the OS disk. */
export const cachingTypes = ['default', 'none', 'readonly', 'readwrite'] as const;
/** Who provides the nodes' public IP addresses (the wire spelling of 2025-06-01). */
export const ipProvisionTypes = ['batchmanaged', 'usermanaged', 'nopublicipaddresses'] as const;
/** Where the nodes are placed. */
export const placementPolicies = ['default', 'regional', 'zonal'] as const;
/** How the nodes' OS is upgraded (`default`: no upgrade policy sent). */
export const upgradeModes = ['default', 'manual', 'automatic', 'rolling'] as const;
/** Container runtime installed on the nodes. */
export const containerTypes = ['none', 'dockerCompatible', 'criCompatible'] as const;
/** Spread tasks over nodes, or fill one node's slots first. */
export const nodeFillTypes = ['spread', 'pack'] as const;
/** How tasks of equal-priority jobs are ordered. */
export const jobDefaultOrders = ['none', 'creationtime'] as const;

/** An Azure public IP address resource id. */
const publicIpIdPattern = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/publicIPAddresses\/[^/]+$/i;

/** An Azure virtual network subnet resource id. */
const subnetIdPattern = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;

/** The pool options beyond the basics (most new in 2025-06-01), including the ones Copy pool must keep. */
export const poolOptionsSchema = z.object({
  /** '' for none: the pool then gets a virtual network Batch manages. */
  subnetId: z
    .string()
    .trim()
    .refine((id) => id === '' || subnetIdPattern.test(id), 'A subnet id looks like /subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/VNET/subnets/SUBNET.')
    .default(''),
  autoScale: z
    .object({
      enabled: z.boolean().default(false),
      formula: z.string().max(8192, 'An autoscale formula is at most 8192 characters.').default(''),
      /** The service evaluates the formula every 5 minutes to 168 hours. */
      intervalMinutes: z.number().int('Minutes are a whole number.').min(5, 'The service evaluates at most every 5 minutes.').max(10_080, 'The service evaluates at least every 168 hours.').default(15),
    })
    .default({ enabled: false, formula: '', intervalMinutes: 15 }),
  security: z
    .object({
      type: z.enum(securityTypes).default('none'),
      secureBoot: z.boolean().default(true),
      vTpm: z.boolean().default(true),
      encryptionAtHost: z.boolean().default(false),
      encryption: z.enum(securityEncryptionTypes).default('VMGuestStateOnly'),
    })
    .default({ type: 'none', secureBoot: true, vTpm: true, encryptionAtHost: false, encryption: 'VMGuestStateOnly' }),
  osDisk: z
    .object({
      ephemeral: z.boolean().default(false),
      /** 0: the image's size. */
      sizeGB: z.number().int('A disk size is a whole number of GB.').min(0, 'A disk size cannot be negative.').max(4095, 'An OS disk is at most 4095 GB.').default(0),
      storageAccountType: z.enum(storageAccountTypes).default('default'),
      caching: z.enum(cachingTypes).default('default'),
    })
    .default({ ephemeral: false, sizeGB: 0, storageAccountType: 'default', caching: 'default' }),
  publicIp: z
    .object({
      provision: z.enum(ipProvisionTypes).default('batchmanaged'),
      ipAddressIds: z.array(z.string().trim().regex(publicIpIdPattern, 'A public IP id looks like /subscriptions/…/resourceGroups/…/providers/Microsoft.Network/publicIPAddresses/NAME.')).max(100).default([]),
      dualStack: z.boolean().default(false),
    })
    .default({ provision: 'batchmanaged', ipAddressIds: [], dualStack: false }),
  acceleratedNetworking: z.boolean().default(false),
  placement: z.enum(placementPolicies).default('default'),
  upgrade: z
    .object({
      mode: z.enum(upgradeModes).default('default'),
      automaticOSUpgrade: z.boolean().default(false),
      disableAutomaticRollback: z.boolean().default(false),
    })
    .default({ mode: 'default', automaticOSUpgrade: false, disableAutomaticRollback: false }),
  container: z.enum(containerTypes).default('none'),
  scheduling: z
    .object({ nodeFillType: z.enum(nodeFillTypes).default('spread'), jobDefaultOrder: z.enum(jobDefaultOrders).default('none') })
    .default({ nodeFillType: 'spread', jobDefaultOrder: 'none' }),
});

/** The options with defaults filled in. */
export type PoolOptions = z.output<typeof poolOptionsSchema>;

/** Every option at its default: what a new pool starts with. */
export const defaultPoolOptions: PoolOptions = poolOptionsSchema.parse({});

/** One rule broken: the field path under the spec and what to do. */
export interface OptionProblem {
  path: (string | number)[];
  message: string;
}

/** Nodes one user-managed public IP can serve, per kind (dedicated, Spot): the spec's "100 … for each public IP". */
export const nodesPerPublicIp = 100;

/**
 * The service's cross-field rules for the options (BatchService.json 2025-06-01 descriptions and the VM platform's
 * rules); `sshEnabled` is whether the pool maps port 22 through an inbound NAT pool.
 */
export function poolOptionProblems(options: PoolOptions, nodes: { dedicated: number; spot: number }, sshEnabled: boolean): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  const { security, osDisk, publicIp, upgrade } = options;
  if (options.autoScale.enabled && options.autoScale.formula.trim() === '') add(['autoScale', 'formula'], 'Enter the autoscale formula, for example $TargetDedicatedNodes = 2;');
  if (security.type === 'confidentialvm' && !security.vTpm) add(['security', 'vTpm'], 'A confidential VM keeps its keys in the vTPM: turn vTPM on.');
  if (osDisk.ephemeral) {
    if (osDisk.caching !== 'default' && osDisk.caching !== 'readonly') add(['osDisk', 'caching'], 'An ephemeral OS disk supports only read-only caching.');
    if (osDisk.storageAccountType !== 'default') add(['osDisk', 'storageAccountType'], 'An ephemeral OS disk lives on the VM\'s cache disk, not in a storage account: leave the storage type at default.');
    if (security.type === 'confidentialvm') add(['osDisk', 'ephemeral'], 'A confidential VM needs a managed OS disk; turn the ephemeral OS disk off.');
  }
  if (publicIp.provision === 'usermanaged') {
    if (publicIp.ipAddressIds.length === 0) add(['publicIp', 'ipAddressIds'], 'User-managed public IPs need at least one public IP address id.');
    const needed = Math.ceil(Math.max(nodes.dedicated, nodes.spot) / nodesPerPublicIp);
    if (publicIp.ipAddressIds.length > 0 && publicIp.ipAddressIds.length < needed) {
      add(['publicIp', 'ipAddressIds'], `Each public IP serves at most ${nodesPerPublicIp} dedicated and ${nodesPerPublicIp} Spot nodes: this pool needs ${needed}.`);
    }
  } else if (publicIp.ipAddressIds.length > 0) {
    add(['publicIp', 'ipAddressIds'], 'Public IP ids can be given only when the IPs are user-managed.');
  }
  if (publicIp.provision === 'nopublicipaddresses') {
    if (sshEnabled) add(['publicIp', 'provision'], 'Without public IP addresses a pool can have no inbound NAT pool: turn SSH access off, or choose Batch-managed IPs.');
    if (publicIp.dualStack) add(['publicIp', 'dualStack'], 'Dual stack needs public IP addresses.');
  }
  if (upgrade.automaticOSUpgrade && upgrade.mode !== 'automatic' && upgrade.mode !== 'rolling') {
    add(['upgrade', 'mode'], 'Automatic OS upgrades need the upgrade mode automatic or rolling.');
  }
  if (upgrade.disableAutomaticRollback && !upgrade.automaticOSUpgrade) add(['upgrade', 'disableAutomaticRollback'], 'Rollback applies only to automatic OS upgrades.');
  return problems;
}

/** The parts of the add-pool body (2025-06-01 wire shape) that the options set. */
export interface PoolOptionsBody {
  vm: {
    securityProfile?: {
      securityType?: 'trustedLaunch' | 'confidentialvm';
      encryptionAtHost?: boolean;
      uefiSettings?: { secureBootEnabled: boolean; vTpmEnabled: boolean };
    };
    osDisk?: {
      ephemeralOSDiskSettings?: { placement: 'cachedisk' };
      caching?: Exclude<(typeof cachingTypes)[number], 'default'>;
      diskSizeGB?: number;
      managedDisk?: {
        storageAccountType?: Exclude<(typeof storageAccountTypes)[number], 'default'>;
        securityProfile?: { securityEncryptionType: (typeof securityEncryptionTypes)[number] };
      };
    };
    nodePlacementConfiguration?: { policy: 'regional' | 'zonal' };
    containerConfiguration?: { type: 'dockerCompatible' | 'criCompatible' };
  };
  autoScale?: { enableAutoScale: true; autoScaleFormula: string; autoScaleEvaluationInterval: string };
  network: {
    subnetId?: string;
    publicIPAddressConfiguration?: { provision: (typeof ipProvisionTypes)[number]; ipAddressIds?: string[]; ipFamilies?: ('IPv4' | 'IPv6')[] };
    enableAcceleratedNetworking?: boolean;
  };
  upgradePolicy?: {
    mode: 'manual' | 'automatic' | 'rolling';
    automaticOSUpgradePolicy?: { enableAutomaticOSUpgrade: boolean; disableAutomaticRollback?: boolean };
  };
  taskSchedulingPolicy: { nodeFillType: (typeof nodeFillTypes)[number]; jobDefaultOrder?: 'creationtime' };
}

/** The body parts the options send; options left at default send nothing. */
export function toPoolOptionsBody(options: PoolOptions): PoolOptionsBody {
  const { security, osDisk, publicIp, upgrade } = options;
  const vm: PoolOptionsBody['vm'] = {};
  if (security.type !== 'none' || security.encryptionAtHost) {
    vm.securityProfile = {
      ...(security.type !== 'none' ? { securityType: security.type, uefiSettings: { secureBootEnabled: security.secureBoot, vTpmEnabled: security.vTpm } } : {}),
      ...(security.encryptionAtHost ? { encryptionAtHost: true } : {}),
    };
  }
  const confidential = security.type === 'confidentialvm';
  const managedDisk = {
    ...(osDisk.storageAccountType !== 'default' ? { storageAccountType: osDisk.storageAccountType } : {}),
    ...(confidential ? { securityProfile: { securityEncryptionType: security.encryption } } : {}),
  };
  const disk = {
    ...(osDisk.ephemeral ? { ephemeralOSDiskSettings: { placement: 'cachedisk' as const } } : {}),
    ...(osDisk.caching !== 'default' ? { caching: osDisk.caching } : {}),
    ...(osDisk.sizeGB > 0 ? { diskSizeGB: osDisk.sizeGB } : {}),
    ...(Object.keys(managedDisk).length > 0 ? { managedDisk } : {}),
  };
  if (Object.keys(disk).length > 0) vm.osDisk = disk;
  if (options.placement !== 'default') vm.nodePlacementConfiguration = { policy: options.placement };
  if (options.container !== 'none') vm.containerConfiguration = { type: options.container };
  const network: PoolOptionsBody['network'] = {};
  if (publicIp.provision !== 'batchmanaged' || publicIp.dualStack) {
    network.publicIPAddressConfiguration = {
      provision: publicIp.provision,
      ...(publicIp.provision === 'usermanaged' ? { ipAddressIds: [...publicIp.ipAddressIds] } : {}),
      ...(publicIp.dualStack ? { ipFamilies: ['IPv4', 'IPv6'] } : {}),
    };
  }
  if (options.acceleratedNetworking) network.enableAcceleratedNetworking = true;
  if (options.subnetId) network.subnetId = options.subnetId;
  const body: PoolOptionsBody = {
    vm,
    network,
    taskSchedulingPolicy: { nodeFillType: options.scheduling.nodeFillType, ...(options.scheduling.jobDefaultOrder === 'creationtime' ? { jobDefaultOrder: 'creationtime' as const } : {}) },
  };
  const scale = options.autoScale;
  if (scale.enabled) body.autoScale = { enableAutoScale: true, autoScaleFormula: scale.formula, autoScaleEvaluationInterval: `PT${scale.intervalMinutes}M` };
  if (upgrade.mode !== 'default') {
    body.upgradePolicy = {
      mode: upgrade.mode,
      ...(upgrade.automaticOSUpgrade ? { automaticOSUpgradePolicy: { enableAutomaticOSUpgrade: true, ...(upgrade.disableAutomaticRollback ? { disableAutomaticRollback: true } : {}) } } : {}),
    };
  }
  return body;
}
