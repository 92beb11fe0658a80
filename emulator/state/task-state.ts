import type { FailureInfoRecord, StoredTask, TaskExecutionRecord, TaskState } from './model';
import type { BatchStore } from './store';
import { isoNow, newETag } from './ids';

/** The failure a non-zero exit code reports, as the service words it. */
export const EXIT_CODE_FAILURE: FailureInfoRecord = {
  category: 'usererror',
  code: 'FailureExitCode',
  message: 'The task exited with an exit code representing a failure',
  details: [
    { name: 'Message', value: 'The task process exited with an unexpected exit code' },
    { name: 'AdditionalErrorCode', value: 'FailureExitCode' },
  ],
};

/** The failure of a task ended by its maxWallClockTime. */
export const WALL_CLOCK_FAILURE: FailureInfoRecord = {
  category: 'usererror',
  code: 'MaxWallClockTimeExpiry',
  message: 'The task ran longer than its maximum wall clock time (constraints.maxWallClockTime) and was ended',
  details: [{ name: 'Message', value: 'The task exceeded its maximum wall clock time' }],
};

/** The failure of a task ended by a terminate (of the task or its job). */
export const ENDED_FAILURE: FailureInfoRecord = {
  category: 'usererror',
  code: 'TaskEnded',
  message: 'Task Was Ended by User Request',
};

/** The executionInfo of a task, created with zero counts the first time it is needed. */
export function executionOf(task: StoredTask): TaskExecutionRecord {
  task.executionInfo ??= { retryCount: 0, requeueCount: 0 };
  return task.executionInfo;
}

/**
 * Moves a task to a state: previous state and transition times as the service reports them, a new ETag, and the
 * job's counters and active queue kept in step (so taskcounts and scheduling never scan the job).
 */
export function moveTask(store: BatchStore, task: StoredTask, state: TaskState, update?: (exec: TaskExecutionRecord) => void): void {
  const before = { state: task.state, result: task.executionInfo?.result };
  const now = new Date();
  if (update) {
    // Seeded tasks share one executionInfo object: change a copy.
    task.executionInfo = { ...executionOf(task) };
    update(task.executionInfo);
  }
  if (task.state !== state) {
    task.previousState = task.state;
    task.previousStateTransitionTime = task.stateTransitionTime;
    task.state = state;
    task.stateTransitionTime = isoNow(now);
  }
  task.eTag = newETag(now);
  task.lastModified = isoNow(now);
  store.tableOf(task.jobId).recount(task, before);
  store.changed();
}

/** An ISO 8601 duration (`PT1M30S`, `P1DT2H`) in milliseconds; undefined for anything else. */
export function durationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const [d, h, min, s] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
  return Math.round((((d * 24 + h) * 60 + min) * 60 + s) * 1000);
}
