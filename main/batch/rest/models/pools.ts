import type {
  BatchApplicationPackageReference, BatchMetadataItem, BatchTaskContainerSettings, BatchVmImageReference, DateTimeString,
  DurationString, EnvironmentSetting, NameValuePair, Open, ResourceFile, UserIdentity,
} from './common';
import type { NetworkConfiguration } from './network';

/** SecurityTypes: Trusted Launch or confidential VM. */
export type SecurityType = Open<'trustedLaunch' | 'confidentialvm'>;

/** SecurityProfile of the pool's VMs. */
export interface SecurityProfile {
  encryptionAtHost?: boolean;
  securityType?: SecurityType;
  uefiSettings?: { secureBootEnabled?: boolean; vTpmEnabled?: boolean };
  proxyAgentSettings?: { enabled?: boolean; imds?: HostEndpointSettings; wireServer?: HostEndpointSettings };
}

/** HostEndpointSettings (metadata security protocol). */
export interface HostEndpointSettings {
  mode?: Open<'Audit' | 'Enforce'>;
  inVMAccessControlProfileReferenceId?: string;
}

/** StorageAccountType of a managed disk. */
export type StorageAccountType = Open<'standard_lrs' | 'premium_lrs' | 'standardssd_lrs'>;

/** CachingType of a disk. */
export type CachingType = Open<'none' | 'readonly' | 'readwrite'>;

/** ManagedDisk. */
export interface ManagedDisk {
  storageAccountType?: StorageAccountType;
  securityProfile?: { securityEncryptionType?: Open<'DiskWithVMGuestState' | 'NonPersistedTPM' | 'VMGuestStateOnly'> };
  diskEncryptionSet?: { id?: string };
}

/** BatchOsDisk: ephemeral placement, size, caching and storage type of the OS disk. */
export interface BatchOsDisk {
  ephemeralOSDiskSettings?: { placement?: Open<'cachedisk'> };
  caching?: CachingType;
  diskSizeGB?: number;
  managedDisk?: ManagedDisk;
  writeAcceleratorEnabled?: boolean;
}

/** DataDisk. */
export interface DataDisk {
  lun: number;
  caching?: CachingType;
  diskSizeGB: number;
  storageAccountType?: StorageAccountType;
}

/** BatchContainerConfiguration. */
export interface BatchContainerConfiguration {
  type: Open<'dockerCompatible' | 'criCompatible'>;
  containerImageNames?: string[];
  containerRegistries?: BatchTaskContainerSettings['registry'][];
}

/** VMExtension. */
export interface VMExtension {
  name: string;
  publisher: string;
  type: string;
  typeHandlerVersion?: string;
  autoUpgradeMinorVersion?: boolean;
  enableAutomaticUpgrade?: boolean;
  settings?: Record<string, string>;
  protectedSettings?: Record<string, string>;
  provisionAfterExtensions?: string[];
}

/** VirtualMachineConfiguration: the only pool configuration 2025-06-01 has (cloud services are gone). */
export interface VirtualMachineConfiguration {
  imageReference: BatchVmImageReference;
  nodeAgentSKUId: string;
  windowsConfiguration?: { enableAutomaticUpdates?: boolean };
  dataDisks?: DataDisk[];
  licenseType?: string;
  containerConfiguration?: BatchContainerConfiguration;
  diskEncryptionConfiguration?: { targets?: Open<'osdisk' | 'temporarydisk'>[] };
  nodePlacementConfiguration?: { policy?: Open<'regional' | 'zonal'> };
  extensions?: VMExtension[];
  osDisk?: BatchOsDisk;
  securityProfile?: SecurityProfile;
  serviceArtifactReference?: { id: string };
}

/** BatchStartTask. */
export interface BatchStartTask {
  commandLine: string;
  containerSettings?: BatchTaskContainerSettings;
  resourceFiles?: ResourceFile[];
  environmentSettings?: EnvironmentSetting[];
  userIdentity?: UserIdentity;
  maxTaskRetryCount?: number;
  waitForSuccess?: boolean;
}

/** BatchTaskSchedulingPolicy: spread or pack tasks; `jobDefaultOrder` orders tasks of equal-priority jobs. */
export interface BatchTaskSchedulingPolicy {
  nodeFillType: Open<'spread' | 'pack'>;
  jobDefaultOrder?: Open<'none' | 'creationcompat'>;
}

