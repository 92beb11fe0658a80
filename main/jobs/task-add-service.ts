import type { TaskSpec } from '../../contract/features/tasks';
import { ContractFailure } from '../../contract/result';
import type { ItemError } from '../../contract/features/operations';
import type { BatchClientSource, BatchContextClients } from '../batch/batch-client-source';
import { restCall } from '../batch/rest-call';
import { maxTasksPerCollection } from '../batch/rest/operations/task-operations';
import type { BatchTaskCreateOptions } from '../batch/rest/models/tasks';
import type { BatchTaskCreateResult } from '../batch/rest/models/jobs';
import { toBatchFailure } from '../batch/service-error';
import { runBounded } from '../operations/bounded-pool';
import { itemErrorOf, type OperationContext, type OperationRegistry } from '../operations/operation-registry';
import type { OperationTracker } from '../operations/operation-tracker';
import { taskCreateBody } from './task-body';

/** Add-collection requests in flight at once (each carries up to 100 tasks). */
const defaultConcurrency = 4;

/** Outcome of a task that went in. */
const added = 'added';

/**
 * Adds tasks to a job: one from the form, or many as an operation of the shared registry — 100 per request (the
 * service's limit), a few requests at a time. Each task ends `added` or failed with what Batch said about that task
 * (TaskExists, …); a request refused as too large is split in halves until it fits, so one huge task fails alone.
 */
export class TaskAddService {
  constructor(
    private readonly deps: { clients: BatchClientSource; operations: OperationRegistry; concurrency?: number },
  ) {}

  /** Adds one task. */
  async addOne(accountId: string, jobId: string, spec: TaskSpec): Promise<{ taskId: string }> {
    const ctx = await this.deps.clients.forAccount(accountId);
    await restCall(ctx.account.endpoint, () => ctx.rest.tasks.add(jobId, taskCreateBody(spec)));
    return { taskId: spec.id };
  }

  /** Starts adding many tasks; answers at once with the operation id. */
  async addMany(accountId: string, jobId: string, specs: TaskSpec[]): Promise<{ operationId: string; total: number }> {
    const ctx = await this.deps.clients.forAccount(accountId);
    // A job that is not there (or takes no tasks) is said once, before any operation starts: nothing is sent.
    const job = await restCall(ctx.account.endpoint, () => ctx.rest.jobs.get(jobId, { select: ['id', 'state'] }));
    if (job.state === 'completed' || job.state === 'terminating' || job.state === 'deleting') {
      throw new ContractFailure('CONFLICT', `Job ${jobId} is ${job.state} and takes no new tasks; nothing was added.`);
    }
    const bodies = specs.map(taskCreateBody);
    return this.deps.operations.start({
      kind: 'task-add',
      accountId: ctx.account.id,
      subject: `add ${jobId}`,
      itemIds: bodies.map((b) => b.id),
      run: async (context) => {
        const chunks: BatchTaskCreateOptions[][] = [];
        for (let i = 0; i < bodies.length; i += maxTasksPerCollection) chunks.push(bodies.slice(i, i + maxTasksPerCollection));
        await runBounded(chunks, this.deps.concurrency ?? defaultConcurrency, (chunk) => this.send(ctx, jobId, chunk, context), context.signal);
      },
    });
  }

  /** Sends one chunk; a chunk the service finds too large is sent again as two halves. */
  private async send(ctx: BatchContextClients, jobId: string, chunk: BatchTaskCreateOptions[], context: OperationContext): Promise<void> {
    const { tracker, signal } = context;
    for (const task of chunk) tracker.update(task.id, { status: 'running', attempts: (tracker.item(task.id)?.attempts ?? 0) + 1 });
    let results: BatchTaskCreateResult[];
    try {
      results = await ctx.rest.tasks.addCollection(jobId, chunk, {
        signal,
        onRetry: (notice) => {
          for (const task of chunk) tracker.update(task.id, { status: 'retrying', attempts: notice.retry + 1 });
        },
      });
    } catch (error) {
      if (signal.aborted) return endAll(tracker, chunk, { status: 'cancelled' });
      const failure = itemError(error, ctx.account.endpoint);
      if (failure.serviceCode === 'RequestBodyTooLarge' && chunk.length > 1) {
        const half = Math.ceil(chunk.length / 2);
        await this.send(ctx, jobId, chunk.slice(0, half), context);
        await this.send(ctx, jobId, chunk.slice(half), context);
        return;
      }
      return endAll(tracker, chunk, { status: 'failed', error: failure });
    }
    settle(tracker, chunk, results);
  }
}

/** Each task's own result; a task the answer does not mention failed (the service must answer for every one). */
function settle(tracker: OperationTracker, chunk: BatchTaskCreateOptions[], results: BatchTaskCreateResult[]): void {
  const byId = new Map(results.map((r) => [r.taskId.toLowerCase(), r]));
  for (const task of chunk) {
    const result = byId.get(task.id.toLowerCase());
    if (result?.status === 'success') {
      tracker.update(task.id, { status: 'succeeded', outcome: added });
      continue;
    }
    const code = result?.error?.code;
    const message = result?.error ? messageOf(result.error.message) : 'Batch did not answer for this task; check whether it exists before adding it again.';
    tracker.update(task.id, { status: 'failed', error: { code: 'BATCH_ERROR', message, ...(code ? { serviceCode: code } : {}) } });
  }
}

function endAll(tracker: OperationTracker, chunk: BatchTaskCreateOptions[], patch: { status: 'cancelled' } | { status: 'failed'; error: ItemError }): void {
  for (const task of chunk) tracker.update(task.id, patch);
}

function itemError(error: unknown, endpoint: string): ItemError {
  return itemErrorOf(toBatchFailure(error, endpoint));
}

function messageOf(message: { value: string } | undefined): string {
  return message?.value.split('\nRequestId:')[0]?.trim() || 'Batch refused this task.';
}
