import type { BatchServiceModels } from '@azure/batch';
import type { PoolDetail, PoolsResult } from '../../contract/features/batch-models';
import { toPoolAddBody, type PoolSpec } from '../../contract/features/batch-pool-spec';
import { ContractFailure } from '../../contract/result';
import type { BatchClientSource } from '../accounts/batch-client-source';
import { accountRef, batchCall, listAllPages, type BatchContext } from './batch-call';
import { isRetryable, type RetryableError } from './retry';
import { toPoolDetail, toPoolSummary } from './pool-mapping';

/**
 * An api-version whose service accepts backendPort 22 in an inbound NAT pool. The 10.2.0 SDK's own version
 * (2022-10-01.16.0) documents 22 as reserved, from before the service stopped mapping it (NOTES.md).
 */
export const sshNatApiVersion = '2024-07-01.20.0';

/** Pool fields the list needs; `$select` keeps a 1,000-pool account's listing small. */
const poolListSelect = [
  'id', 'displayName', 'state', 'allocationState', 'vmSize', 'currentDedicatedNodes', 'targetDedicatedNodes',
  'currentLowPriorityNodes', 'targetLowPriorityNodes', 'creationTime', 'allocationStateTransitionTime', 'resizeErrors',
  'virtualMachineConfiguration', 'networkConfiguration',
].join(',');

/** A create is resent only when the service said it did not take it (429/503), never after a dropped connection. */
const onlyWhenRefused = (info: RetryableError) => info.statusCode !== undefined && isRetryable(info) && info.statusCode !== 500;

/**
 * Pools of the account each call names (never whichever is active now): list with node counts, detail, create,
 * resize, stop resize, delete.
 */
export class PoolsService {
  constructor(
    private readonly source: BatchClientSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every pool with node counts by state from `/nodecounts` (one request per 10 pools, not one per node). */
  async list(accountId: string): Promise<PoolsResult> {
    const ctx = await this.source.forAccount(accountId);
    const fetchedAt = this.now().toISOString();
    const [pools, counts] = await Promise.all([
      listAllPages(
        ctx,
        () => ctx.client.pool.list({ poolListOptions: { select: poolListSelect, maxResults: 1000 } }),
        (link) => ctx.client.pool.listNext(link),
      ),
      this.nodeCounts(ctx),
    ]);
    const byPool = new Map(counts.map((c) => [c.poolId.toLowerCase(), c]));
    return {
      account: accountRef(ctx.account),
      fetchedAt,
      pools: pools.map((pool) => toPoolSummary(pool, byPool.get((pool.id ?? '').toLowerCase()))),
    };
  }

  /** One pool with its node counts. */
  async get(accountId: string, poolId: string): Promise<PoolDetail> {
    const ctx = await this.source.forAccount(accountId);
    const [pool, counts] = await Promise.all([
      batchCall(ctx, () => ctx.client.pool.get(poolId)),
      this.nodeCounts(ctx, poolId),
    ]);
    return toPoolDetail(pool, counts[0], accountRef(ctx.account));
  }

  /** Node counts of every pool, or of one (`$filter=poolId eq '…'`). */
  async nodeCounts(ctx: BatchContext, poolId?: string): Promise<BatchServiceModels.PoolNodeCounts[]> {
    const filter = poolId ? `poolId eq '${poolId}'` : undefined;
    return listAllPages(
      ctx,
      () => ctx.client.account.listPoolNodeCounts({ accountListPoolNodeCountsOptions: { maxResults: 10, ...(filter ? { filter } : {}) } }),
      (link) => ctx.client.account.listPoolNodeCountsNext(link),
    );
  }

  /**
   * Creates the pool. When the service refuses backendPort 22 at the SDK's old api-version, sends the same body once
   * more at {@link sshNatApiVersion}, which accepts it.
   */
  async create(accountId: string, spec: PoolSpec): Promise<{ poolId: string }> {
    const ctx = await this.source.forAccount(accountId);
    const body = toPoolAddBody(spec) satisfies BatchServiceModels.PoolAddParameter;
    try {
      await batchCall(ctx, () => ctx.client.pool.add(body), { retryIf: onlyWhenRefused });
    } catch (error) {
      if (!refusedSshBackendPort(error)) throw error;
      await batchCall(ctx, () => withApiVersion(ctx, sshNatApiVersion, () => ctx.client.pool.add(body)), { retryIf: onlyWhenRefused });
    }
    return { poolId: spec.id };
  }

  /** Sets new targets; 409 PoolBeingResized while a resize runs. */
  async resize(accountId: string, poolId: string, targetDedicatedNodes: number, targetSpotNodes: number): Promise<{ poolId: string }> {
    const ctx = await this.source.forAccount(accountId);
    await batchCall(ctx, () => ctx.client.pool.resize(poolId, { targetDedicatedNodes, targetLowPriorityNodes: targetSpotNodes }));
    return { poolId };
  }

  /** Stops a resize; the pool keeps the nodes it has. */
  async stopResize(accountId: string, poolId: string): Promise<{ poolId: string }> {
    const ctx = await this.source.forAccount(accountId);
    await batchCall(ctx, () => ctx.client.pool.stopResize(poolId));
    return { poolId };
  }

  /** Deletes the pool (it shows `deleting` until the service removes it). */
  async delete(accountId: string, poolId: string): Promise<{ poolId: string }> {
    const ctx = await this.source.forAccount(accountId);
    await batchCall(ctx, () => ctx.client.pool.deleteMethod(poolId));
    return { poolId };
  }
}

/** True when the service refused the NAT pool's backendPort (22 is "reserved" at old api-versions). */
function refusedSshBackendPort(error: unknown): boolean {
  if (!(error instanceof ContractFailure) || error.details?.serviceCode !== 'InvalidPropertyValue') return false;
  const values = (error.details.values ?? []) as { key: string; value: string }[];
  return values.some((v) => v.key === 'PropertyName' && v.value === 'backendPort');
}

/**
 * Sends one request at another api-version. The generated client reads `apiVersion` while it builds the request URL,
 * synchronously inside the call, so restoring it right after the call starts affects no other request.
 */
function withApiVersion<T>(ctx: BatchContext, apiVersion: string, send: () => Promise<T>): Promise<T> {
  const previous = ctx.client.apiVersion;
  ctx.client.apiVersion = apiVersion;
  try {
    return send();
  } finally {
    ctx.client.apiVersion = previous;
  }
}
