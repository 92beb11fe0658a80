import { randomUUID } from 'node:crypto';
import type { BatchServiceClient } from '@azure/batch';
import type { RequestOut } from '../../contract/channels';
import type { OperationSummary, ProvisionProgress } from '../../contract/features/provision';
import { ContractFailure } from '../../contract/result';
import type { ActiveAccount, BatchClientSource } from '../accounts/batch-client-source';
import { retryInfoOf, type RetryPolicy } from '../batch/retry';
import { toBatchFailure } from '../batch/service-error';
import type { EventEmitter } from '../events';
import type { ManagedKeyStore } from '../keys/managed-key-store';
import type { Logger, SecretRedactor } from '../log';
import type { SecretStore } from '../store/secret-store';
import { deleteNodeUser, listPoolNodes, putNodeUser, serviceCodeOf, type NodeUserSpec } from './node-user-calls';
import { OperationRegistry } from './operation-registry';
import { generatePassword } from './password-generator';
import { startOperation, type NodeJob } from './run-operation';
import { passwordSecretName, type ProvisionedUserRegistry } from './user-registry';

/** What the provisioning service is built from. */
export interface ProvisionServiceDeps {
  clients: BatchClientSource;
  keys: ManagedKeyStore;
  registry: ProvisionedUserRegistry;
  secrets: SecretStore;
  redactor: SecretRedactor;
  events: EventEmitter;
  log: Logger;
  /** Requests in flight across one operation (default 24: fast on big pools, gentle on Batch's throttling). */
  concurrency?: number;
  retryPolicy?: RetryPolicy;
  progressIntervalMs?: number;
  now?: () => Date;
}

const oneDayMs = 24 * 3_600_000;

type ApplyRequest = RequestOut<'provision:apply'>;
type RemoveRequest = RequestOut<'provision:remove'>;

/**
 * Adds, updates and removes one user across many nodes of a pool. Operations run in the background with bounded
 * concurrency; callers get an operation id at once and follow `provision:progress` events.
 */
export class ProvisionService {
  private readonly operations = new OperationRegistry();
  private readonly now: () => Date;

