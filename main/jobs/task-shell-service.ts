import type { TaskShellResult } from '../../contract/features/jobs-models';
import type { StartIn } from '../../contract/features/terminal';
import { ContractFailure } from '../../contract/result';
import type { BatchClientSource } from '../batch/batch-client-source';
import { restCall } from '../batch/rest-call';
import type { OperationRegistry } from '../operations/operation-registry';
import type { ProvisionService } from '../provision/provision-service';
import type { RemoteLoginService } from '../provision/remote-login-service';
import type { TerminalService } from '../terminal/terminal-service';
import { environmentOf } from './job-mapping';
import { taskEnvironment } from './task-environment';

/** The admin user "Open a shell here" provisions (managed key) on the node that ran the task. */
export const taskShellUser = 'batchdeck-admin';

/** How long that user lives: long enough to investigate, short enough not to linger. */
export const taskShellUserLifetimeMs = 4 * 3_600_000;

/** What the service is built from. */
export interface TaskShellDeps {
  clients: BatchClientSource;
  provision: Pick<ProvisionService, 'apply'>;
  /** Where the node takes SSH logins (NO_SSH_ENDPOINT when nowhere): checked before a user is added for nothing. */
  logins: Pick<RemoteLoginService, 'loginAddress'>;
  operations: Pick<OperationRegistry, 'whenDone' | 'get'>;
  terminals: Pick<TerminalService, 'openNode'>;
  now?: () => Date;
}

/**
 * "Open a shell here": from a task to a prompt where it ran. Reads the task (node, folder, environment), adds an admin
 * user with the account's managed key and a short expiry on that one node (so files owned by the task's user are
 * readable), and opens an SSH terminal there that starts in `<taskRootDirectory>/wd` with the task's environment and
 * its AZ_BATCH_* variables exported.
 */
export class TaskShellService {
  constructor(private readonly deps: TaskShellDeps) {}

  /** Provisions the user, then opens the session; the terminal's own progress follows as `term:status`. */
  async open(request: { accountId: string; jobId: string; taskId: string; cols: number; rows: number }): Promise<TaskShellResult> {
    const { jobId, taskId } = request;
    const ctx = await this.deps.clients.forAccount(request.accountId);
    const endpoint = ctx.account.endpoint;
    const [task, job] = await Promise.all([
      restCall(endpoint, () => ctx.rest.tasks.get(jobId, taskId, { select: ['id', 'state', 'nodeInfo', 'environmentSettings'] })),
      restCall(endpoint, () => ctx.rest.jobs.get(jobId, { select: ['id', 'commonEnvironmentSettings', 'jobPreparationTask'] })),
    ]);
    const node = task.nodeInfo;
    if (!node?.poolId || !node.nodeId || !node.taskRootDirectory) {
      throw new ContractFailure('CONFLICT', `Task ${taskId} has not been scheduled onto a node yet (it is ${String(task.state ?? 'unknown')}), so there is no folder to open a shell in. Try again once it runs.`);
    }
    const { poolId, nodeId, taskRootDirectory } = node;
    await this.deps.logins.loginAddress(ctx.account.id, poolId, nodeId);
    const expiresAt = new Date((this.deps.now?.() ?? new Date()).getTime() + taskShellUserLifetimeMs);
    await this.provisionAdmin(ctx.account.id, poolId, nodeId, expiresAt);
    const workingDirectory = `${taskRootDirectory.replace(/\/+$/, '')}/wd`;
    const environment = taskEnvironment({
      account: ctx.account,
      poolId,
      nodeId,
      jobId,
      taskId: task.id,
      taskRootDirectory,
      jobEnvironment: environmentOf(job.commonEnvironmentSettings),
      hasPreparationTask: job.jobPreparationTask !== undefined,
      taskEnvironment: environmentOf(task.environmentSettings),
    });
    const startIn: StartIn = { directory: workingDirectory, environment };
    const session = this.deps.terminals.openNode({ accountId: ctx.account.id, poolId, nodeId, user: taskShellUser, startIn, cols: request.cols, rows: request.rows });
    return { session, poolId, nodeId, userName: taskShellUser, expiresAt: expiresAt.toISOString(), workingDirectory, exported: environment.map((e) => e.name) };
  }

  /** Adds (or refreshes) the admin user on the one node and waits for Batch's answer. */
  private async provisionAdmin(accountId: string, poolId: string, nodeId: string, expiresAt: Date): Promise<void> {
    const { operationId } = await this.deps.provision.apply({
      accountId,
      poolId,
      nodes: [nodeId],
      userName: taskShellUser,
      auth: { kind: 'managedKey' },
      isAdmin: true,
      expiryTime: expiresAt.toISOString(),
      rotatePassword: false,
    });
    await this.deps.operations.whenDone(operationId);
    const item = this.deps.operations.get(operationId).items.find((i) => i.id === nodeId);
    if (item?.status !== 'succeeded') {
      const why = item?.error?.message ?? `the user could not be added (${item?.status ?? 'no result'})`;
      throw new ContractFailure(item?.error?.code === 'CANCELLED' ? 'CANCELLED' : 'BATCH_ERROR', `Could not add the admin user ${taskShellUser} on node ${nodeId}: ${why}`, {
        ...(item?.error?.serviceCode ? { serviceCode: item.error.serviceCode } : {}),
      });
    }
  }
}
