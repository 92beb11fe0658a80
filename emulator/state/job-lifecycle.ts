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

/**
 * Moves jobs through the service's states. The emulator runs no tasks yet, so terminating, disabling, enabling and
 * deleting only take a short step (DURATIONS_MS.job); a newer transition makes an older pending one a no-op.
 */
export class JobLifecycle {
  private readonly generations = new Map<string, number>();

  constructor(private readonly deps: { store: BatchStore; timers: Timers }) {}

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

  /** Terminates: `terminating`, then `completed` with the reason (default UserTerminate). */
  terminate(job: StoredJob, reason: string): void {
    job.executionInfo.terminateReason = reason;
    this.transition(job, 'terminating', () => this.setState(job, 'completed'));
  }

  /** Disables: `disabling`, then `disabled`. */
  disable(job: StoredJob): void {
    this.transition(job, 'disabling', () => this.setState(job, 'disabled'));
  }

  /** Enables: `enabling`, then `active`. */
  enable(job: StoredJob): void {
    this.transition(job, 'enabling', () => this.setState(job, 'active'));
  }

  /** Deletes: `deleting`, then gone. */
  delete(job: StoredJob): void {
    this.transition(job, 'deleting', () => this.deps.store.removeJob(job.id));
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

  private transition(job: StoredJob, state: JobState, done: () => void): void {
    const generation = (this.generations.get(job.id) ?? 0) + 1;
    this.generations.set(job.id, generation);
    this.setState(job, state);
    this.deps.timers.after('job', () => {
      if (this.generations.get(job.id) === generation && this.deps.store.job(job.id) === job) done();
    });
  }
}
