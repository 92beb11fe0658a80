import type { RequestOut } from '../../contract/channels';
import type { OperationKind } from '../../contract/features/operations';
import { ContractFailure } from '../../contract/result';
import type { ActiveAccount, BatchClientSource } from '../batch/batch-client-source';
import type { BatchRestClient } from '../batch/rest/batch-rest-client';
import { toBatchFailure } from '../batch/service-error';
import type { ManagedKeyStore } from '../keys/managed-key-store';
import type { Logger, SecretRedactor } from '../log';
import type { OperationRegistry } from '../operations/operation-registry';
import { AdaptiveLimit } from '../operations/bounded-pool';
import { runItems, type ItemCallbacks } from '../operations/run-items';
import type { SecretStore } from '../store/secret-store';
import { planCredential } from './credential-plan';
import { applyNodeUser, deleteNodeUser, listPoolNodes, type NodeUserSpec } from './node-user-calls';
import { passwordSecretName, passwordVersionsInUse, type NodeUserRecord, type ProvisionedUserRegistry } from './user-registry';

/** What the provisioning service is built from. */
export interface ProvisionServiceDeps {
  clients: BatchClientSource;
  keys: ManagedKeyStore;
  registry: ProvisionedUserRegistry;
  secrets: SecretStore;
  redactor: SecretRedactor;
  operations: OperationRegistry;
  log: Logger;
  /**
   * Most requests in flight across one operation (default 64). The operation starts there and halves whenever Batch
   * throttles (429/503, after the pipeline waited its Retry-After), then creeps back up as calls succeed.
   */
  concurrency?: number;
  now?: () => Date;
}

const oneDayMs = 24 * 3_600_000;
/** Requests in flight at the start of an operation (see ProvisionServiceDeps.concurrency). */
const defaultConcurrency = 64;

type ApplyRequest = RequestOut<'provision:apply'>;
type RemoveRequest = RequestOut<'provision:remove'>;
type NodeWork = (nodeId: string, callbacks: ItemCallbacks) => Promise<string>;
type Settled = (nodeId: string, result: { outcome: string } | { error: { code: string; message: string } }) => Promise<void>;

/**
 * Adds, updates and removes one user across many nodes of a pool, in the account the request names. Operations run
 * in the shared operation registry: callers get an id at once and follow `operations:progress`.
 */
export class ProvisionService {
  private readonly now: () => Date;

