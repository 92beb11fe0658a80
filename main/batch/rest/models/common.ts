/**
 * Shared wire types of the Batch data plane, api-version 2025-06-01 (BatchService.json in
 * Azure/azure-rest-api-specs, specification/batch/data-plane/Azure.Batch/stable/2025-06-01). Property names are the
 * JSON names on the wire; enums the spec marks `modelAsString` also accept values this version does not list.
 */

/** An enum value the spec lists, or a newer one the service may already send (`modelAsString`). */
export type Open<T extends string> = T | (string & { readonly __open?: never });

/** ISO 8601 date-time, e.g. `2025-06-27T08:51:17.021378Z`. */
export type DateTimeString = string;

/** ISO 8601 duration, e.g. `PT15M`. */
export type DurationString = string;

/** An int64 value: the 2025-06-01 spec types these as strings (e.g. file `contentLength: "1813"`). */
export type Int64 = string | number;

/** A list page: `value` plus the full URL of the next page (which already carries api-version and $skiptoken). */
export interface BatchListPage<T> {
  value?: T[];
  'odata.nextLink'?: string;
}

/** BatchMetadataItem. */
export interface BatchMetadataItem {
  name: string;
  value: string;
}

/** NameValuePair (node errors, resize errors). */
export interface NameValuePair {
  name?: string;
  value?: string;
}

/** BatchVmImageReference: a Marketplace image, or a gallery image by id (mutually exclusive). */
export interface BatchVmImageReference {
  publisher?: string;
  offer?: string;
  sku?: string;
  version?: string;
  virtualMachineImageId?: string;
  /** Read-only: the version actually used when `version` was `latest`. */
  exactVersion?: string;
  sharedGalleryImageId?: string;
  communityGalleryImageId?: string;
}

/** EnvironmentSetting. */
export interface EnvironmentSetting {
  name: string;
  value?: string;
}

/** ResourceFile: exactly one of autoStorageContainerName, storageContainerUrl or httpUrl. */
export interface ResourceFile {
  autoStorageContainerName?: string;
  storageContainerUrl?: string;
  httpUrl?: string;
  blobPrefix?: string;
  filePath?: string;
  fileMode?: string;
  identityReference?: { resourceId?: string };
}

/** AutoUserSpecification. */
export interface AutoUserSpecification {
  scope?: Open<'task' | 'pool'>;
  elevationLevel?: Open<'nonadmin' | 'admin'>;
}

/** UserIdentity: `username` or `autoUser`, not both. */
export interface UserIdentity {
  username?: string;
  autoUser?: AutoUserSpecification;
}

/** ContainerRegistryReference. */
export interface ContainerRegistryReference {
  username?: string;
  password?: string;
  registryServer?: string;
  identityReference?: { resourceId?: string };
}

/** BatchTaskContainerSettings. */
export interface BatchTaskContainerSettings {
  imageName: string;
  containerRunOptions?: string;
  registry?: ContainerRegistryReference;
  workingDirectory?: Open<'taskWorkingDirectory' | 'containerImageDefault'>;
  containerHostBatchBindMounts?: { source?: Open<'Shared' | 'Startup' | 'VfsMounts' | 'Task' | 'JobPrep' | 'Applications'>; isReadOnly?: boolean }[];
}

/** BatchApplicationPackageReference. */
export interface BatchApplicationPackageReference {
  applicationId: string;
  version?: string;
}

/** BatchTaskExecutionResult. */
export type BatchTaskExecutionResult = Open<'success' | 'failure'>;

/** BatchTaskFailureInfo. */
export interface BatchTaskFailureInfo {
  category: Open<'usererror' | 'servererror'>;
  code?: string;
  message?: string;
  details?: NameValuePair[];
}

/** BatchTaskContainerExecutionInfo. */
export interface BatchTaskContainerExecutionInfo {
  containerId?: string;
  state?: string;
  error?: string;
}

/** What a start task's and a task's execution info share. */
export interface BatchTaskRunInfo {
  startTime?: DateTimeString;
  endTime?: DateTimeString;
  exitCode?: number;
  containerInfo?: BatchTaskContainerExecutionInfo;
  failureInfo?: BatchTaskFailureInfo;
  retryCount: number;
  lastRetryTime?: DateTimeString;
  result?: BatchTaskExecutionResult;
}
