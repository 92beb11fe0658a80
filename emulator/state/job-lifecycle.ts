import type { JobState, StoredJob } from './model';
import type { BatchStore } from './store';
import type { Timers } from './timers';
import { isoNow, newETag } from './ids';

/** Records a change of a job's own properties (new ETag and Last-Modified). */
export function touchJob(job: StoredJob): void {
  const now = new Date();
  job.eTag = newETag(now);
  job.lastModified = isoNow(now);
}

/** What the job lifecycle asks of the task side: end or requeue a job's tasks, run its release tasks, schedule. */
export interface JobTaskHooks {
  /** terminate: every unfinished task completes as ended; requeue: running tasks go back to active; forget: kill them. */
  endTasks(job: StoredJob, how: 'terminate' | 'requeue' | 'forget'): void;
  release(job: StoredJob): Promise<void>;
  kick(): void;
}

const NO_TASKS: JobTaskHooks = { endTasks: () => {}, release: async () => {}, kick: () => {} };

/**
 * Moves jobs through the service's states. Terminating and deleting end the job's tasks at once and run the job
 * release task on the nodes that prepared the job before the job completes (or goes); a newer transition makes an
 * older pending one a no-op.
 */
export class JobLifecycle {
  private readonly generations = new Map<string, number>();
  private tasks: JobTaskHooks = NO_TASKS;

  constructor(private readonly deps: { store: BatchStore; timers: Timers; log?: (message: string) => void }) {}

  /** Connects the task side (built after the lifecycle, since it terminates jobs whose tasks all completed). */
  attach(tasks: JobTaskHooks): void {
    this.tasks = tasks;
  }

  /** Sets a job's state, remembering the previous one as the service reports it. */
  setState(job: StoredJob, state: JobState): void {
    const now = isoNow();
    job.previousState = job.state;
    job.previousStateTransitionTime = job.stateTransitionTime;
    job.state = state;
    job.stateTransitionTime = now;
    if (state === 'completed') job.executionInfo.endTime = now;
    this.deps.store.changed();
  }

  /** Terminates: `terminating` (tasks ended, release tasks run), then `completed` with the reason (default UserTerminate). */
  terminate(job: StoredJob, reason: string): void {
    job.executionInfo.terminateReason = reason;
    this.tasks.endTasks(job, 'terminate');
    this.transition(job, 'terminating', async () => {
      await this.tasks.release(job);
      if (this.deps.store.job(job.id) === job && job.state === 'terminating') this.setState(job, 'completed');
    });
  }

  /** Disables: `disabling` (running tasks requeued, ended or left to finish), then `disabled`. */
  disable(job: StoredJob, disableTasks: 'requeue' | 'terminate' | 'wait'): void {
    if (disableTasks !== 'wait') this.tasks.endTasks(job, disableTasks === 'requeue' ? 'requeue' : 'terminate');
    this.transition(job, 'disabling', () => this.setState(job, 'disabled'));
  }

  /** Enables: `enabling`, then `active` (its tasks get scheduled again). */
  enable(job: StoredJob): void {
    this.transition(job, 'enabling', () => {
      this.setState(job, 'active');
      this.tasks.kick();
    });
  }

  /** Deletes: `deleting` (tasks killed, release tasks run), then gone. */
  delete(job: StoredJob): void {
    this.tasks.endTasks(job, 'forget');
    this.transition(job, 'deleting', async () => {
      await this.tasks.release(job);
      this.deps.store.removeJob(job.id);
    });
  }

  /** After a restart: finishes the transitions that were in flight. */
  resume(): void {
    const next: Partial<Record<JobState, (job: StoredJob) => void>> = {
      terminating: (job) => this.setState(job, 'completed'),
      disabling: (job) => this.setState(job, 'disabled'),
      enabling: (job) => this.setState(job, 'active'),
      deleting: (job) => this.deps.store.removeJob(job.id),
    };
    for (const job of [...this.deps.store.allJobs()]) next[job.state]?.(job);
  }

  private transition(job: StoredJob, state: JobState, done: () => void | Promise<void>): void {
    const generation = (this.generations.get(job.id) ?? 0) + 1;
    this.generations.set(job.id, generation);
    this.setState(job, state);
    this.deps.timers.after('job', () => {
      if (this.generations.get(job.id) !== generation || this.deps.store.job(job.id) !== job) return;
      void Promise.resolve()
        .then(done)
        .catch((error: Error) => this.deps.log?.(`Job ${job.id}: ${error.message}`));
    });
  }
}
