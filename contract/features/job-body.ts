import type { JobSpec, JobSpecInput } from './jobs';
import { jobSpecSchema } from './jobs';

/** A job preparation/release task on the wire (JobPreparationTask / JobReleaseTask). */
type JobTaskBody = Record<string, unknown>;

function jobTaskBody(task: { commandLine: string; elevated: boolean; environment: { name: string; value: string }[]; maxWallClockTime?: string }): JobTaskBody {
  return {
    commandLine: task.commandLine,
    ...(task.environment.length ? { environmentSettings: task.environment } : {}),
    ...(task.maxWallClockTime ? { constraints: { maxWallClockTime: task.maxWallClockTime } } : {}),
    userIdentity: { autoUser: { scope: 'pool', elevationLevel: task.elevated ? 'admin' : 'nonadmin' } },
  };
}

/**
 * The body of `POST /jobs` (BatchJobCreateOptions, 2025-06-01) for a job spec: exactly what `jobs:create` sends, so
 * "Copy as JSON" and the `az batch job create --json-file` script show the same job.
 */
export function jobCreateBody(input: JobSpec | JobSpecInput): Record<string, unknown> {
  const spec = jobSpecSchema.parse(input);
  const prep = spec.jobPreparationTask;
  return {
    id: spec.id,
    ...(spec.displayName ? { displayName: spec.displayName } : {}),
    priority: spec.priority,
    ...(spec.maxParallelTasks !== -1 ? { maxParallelTasks: spec.maxParallelTasks } : {}),
    constraints: { ...(spec.constraints.maxWallClockTime ? { maxWallClockTime: spec.constraints.maxWallClockTime } : {}), maxTaskRetryCount: spec.constraints.maxTaskRetryCount },
    poolInfo: { poolId: spec.poolId },
    onAllTasksComplete: spec.onAllTasksComplete,
    onTaskFailure: spec.onTaskFailure,
    usesTaskDependencies: false,
    ...(spec.commonEnvironment.length ? { commonEnvironmentSettings: spec.commonEnvironment } : {}),
    ...(prep ? { jobPreparationTask: { ...jobTaskBody(prep), waitForSuccess: prep.waitForSuccess, rerunOnNodeRebootAfterSuccess: true } } : {}),
    ...(spec.jobReleaseTask ? { jobReleaseTask: jobTaskBody(spec.jobReleaseTask) } : {}),
  };
}
