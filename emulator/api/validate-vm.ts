import { fail } from './batch-error';
import { bool, int, obj, objects, oneOf, str } from './validate';
import { findImage, isConfidentialCompatible, isGen2, type ImageInformation } from '../state/catalogue';
import type { JsonObject } from '../state/model';

/**
 * The 2025-06-01 virtual machine options (securityProfile, osDisk, containerConfiguration,
 * nodePlacementConfiguration) and the pool's upgradePolicy, validated as BatchService.json 2025-06-01 defines them.
 * Enum values are stored in the spec's spelling so they echo back as the service writes them.
 */

function imageName(image: ImageInformation): string {
  const ref = image.imageReference;
  return `${ref.publisher}/${ref.offer}/${ref.sku}`;
}

function validateSecurityProfile(vm: JsonObject, profile: JsonObject): void {
  const type = oneOf(profile, 'securityType', ['trustedLaunch', 'confidentialvm'] as const);
  if (type) profile.securityType = type;
  bool(profile, 'encryptionAtHost');
  obj(profile, 'proxyAgentSettings');
  const uefi = obj(profile, 'uefiSettings');
  if (uefi) {
    bool(uefi, 'secureBootEnabled');
    bool(uefi, 'vTpmEnabled');
    // BatchService.json: securityType "has to be set to any specified value to enable UefiSettings".
    if (!type) throw fail.missingProperty('securityType');
  }
  const listed = findImage((vm.imageReference as JsonObject | undefined) ?? {});
  if (!type || !listed) return;
  if (!isGen2(listed)) {
    throw fail.invalidProperty('securityType', `${type === 'trustedLaunch' ? 'Trusted launch' : 'Confidential VMs'} need a Generation 2 image; ${imageName(listed)} is Generation 1. Choose its -gen2 SKU.`, type);
  }
  if (type === 'confidentialvm' && !isConfidentialCompatible(listed)) {
    throw fail.invalidProperty('securityType', `The image ${imageName(listed)} cannot run as a confidential VM; choose an image with the ConfidentialVMCompatible capability.`, type);
  }
}

function validateOsDisk(disk: JsonObject, confidential: boolean): void {
  const ephemeral = obj(disk, 'ephemeralOSDiskSettings');
  // 2025-06-01 knows one placement only (DiffDiskPlacement: cachedisk).
  if (ephemeral) ephemeral.placement = oneOf(ephemeral, 'placement', ['cachedisk'] as const);
  const caching = oneOf(disk, 'caching', ['none', 'readonly', 'readwrite'] as const);
  if (caching) disk.caching = caching;
  int(disk, 'diskSizeGB', { min: 1, max: 4095 });
  bool(disk, 'writeAcceleratorEnabled');
  const managed = obj(disk, 'managedDisk');
  let encryption: string | undefined;
  if (managed) {
    const type = oneOf(managed, 'storageAccountType', ['standard_lrs', 'premium_lrs', 'standardssd_lrs'] as const);
    if (type) managed.storageAccountType = type;
    obj(managed, 'diskEncryptionSet');
    const security = obj(managed, 'securityProfile');
    if (security) encryption = oneOf(security, 'securityEncryptionType', ['DiskWithVMGuestState', 'NonPersistedTPM', 'VMGuestStateOnly'] as const, { required: true });
  }
  // The spec: the disk's securityEncryptionType "is required when using Confidential VMs".
  if (confidential && encryption === undefined) throw fail.missingProperty('securityEncryptionType');
}

function validateContainers(container: JsonObject): void {
  container.type = oneOf(container, 'type', ['dockerCompatible', 'criCompatible'] as const, { required: true });
  const names = container.containerImageNames;
  if (names !== undefined && names !== null && (!Array.isArray(names) || names.some((n) => typeof n !== 'string'))) {
    throw fail.invalidProperty('containerImageNames', 'The value must be an array of image names.');
  }
  for (const registry of objects(container, 'containerRegistries') ?? []) str(registry, 'registryServer');
}

/** Validates the 2025-06-01 options of `virtualMachineConfiguration` (call after the image is known). */
export function validateVmOptions(vm: JsonObject): void {
  const profile = obj(vm, 'securityProfile');
  if (profile) validateSecurityProfile(vm, profile);
  const disk = obj(vm, 'osDisk');
  const confidential = profile?.securityType === 'confidentialvm';
  if (disk || confidential) validateOsDisk(disk ?? {}, confidential);
  const container = obj(vm, 'containerConfiguration');
  if (container) validateContainers(container);
  const placement = obj(vm, 'nodePlacementConfiguration');
  if (placement) {
    const policy = oneOf(placement, 'policy', ['regional', 'zonal'] as const);
    if (policy) placement.policy = policy;
  }
  objects(vm, 'extensions');
  objects(vm, 'dataDisks');
}

function percent(policy: JsonObject, name: string, min: number): number | undefined {
  return int(policy, name, { min, max: 100 });
}

/** Validates `upgradePolicy` (mode automatic/manual/rolling and its automatic/rolling settings). */
export function validateUpgradePolicy(policy: JsonObject, zonal: boolean): void {
  policy.mode = oneOf(policy, 'mode', ['automatic', 'manual', 'rolling'] as const, { required: true });
  const automatic = obj(policy, 'automaticOSUpgradePolicy');
  if (automatic) {
    for (const name of ['disableAutomaticRollback', 'enableAutomaticOSUpgrade', 'useRollingUpgradePolicy', 'osRollingUpgradeDeferral']) bool(automatic, name);
  }
  const rolling = obj(policy, 'rollingUpgradePolicy');
  if (!rolling) return;
  const batch = percent(rolling, 'maxBatchInstancePercent', 5);
  const unhealthy = percent(rolling, 'maxUnhealthyInstancePercent', 5);
  percent(rolling, 'maxUnhealthyUpgradedInstancePercent', 0);
  if (batch !== undefined && unhealthy !== undefined && batch > unhealthy) {
    throw fail.invalidProperty('maxBatchInstancePercent', 'The value must not be more than maxUnhealthyInstancePercent.', batch);
  }
  const crossZone = bool(rolling, 'enableCrossZoneUpgrade');
  if (crossZone !== undefined && !zonal) {
    throw fail.invalidProperty('enableCrossZoneUpgrade', 'Can be set only when nodePlacementConfiguration.policy is zonal.', crossZone);
  }
  for (const name of ['prioritizeUnhealthyInstances', 'rollbackFailedInstancesOnPolicyBreach']) bool(rolling, name);
  str(rolling, 'pauseTimeBetweenBatches');
}