/** UpgradePolicy (automatic OS upgrades). */
export interface UpgradePolicy {
  mode: Open<'automatic' | 'manual' | 'rolling'>;
  automaticOSUpgradePolicy?: {
    disableAutomaticRollback?: boolean;
    enableAutomaticOSUpgrade?: boolean;
    useRollingUpgradePolicy?: boolean;
    osRollingUpgradeDeferral?: boolean;
  };
  rollingUpgradePolicy?: {
    enableCrossZoneUpgrade?: boolean;
    maxBatchInstancePercent?: number;
    maxUnhealthyInstancePercent?: number;
    maxUnhealthyUpgradedInstancePercent?: number;
    pauseTimeBetweenBatches?: DurationString;
    prioritizeUnhealthyInstances?: boolean;
    rollbackFailedInstancesOnPolicyBreach?: boolean;
  };
}

/** UserAccount created on every node of the pool. */
export interface UserAccount {
  name: string;
  password: string;
  elevationLevel?: Open<'nonadmin' | 'admin'>;
  linuxUserConfiguration?: { uid?: number; gid?: number; sshPrivateKey?: string };
  windowsUserConfiguration?: { loginMode?: Open<'batch' | 'interactive'> };
}

/** MountConfiguration: exactly one file system per entry. */
export interface MountConfiguration {
  azureBlobFileSystemConfiguration?: Record<string, unknown>;
  nfsMountConfiguration?: { source: string; relativeMountPath: string; mountOptions?: string };
  cifsMountConfiguration?: { username: string; source: string; relativeMountPath: string; mountOptions?: string; password: string };
  azureFileShareConfiguration?: { accountName: string; azureFileUrl: string; accountKey: string; relativeMountPath: string; mountOptions?: string };
}

/** BatchPoolCreateOptions: the body of POST /pools. */
export interface BatchPoolCreateOptions {
  id: string;
  displayName?: string;
  vmSize: string;
  virtualMachineConfiguration?: VirtualMachineConfiguration;
  resizeTimeout?: DurationString;
  targetDedicatedNodes?: number;
  /** Spot nodes (the wire keeps the low-priority name). */
  targetLowPriorityNodes?: number;
  enableAutoScale?: boolean;
  autoScaleFormula?: string;
  autoScaleEvaluationInterval?: DurationString;
  enableInterNodeCommunication?: boolean;
  networkConfiguration?: NetworkConfiguration;
  startTask?: BatchStartTask;
  applicationPackageReferences?: BatchApplicationPackageReference[];
  taskSlotsPerNode?: number;
  taskSchedulingPolicy?: BatchTaskSchedulingPolicy;
  userAccounts?: UserAccount[];
  metadata?: BatchMetadataItem[];
  mountConfiguration?: MountConfiguration[];
  upgradePolicy?: UpgradePolicy;
}

/** BatchPoolState. */
export type BatchPoolState = Open<'active' | 'deleting'>;

/** AllocationState. */
export type AllocationState = Open<'steady' | 'resizing' | 'stopping'>;

/** ResizeError. */
export interface ResizeError {
  code?: string;
  message?: string;
  values?: NameValuePair[];
}

/** BatchPool as GET/list return it (every property may be absent under `$select`). */
export interface BatchPool extends Partial<Omit<BatchPoolCreateOptions, 'id'>> {
  id: string;
  url?: string;
  eTag?: string;
  lastModified?: DateTimeString;
  creationTime?: DateTimeString;
  state?: BatchPoolState;
  stateTransitionTime?: DateTimeString;
  allocationState?: AllocationState;
  allocationStateTransitionTime?: DateTimeString;
  resizeErrors?: ResizeError[];
  currentDedicatedNodes?: number;
  currentLowPriorityNodes?: number;
  autoScaleRun?: { timestamp: DateTimeString; results?: string; error?: { code?: string; message?: string; values?: NameValuePair[] } };
  identity?: { type: Open<'UserAssigned' | 'None'>; userAssignedIdentities?: { resourceId: string; clientId?: string; principalId?: string }[] };
}

/** BatchNodeDeallocationOption: what happens to running tasks when nodes leave (resize down, remove). */
export type BatchNodeDeallocationOption = Open<'requeue' | 'terminate' | 'taskcompletion' | 'retaineddata'>;

/** BatchPoolResizeOptions. */
export interface BatchPoolResizeOptions {
  targetDedicatedNodes?: number;
  targetLowPriorityNodes?: number;
  resizeTimeout?: DurationString;
  nodeDeallocationOption?: BatchNodeDeallocationOption;
}

/** BatchNodeRemoveOptions: at most 100 node ids per request. */
export interface BatchNodeRemoveOptions {
  nodeList: string[];
  resizeTimeout?: DurationString;
  nodeDeallocationOption?: BatchNodeDeallocationOption;
}
