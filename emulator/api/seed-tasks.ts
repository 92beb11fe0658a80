import { z } from 'zod';
import type { RequestContext } from './request-context';
import { jsonBody } from './request-context';
import { sendJson } from './respond';
import { fail } from './batch-error';
import type { Emulator } from './emulator-context';
import { jobOr404 } from './job-routes';
import { EXIT_CODE_FAILURE } from '../state/task-state';
import { isoNow, newETag } from '../state/ids';
import type { StoredTask, TaskExecutionRecord } from '../state/model';

/** The body of POST /_emulator/jobs/{jobId}/seedtasks. */
export const seedTasksBody = z
  .object({
    count: z.number().int().min(1).max(1_000_000),
    /** Ids are the prefix plus a 1-based number zero-padded to the width of `count` (`task-000001`). */
    idPrefix: z.string().regex(/^[A-Za-z0-9_-]{0,50}$/).default('task-'),
    /** Every n-th task (n, 2n, …) failed with `failedExitCode`; omitted: none failed. */
    failedEvery: z.number().int().min(1).optional(),
    failedExitCode: z.number().int().refine((n) => n !== 0, 'A failed task needs a non-zero exit code').default(1),
    commandLine: z.string().min(1).max(8192).default('/bin/true'),
  })
  .strict();

/**
 * Adds `count` completed tasks to a job at once, without running them (fixtures for the 100,000-task e2e and bench):
 * every task shares one spec object and the succeeded ones share one executionInfo (moveTask copies it before any
 * change), so 100,000 tasks cost a few tens of MB and a fraction of a second.
 */
export function seedTasks(em: Emulator, ctx: RequestContext): void {
  const parsed = seedTasksBody.safeParse(jsonBody(ctx));
  if (!parsed.success) {
    throw fail.invalidBody(`Expected { "count": 1-1000000, "idPrefix"?: "task-", "failedEvery"?: n, "failedExitCode"?: non-zero, "commandLine"?: "…" }: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const { count, idPrefix, failedEvery, failedExitCode, commandLine } = parsed.data;
  const job = jobOr404(em, ctx.params.jobId as string);
  if (job.state !== 'active' && job.state !== 'disabled') throw fail.invalidForState(`Tasks can be added only to an active or disabled job; the job is ${job.state}.`);
  const width = String(count).length;
  const idOf = (n: number) => `${idPrefix}${String(n).padStart(width, '0')}`;
  const table = em.store.tableOf(job.id);
  for (let n = 1; n <= count; n++) if (table.get(idOf(n))) throw fail.taskExists();
  const now = new Date();
  const iso = isoNow(now);
  const spec = { commandLine };
  const succeeded: TaskExecutionRecord = { startTime: iso, endTime: iso, exitCode: 0, result: 'success', retryCount: 0, requeueCount: 0 };
  const failed: TaskExecutionRecord = { ...succeeded, exitCode: failedExitCode, result: 'failure', failureInfo: EXIT_CODE_FAILURE };
  // One ETag for the lot: they were all written at the same instant (a task gets its own on its next change).
  const eTag = newETag(now);
  const tasks: StoredTask[] = [];
  let failures = 0;
  for (let n = 1; n <= count; n++) {
    const fails = failedEvery !== undefined && n % failedEvery === 0;
    if (fails) failures++;
    tasks.push({
      id: idOf(n), jobId: job.id, spec, eTag, lastModified: iso, creationTime: iso,
      state: 'completed', stateTransitionTime: iso, previousState: 'running', previousStateTransitionTime: iso,
      executionInfo: fails ? failed : succeeded,
    });
  }
  em.store.addTasks(tasks);
  // Serialize the job's tasks for the state file now, while the caller waits for the fixture, rather than in the
  // debounced save that would stall the requests that follow.
  table.serialized();
  sendJson(ctx, 200, { jobId: job.id, added: count, failed: failures, firstId: idOf(1), lastId: idOf(count) });
}
