import type { BatchErrorBody } from '../batch-service-error';
import type { BatchMetadataItem, DateTimeString, DurationString, NameValuePair, Open } from './common';
import type { BatchPoolCreateOptions } from './pools';

/** BatchJobState. */
export type BatchJobState = Open<'active' | 'disabling' | 'disabled' | 'enabling' | 'terminating' | 'completed' | 'deleting'>;

/** BatchJobConstraints. */
export interface BatchJobConstraints {
  maxWallClockTime?: DurationString;
  maxTaskRetryCount?: number;
}

/** BatchAutoPoolSpecification: a pool Batch creates for the job. */
export interface BatchAutoPoolSpecification {
  autoPoolIdPrefix?: string;
  poolLifetimeOption: Open<'jobschedule' | 'job'>;
  keepAlive?: boolean;
  pool?: Omit<BatchPoolCreateOptions, 'id'>;
}

/** BatchPoolInfo: an existing pool id or an auto pool, not both. */
export interface BatchPoolInfo {
  poolId?: string;
  autoPoolSpecification?: BatchAutoPoolSpecification;
}

/** What Batch does when every task completes / a task fails. */
export type BatchAllTasksCompleteMode = Open<'noaction' | 'terminatejob'>;

/** BatchJobCreateOptions: the body of POST /jobs (the job manager, preparation and release tasks are passed through). */
export interface BatchJobCreateOptions {
  id: string;
  displayName?: string;
  usesTaskDependencies?: boolean;
  priority?: number;
  allowTaskPreemption?: boolean;
  maxParallelTasks?: number;
  constraints?: BatchJobConstraints;
  jobManagerTask?: Record<string, unknown>;
  jobPreparationTask?: Record<string, unknown>;
  jobReleaseTask?: Record<string, unknown>;
  commonEnvironmentSettings?: { name: string; value?: string }[];
  poolInfo: BatchPoolInfo;
  onAllTasksComplete?: BatchAllTasksCompleteMode;
  onTaskFailure?: Open<'noaction' | 'performexitoptionsjobaction'>;
  networkConfiguration?: { subnetId: string; skipWithdrawFromVNet?: boolean };
  metadata?: BatchMetadataItem[];
}

/** BatchJobExecutionInfo. */
export interface BatchJobExecutionInfo {
  startTime: DateTimeString;
  endTime?: DateTimeString;
  poolId?: string;
  schedulingError?: { category: Open<'usererror' | 'servererror'>; code?: string; message?: string; details?: NameValuePair[] };
  terminateReason?: string;
}

/** BatchJob as GET/list return it. */
export interface BatchJob extends Partial<Omit<BatchJobCreateOptions, 'id'>> {
  id: string;
  url?: string;
  eTag?: string;
  lastModified?: DateTimeString;
  creationTime?: DateTimeString;
  state?: BatchJobState;
  stateTransitionTime?: DateTimeString;
  previousState?: BatchJobState;
  previousStateTransitionTime?: DateTimeString;
  executionInfo?: BatchJobExecutionInfo;
}

/** BatchJobTerminateOptions. */
export interface BatchJobTerminateOptions {
  terminateReason?: string;
}

/** BatchJobDisableOptions: what happens to the job's running tasks. */
export interface BatchJobDisableOptions {
  disableTasks: Open<'requeue' | 'terminate' | 'wait'>;
}

/** BatchTaskCounts. */
export interface BatchTaskCounts {
  active: number;
  running: number;
  completed: number;
  succeeded: number;
  failed: number;
}

/** BatchTaskCountsResult: task counts and task-slot counts of a job. */
export interface BatchTaskCountsResult {
  taskCounts: BatchTaskCounts;
  taskSlotCounts: BatchTaskCounts;
}

/** BatchTaskCreateResult: one entry of an add-collection answer. */
export interface BatchTaskCreateResult {
  status: Open<'success' | 'clienterror' | 'servererror'>;
  taskId: string;
  eTag?: string;
  lastModified?: DateTimeString;
  location?: string;
  error?: BatchErrorBody;
}
