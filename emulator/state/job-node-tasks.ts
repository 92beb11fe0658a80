import type { NodeRuntimeApi } from '../node-runtime/types';
import type { JobNodeRecord, JobNodeTaskRecord, JsonObject, StoredJob, StoredNode } from './model';
import type { BatchStore } from './store';
import { refOf } from './node-lifecycle';
import { effectiveRetries } from '../node-runtime/start-task';
import { isoNow } from './ids';
import { EXIT_CODE_FAILURE } from './task-state';
import { taskVariables } from './task-variables';

/** The folder names Batch gives the job preparation and release tasks under the job's folder. */
const FOLDERS = { preparation: 'jobpreparation', release: 'jobrelease' } as const;

type Kind = keyof typeof FOLDERS;

function specOf(job: StoredJob, kind: Kind): JsonObject | undefined {
  const spec = kind === 'preparation' ? job.spec.jobPreparationTask : job.spec.jobReleaseTask;
  return typeof spec === 'object' && spec !== null ? (spec as JsonObject) : undefined;
}

/**
 * Runs a job's preparation task once per node before the first of its tasks there, and its release task on every
 * node that ran the preparation when the job is terminated or deleted. What they did is kept on the job per node
 * (`/jobs/{id}/jobpreparationandreleasetaskstatus` reads it).
 */
export class JobNodeTasks {
  private readonly preparing = new Map<string, Promise<boolean>>();

  constructor(private readonly deps: { store: BatchStore; runtime: NodeRuntimeApi; log: (message: string) => void }) {}

  /** Runs (or waits for, or recalls) the preparation task on a node; false when tasks must not run there. */
  prepare(job: StoredJob, node: StoredNode): Promise<boolean> {
    const spec = specOf(job, 'preparation');
    if (!spec) return Promise.resolve(true);
    const done = job.nodeRuns?.[node.id]?.preparation;
    if (done?.state === 'completed') return Promise.resolve(done.result === 'success' || spec.waitForSuccess === false);
    const key = `${job.id}/${node.id}`;
    let pending = this.preparing.get(key);
    if (!pending) {
      pending = this.run(job, node, 'preparation', spec).then((record) => record.result === 'success' || spec.waitForSuccess === false);
      this.preparing.set(key, pending);
      void pending.finally(() => this.preparing.delete(key));
    }
    return pending;
  }

  /** Whether the preparation task failed on the node (with waitForSuccess), so the job's tasks avoid it. */
  blocked(job: StoredJob, node: StoredNode): boolean {
    const done = job.nodeRuns?.[node.id]?.preparation;
    return done?.result === 'failure' && specOf(job, 'preparation')?.waitForSuccess !== false;
  }

  /** Runs the release task on every node that ran the preparation task (and still exists); resolves when all ended. */
  async release(job: StoredJob): Promise<void> {
    const spec = specOf(job, 'release');
    if (!spec) return;
    const runs = Object.values(job.nodeRuns ?? {}).filter((r) => r.preparation && !r.release);
    await Promise.all(
      runs.map(async (record) => {
        const node = this.deps.store.node(record.poolId, record.nodeId);
        if (node && (node.state === 'idle' || node.state === 'running')) await this.run(job, node, 'release', spec);
      }),
    );
  }

  private async run(job: StoredJob, node: StoredNode, kind: Kind, spec: JsonObject): Promise<JobNodeTaskRecord> {
    const ref = refOf(node);
    const record: JobNodeTaskRecord = { state: 'running', startTime: isoNow(), retryCount: 0, taskRootDirectory: this.deps.runtime.taskDir(ref, job.id, FOLDERS[kind]) };
    job.nodeRuns ??= {};
    const entry: JobNodeRecord = (job.nodeRuns[node.id] ??= { poolId: node.poolId, nodeId: node.id });
    entry[kind] = record;
    this.deps.store.changed();
    const constraints = spec.constraints as JsonObject | undefined;
    // The release task gets no retries on the service.
    const maxRetries = kind === 'release' ? 0 : effectiveRetries(Number(constraints?.maxTaskRetryCount ?? 0));
    const prepDir = this.deps.runtime.taskDir(ref, job.id, FOLDERS.preparation);
    for (;;) {
      const handle = this.deps.runtime.runTask(ref, {
        jobId: job.id,
        taskFolder: FOLDERS[kind],
        commandLine: String(spec.commandLine),
        environmentSettings: (spec.environmentSettings as { name: string; value?: string }[] | undefined) ?? [],
        variables: taskVariables(job, { id: String(spec.id ?? FOLDERS[kind]) }, node, prepDir),
      });
      const outcome = await handle.outcome.catch((error: Error) => ({
        exitCode: -1,
        failure: { category: 'servererror' as const, code: 'TaskFailedToStart', message: error.message },
      }));
      if (outcome.exitCode !== 0 && !outcome.failure && record.retryCount < maxRetries) {
        record.retryCount++;
        record.lastRetryTime = isoNow();
        continue;
      }
      if (outcome.failure?.code === 'TaskEnded' && kind === 'preparation') {
        // Killed because its node went down: not a verdict on the node, so it runs again when the node is back.
        delete entry.preparation;
        this.deps.store.changed();
        return { ...record, state: 'completed', result: 'failure' };
      }
      record.state = 'completed';
      record.endTime = isoNow();
      record.exitCode = outcome.exitCode;
      record.result = outcome.exitCode === 0 && !outcome.failure ? 'success' : 'failure';
      if (record.result === 'failure') record.failureInfo = outcome.failure ?? EXIT_CODE_FAILURE;
      this.deps.store.changed();
      return record;
    }
  }
}
