import type { TaskAction, TaskFilter } from '../../contract/features/tasks';
import { ContractFailure, assertNever } from '../../contract/result';
import type { BatchClientSource, BatchContextClients } from '../batch/batch-client-source';
import { restCall } from '../batch/rest-call';
import type { CallOptions } from '../batch/rest/batch-requester';
import { toBatchFailure } from '../batch/service-error';
import { itemErrorOf, type OperationRegistry } from '../operations/operation-registry';
import { runItems } from '../operations/run-items';
import { taskFilterQuery } from './task-mapping';

/** Which tasks an action targets: the selection, or every task now matching a server-side filter. */
export type TaskTarget = { taskIds: string[] } | { filter: TaskFilter };

/** Requests in flight at once for one bulk action. */
const defaultConcurrency = 16;

/** What each action's success is called in the item's outcome. */
const outcomeOf: Record<TaskAction, string> = { reactivate: 'reactivated', terminate: 'terminated', delete: 'deleted' };

/**
 * Reactivate, terminate or delete many tasks of a job as an operation of the shared registry: the ids of "all failed"
 * (or any filter) are listed on the server (`$select=id`), each task gets its own result (TaskCompleted, TaskNotFound,
 * …) and one task's failure never stops the others.
 */
export class TaskActionsService {
  constructor(private readonly deps: { clients: BatchClientSource; operations: OperationRegistry; concurrency?: number }) {}

  /** Starts the action; answers at once with the operation id and how many tasks it covers. */
  async start(request: { accountId: string; jobId: string; action: TaskAction; target: TaskTarget }): Promise<{ operationId: string; total: number }> {
    const { jobId, action } = request;
    const ctx = await this.deps.clients.forAccount(request.accountId);
    const taskIds = await this.resolve(ctx, jobId, request.target);
    return this.deps.operations.start({
      kind: 'task-action',
      accountId: ctx.account.id,
      subject: `${action} ${jobId}`,
      itemIds: taskIds,
      run: (context) =>
        runItems(
          context,
          taskIds,
          (id) => id,
          async (taskId, { signal, onAttempt, onRetry }) => {
            onAttempt(1);
            await send(ctx, jobId, taskId, action, { signal, onRetry });
            return outcomeOf[action];
          },
          { concurrency: this.deps.concurrency ?? defaultConcurrency, errorOf: (error) => itemErrorOf(toBatchFailure(error, ctx.account.endpoint)) },
        ),
    });
  }

  private async resolve(ctx: BatchContextClients, jobId: string, target: TaskTarget): Promise<string[]> {
    if ('taskIds' in target) return [...new Set(target.taskIds)];
    const filter = taskFilterQuery(target.filter);
    const tasks = await restCall(ctx.account.endpoint, () => ctx.rest.tasks.list(jobId, { select: ['id'], maxResults: 1000, ...(filter ? { filter } : {}) }));
    if (tasks.length === 0) throw new ContractFailure('NOT_FOUND', `No task of job ${jobId} is ${target.filter === 'all' ? 'there' : target.filter} now; nothing was sent.`);
    return tasks.map((t) => t.id);
  }
}

function send(ctx: BatchContextClients, jobId: string, taskId: string, action: TaskAction, options: CallOptions): Promise<void> {
  switch (action) {
    case 'reactivate':
      return ctx.rest.tasks.reactivate(jobId, taskId, options);
    case 'terminate':
      return ctx.rest.tasks.terminate(jobId, taskId, options);
    case 'delete':
      return ctx.rest.tasks.delete(jobId, taskId, options);
    default:
      return assertNever(action, 'task action');
  }
}
