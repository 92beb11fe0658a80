import type {
  BatchApplicationPackageReference, BatchTaskContainerSettings, BatchTaskRunInfo, DateTimeString, DurationString, EnvironmentSetting, Open,
  ResourceFile, UserIdentity,
} from './common';

/** BatchTaskState. */
export type BatchTaskState = Open<'active' | 'preparing' | 'running' | 'completed'>;

/** BatchTaskConstraints. */
export interface BatchTaskConstraints {
  maxWallClockTime?: DurationString;
  retentionTime?: DurationString;
  maxTaskRetryCount?: number;
}

/** OutputFile: a file uploaded after the task runs. */
export interface OutputFile {
  filePattern: string;
  destination: { container?: { path?: string; containerUrl: string; identityReference?: { resourceId?: string }; uploadHeaders?: { name: string; value?: string }[] } };
  uploadOptions: { uploadCondition: Open<'tasksuccess' | 'taskfailure' | 'taskcompletion'> };
}

/** BatchTaskCreateOptions: the body of POST /jobs/{jobId}/tasks (exit conditions are passed through). */
export interface BatchTaskCreateOptions {
  id: string;
  displayName?: string;
  exitConditions?: Record<string, unknown>;
  commandLine: string;
  containerSettings?: BatchTaskContainerSettings;
  resourceFiles?: ResourceFile[];
  outputFiles?: OutputFile[];
  environmentSettings?: EnvironmentSetting[];
  affinityInfo?: { affinityId: string };
  constraints?: BatchTaskConstraints;
  requiredSlots?: number;
  userIdentity?: UserIdentity;
  multiInstanceSettings?: { numberOfInstances?: number; coordinationCommandLine: string; commonResourceFiles?: ResourceFile[] };
  dependsOn?: { taskIds?: string[]; taskIdRanges?: { start: number; end: number }[] };
  applicationPackageReferences?: BatchApplicationPackageReference[];
  authenticationTokenSettings?: { access?: Open<'job'>[] };
}

/** BatchTaskExecutionInfo. */
export interface BatchTaskExecutionInfo extends BatchTaskRunInfo {
  requeueCount: number;
  lastRequeueTime?: DateTimeString;
}

/** BatchTask as GET/list return it. */
export interface BatchTask extends Partial<Omit<BatchTaskCreateOptions, 'id'>> {
  id: string;
  url?: string;
  eTag?: string;
  lastModified?: DateTimeString;
  creationTime?: DateTimeString;
  state?: BatchTaskState;
  stateTransitionTime?: DateTimeString;
  previousState?: BatchTaskState;
  previousStateTransitionTime?: DateTimeString;
  executionInfo?: BatchTaskExecutionInfo;
  nodeInfo?: { affinityId?: string; nodeUrl?: string; poolId?: string; nodeId?: string; taskRootDirectory?: string; taskRootDirectoryUrl?: string };
}