  constructor(private readonly deps: ProvisionServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Starts adding (or updating) the user on the chosen nodes. */
  async apply(request: ApplyRequest): Promise<{ operationId: string; total: number }> {
    const expiry = this.expiryOf(request.expiryTime);
    const { account, client } = await this.deps.clients.active();
    const nodeIds = await this.nodesOf(client, account, request.poolId, request.nodes);
    const user: NodeUserSpec = { name: request.userName, isAdmin: request.isAdmin, expiryTime: expiry };
    const auth = request.auth;
    if (auth.kind === 'managedKey') user.sshPublicKey = await this.deps.keys.publicKey(account.id, account.name);
    if (auth.kind === 'publicKey') user.sshPublicKey = auth.publicKey;
    if (auth.kind === 'password') {
      user.password = auth.password ?? generatePassword();
      this.deps.redactor.add(user.password);
      await this.deps.secrets.set(passwordSecretName(account.id, request.poolId, request.userName), user.password);
    }
    const registry = this.deps.registry;
    await registry.upsertUser(account.id, request.poolId, { userName: request.userName, authKind: auth.kind, isAdmin: request.isAdmin, expiryTime: expiry.toISOString() }, this.now());
    const job: NodeJob = (c, nodeId, options) => putNodeUser(c, request.poolId, nodeId, user, options);
    return this.start('apply', account, client, request.poolId, request.userName, nodeIds, job, async (nodeId, status, error) => {
      if (status === 'cancelled') return;
      await registry.setNode(account.id, request.poolId, request.userName, nodeId, error ? { status, error } : { status });
    });
  }

  /** Starts removing the user from the chosen nodes. */
  async remove(request: RemoveRequest): Promise<{ operationId: string; total: number }> {
    const { account, client } = await this.deps.clients.active();
    const nodeIds = await this.nodesOf(client, account, request.poolId, request.nodes);
    const job: NodeJob = (c, nodeId, options) => deleteNodeUser(c, request.poolId, nodeId, request.userName, options);
    const registry = this.deps.registry;
    const result = this.start('remove', account, client, request.poolId, request.userName, nodeIds, job, async (nodeId, status) => {
      // A failed removal leaves the user where it was: keep what the node said before.
      if (status === 'removed' || status === 'notPresent') await registry.setNode(account.id, request.poolId, request.userName, nodeId, undefined);
    });
    void this.operations.get(result.operationId).done.then(async () => {
      if (await registry.dropIfEmpty(account.id, request.poolId, request.userName)) {
        await this.deps.secrets.delete(passwordSecretName(account.id, request.poolId, request.userName));
        await registry.save();
      }
    }).catch((error: unknown) => this.deps.log.error('provision', 'forgetting a removed user failed', error));
    return result;
  }

  /** Cancels an operation of this session. */
  cancel(operationId: string): { cancelled: boolean } {
    return { cancelled: this.operations.cancel(operationId) };
  }

  /** Summaries of this session's operations, newest first. */
  list(poolId?: string): OperationSummary[] {
    return this.operations.summaries(poolId);
  }

  /** One operation with every node. */
  snapshot(operationId: string): ProvisionProgress {
    return this.operations.snapshot(operationId);
  }

  /** Resolves when the operation has ended (tests, benchmarks). */
  whenDone(operationId: string): Promise<OperationSummary> {
    return this.operations.get(operationId).done;
  }

  /** Cancels every running operation and waits for them (app shutdown). */
  dispose(): Promise<void> {
    return this.operations.cancelAll();
  }

  private start(
    kind: OperationSummary['kind'],
    account: ActiveAccount,
    client: BatchServiceClient,
    poolId: string,
    userName: string,
    nodeIds: string[],
    job: NodeJob,
    settled: Parameters<typeof startOperation>[0]['settled'],
  ): { operationId: string; total: number } {
    const operationId = randomUUID();
    const log = this.deps.log;
    const operation = startOperation({
      operationId, kind, poolId, userName, nodeIds, client, job, settled,
      endpoint: account.endpoint,
      events: this.deps.events,
      retried: (nodeId, attemptNo, delayMs, error) => {
        const info = retryInfoOf(error);
        const why = `${info.statusCode ?? 'no answer'} ${serviceCodeOf(error) ?? ''}`.trim();
        const wait = info.retryAfterSeconds !== undefined ? `${delayMs} ms (Retry-After ${info.retryAfterSeconds} s)` : `${Math.round(delayMs)} ms (backoff)`;
        log.info('provision', `${operationId} node ${nodeId}: ${why} on attempt ${attemptNo}, retrying in ${wait}`);
      },
      concurrency: this.deps.concurrency ?? 24,
      retryPolicy: this.deps.retryPolicy,
      progressIntervalMs: this.deps.progressIntervalMs,
      finished: async () => {
        await this.deps.registry.save().catch((error: unknown) => log.error('provision', 'saving provisioned users failed', error));
      },
    });
    this.operations.add(operation);
    log.info('provision', `${kind} user ${userName} on ${nodeIds.length} node(s) of pool ${poolId} (account ${account.name}): started ${operationId}`);
    void operation.done.then((summary) => {
      const counts = Object.entries(summary.counts).filter(([, n]) => n > 0).map(([status, n]) => `${status} ${n}`).join(', ');
      log.info('provision', `${operationId} ${summary.state}: ${counts}`);
    });
    return { operationId, total: operation.tracker.total };
  }

  /** The explicit node ids (deduplicated), or every node of the pool. */
  private async nodesOf(client: BatchServiceClient, account: ActiveAccount, poolId: string, nodes: RemoveRequest['nodes']): Promise<string[]> {
    if (nodes !== 'all') return [...new Set(nodes)];
    let all;
    try {
      all = await listPoolNodes(client, poolId, { policy: this.deps.retryPolicy });
    } catch (error) {
      throw toBatchFailure(error, account.endpoint);
    }
    if (all.length === 0) throw new ContractFailure('CONFLICT', `Pool ${poolId} has no nodes yet. Wait for allocation or resize the pool.`);
    return all.map((node) => node.id);
  }

  /** The requested expiry (must lie ahead) or one day from now, as Batch defaults it. */
  private expiryOf(expiryTime: string | undefined): Date {
    const now = this.now();
    if (expiryTime === undefined) return new Date(now.getTime() + oneDayMs);
    const expiry = new Date(expiryTime);
    if (expiry.getTime() <= now.getTime()) {
      throw new ContractFailure('INVALID_PAYLOAD', `The expiry time ${expiryTime} is not in the future.`, { issues: [{ path: 'expiryTime', message: 'must be in the future' }] });
    }
    return expiry;
  }
}
