import type { JobDetail, JobSummary, JobTaskInfo } from '../../contract/features/jobs-models';
import type { BatchJob } from '../batch/rest/models/jobs';
import type { EnvironmentSetting, UserIdentity } from '../batch/rest/models/common';

/** Job fields the list needs: `$select` keeps an account with thousands of jobs small on the wire. */
export const jobListSelect = ['id', 'displayName', 'state', 'poolInfo', 'priority', 'creationTime', 'stateTransitionTime', 'onAllTasksComplete', 'executionInfo'];

/** Name/value pairs with the value always a string (the service may omit an empty value). */
export function environmentOf(settings: EnvironmentSetting[] | undefined): { name: string; value: string }[] {
  return (settings ?? []).map((s) => ({ name: s.name, value: s.value ?? '' }));
}

/** True when a user identity is the admin auto-user. */
function isElevated(identity: UserIdentity | undefined): boolean {
  return identity?.autoUser?.elevationLevel?.toLowerCase() === 'admin';
}

/** A wire job as the list shows it. */
export function toJobSummary(job: BatchJob): JobSummary {
  const exec = job.executionInfo;
  const poolId = job.poolInfo?.poolId ?? exec?.poolId;
  return {
    id: job.id,
    ...(job.displayName ? { displayName: job.displayName } : {}),
    state: String(job.state ?? 'unknown').toLowerCase(),
    ...(poolId ? { poolId } : {}),
    priority: job.priority ?? 0,
    ...(job.creationTime ? { creationTime: job.creationTime } : {}),
    ...(job.stateTransitionTime ? { stateTransitionTime: job.stateTransitionTime } : {}),
    ...(job.onAllTasksComplete ? { onAllTasksComplete: String(job.onAllTasksComplete).toLowerCase() } : {}),
    ...(exec
      ? { executionInfo: { startTime: exec.startTime, ...(exec.endTime ? { endTime: exec.endTime } : {}), ...(exec.terminateReason ? { terminateReason: exec.terminateReason } : {}) } }
      : {}),
  };
}

/** A job preparation or release task on the wire (passed through untyped by the client). */
function toJobTaskInfo(raw: Record<string, unknown> | undefined, preparation: boolean): JobTaskInfo | undefined {
  if (!raw || typeof raw.commandLine !== 'string') return undefined;
  const constraints = raw.constraints as { maxWallClockTime?: string } | undefined;
  return {
    commandLine: raw.commandLine,
    elevated: isElevated(raw.userIdentity as UserIdentity | undefined),
    environment: environmentOf(raw.environmentSettings as EnvironmentSetting[] | undefined),
    ...(preparation ? { waitForSuccess: raw.waitForSuccess !== false } : {}),
    ...(constraints?.maxWallClockTime ? { maxWallClockTime: constraints.maxWallClockTime } : {}),
  };
}

/** A wire job as the detail view shows it. */
export function toJobDetail(job: BatchJob): JobDetail {
  const summary = toJobSummary(job);
  const exec = job.executionInfo;
  const prep = toJobTaskInfo(job.jobPreparationTask, true);
  const release = toJobTaskInfo(job.jobReleaseTask, false);
  const error = exec?.schedulingError;
  return {
    ...summary,
    ...(job.eTag ? { eTag: job.eTag } : {}),
    ...(job.lastModified ? { lastModified: job.lastModified } : {}),
    ...(job.previousState ? { previousState: String(job.previousState).toLowerCase() } : {}),
    usesTaskDependencies: job.usesTaskDependencies === true,
    ...(job.onTaskFailure ? { onTaskFailure: String(job.onTaskFailure).toLowerCase() } : {}),
    ...(job.maxParallelTasks !== undefined ? { maxParallelTasks: job.maxParallelTasks } : {}),
    ...(job.allowTaskPreemption !== undefined ? { allowTaskPreemption: job.allowTaskPreemption } : {}),
    constraints: {
      ...(job.constraints?.maxWallClockTime ? { maxWallClockTime: job.constraints.maxWallClockTime } : {}),
      ...(job.constraints?.maxTaskRetryCount !== undefined ? { maxTaskRetryCount: job.constraints.maxTaskRetryCount } : {}),
    },
    commonEnvironment: environmentOf(job.commonEnvironmentSettings),
    ...(prep ? { jobPreparationTask: prep } : {}),
    ...(release ? { jobReleaseTask: release } : {}),
    hasJobManagerTask: job.jobManagerTask !== undefined,
    ...(exec
      ? {
          executionInfo: {
            ...summary.executionInfo,
            ...(exec.poolId ? { poolId: exec.poolId } : {}),
            ...(error
              ? { schedulingError: { category: String(error.category), ...(error.code ? { code: error.code } : {}), ...(error.message ? { message: error.message } : {}), details: (error.details ?? []).map((d) => ({ name: d.name ?? '', value: d.value ?? '' })) } }
              : {}),
          },
        }
      : {}),
    metadata: (job.metadata ?? []).map((m) => ({ name: m.name, value: m.value })),
  };
}