  constructor(private readonly deps: ProvisionServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Starts adding (or updating) the user on the chosen nodes (and, for a password change, every node that has it). */
  async apply(request: ApplyRequest): Promise<{ operationId: string; total: number }> {
    const expiry = this.expiryOf(request.expiryTime);
    const { account, rest: client } = await this.deps.clients.forAccount(request.accountId);
    const requested = await this.nodesOf(client, account, request.poolId, request.nodes);
    const { registry } = this.deps;
    const { poolId, userName, isAdmin } = request;
    const existing = await registry.user(account.id, poolId, userName);
    const plan = await planCredential(this.deps, account, request, existing);
    const nodeIds = [...requested, ...plan.alsoNodes];
    const record = await registry.upsertUser(
      account.id,
      poolId,
      { userName, authKind: request.auth.kind, isAdmin, expiryTime: expiry.toISOString(), passwordVersion: plan.passwordVersion, ...(plan.publicKey ? { publicKey: plan.publicKey } : {}) },
      this.now(),
    );
    const user: NodeUserSpec = { name: userName, isAdmin, expiryTime: expiry, ...(plan.password ? { password: plan.password } : {}), ...(plan.sshPublicKey ? { sshPublicKey: plan.sshPublicKey } : {}) };
    const before = new Map(nodeIds.map((id) => [id, record.nodes[id]]));
    const deleted = new Set<string>();
    const work: NodeWork = (nodeId, callbacks) =>
      applyNodeUser(client, poolId, nodeId, user, before.get(nodeId), { ...this.callOptions(callbacks), onDeleted: () => deleted.add(nodeId) });
    const settled: Settled = async (nodeId, result) => {
      const prior = before.get(nodeId);
      const next: NodeUserRecord =
        'outcome' in result
          ? { status: result.outcome as NodeUserRecord['status'], present: true, isAdmin, expiryTime: user.expiryTime.toISOString(), confirmedAt: this.now().toISOString(), ...(request.auth.kind === 'password' ? { passwordVersion: plan.passwordVersion } : {}) }
          : { ...prior, status: 'failed', present: (prior?.present ?? false) && !deleted.has(nodeId), error: result.error };
      await registry.setNode(account.id, poolId, userName, nodeId, next);
    };
    return this.start('provision-apply', account, client, poolId, userName, nodeIds, work, settled, () => this.forgetUnusedPasswords(account.id, poolId, userName));
  }

  /** Starts removing the user from the chosen nodes. */
  async remove(request: RemoveRequest): Promise<{ operationId: string; total: number }> {
    const { account, rest: client } = await this.deps.clients.forAccount(request.accountId);
    const { poolId, userName } = request;
    const nodeIds = await this.nodesOf(client, account, poolId, request.nodes);
    const { registry } = this.deps;
    const work: NodeWork = (nodeId, callbacks) => deleteNodeUser(client, poolId, nodeId, userName, this.callOptions(callbacks));
    const settled: Settled = async (nodeId, result) => {
      // A failed removal leaves the user where it was: keep what the node said before.
      if ('outcome' in result) await registry.setNode(account.id, poolId, userName, nodeId, undefined);
    };
    return this.start('provision-remove', account, client, poolId, userName, nodeIds, work, settled, async () => {
      const record = await registry.user(account.id, poolId, userName);
      if (record && (await registry.dropIfEmpty(account.id, poolId, userName))) {
        for (let version = 0; version <= record.passwordVersion; version++) await this.deps.secrets.delete(passwordSecretName(account.id, poolId, userName, version));
      }
    });
  }

  private start(
    kind: OperationKind,
    account: ActiveAccount,
    client: BatchRestClient,
    poolId: string,
    userName: string,
    nodeIds: string[],
    work: NodeWork,
    settled: Settled,
    cleanUp: () => Promise<void>,
  ): { operationId: string; total: number } {
    const { log, registry } = this.deps;
    return this.deps.operations.start({
      kind,
      accountId: account.id,
      poolId,
      subject: userName,
      itemIds: nodeIds,
      run: (context) =>
        runItems(context, context.tracker.itemIds, (id) => id, work, {
          concurrency: new AdaptiveLimit(this.deps.concurrency ?? defaultConcurrency, Math.min(4, this.deps.concurrency ?? defaultConcurrency)),
          errorOf: (error) => {
            const failure = toBatchFailure(error, account.endpoint);
            const serviceCode = typeof failure.details?.serviceCode === 'string' ? failure.details.serviceCode : undefined;
            return { code: failure.code, message: failure.message, ...(serviceCode ? { serviceCode } : {}) };
          },
          retried: (nodeId, { retry, statusCode, code, delayMs }) => {
            const why = `${statusCode ?? 'no answer'} ${code ?? ''}`.trim();
            const wait = delayMs !== undefined ? `in ${delayMs} ms (Retry-After ${delayMs / 1000} s)` : 'after backoff';
            log.info('provision', `${context.operationId} node ${nodeId}: ${why} on attempt ${retry}, retrying ${wait}`);
          },
          settled,
        }),
      finished: async () => {
        await cleanUp();
        await registry.save();
      },
    });
  }

  private callOptions(callbacks: ItemCallbacks) {
    return { signal: callbacks.signal, onAttempt: callbacks.onAttempt, onRetry: callbacks.onRetry };
  }

  /** Deletes stored passwords that neither the record nor any node uses any more (after a rotation reached them all). */
  private async forgetUnusedPasswords(accountId: string, poolId: string, userName: string): Promise<void> {
    const record = await this.deps.registry.user(accountId, poolId, userName);
    if (record?.authKind !== 'password') return;
    const keep = passwordVersionsInUse(record);
    for (let version = 0; version < record.passwordVersion; version++) {
      if (!keep.has(version)) await this.deps.secrets.delete(passwordSecretName(accountId, poolId, userName, version));
    }
  }

  /** The explicit node ids (deduplicated), or every node of the pool. */
  private async nodesOf(client: BatchRestClient, account: ActiveAccount, poolId: string, nodes: RemoveRequest['nodes']): Promise<string[]> {
    if (nodes !== 'all') return [...new Set(nodes)];
    let all;
    try {
      all = await listPoolNodes(client, poolId);
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
