import type { NodeDeallocationOption } from '../../contract/features/batch';
import type { PoolDetail, PoolsResult } from '../../contract/features/batch-models';
import { toPoolAddBody, type PoolSpec } from '../../contract/features/batch-pool-spec';
import type { BatchClientSource, BatchContextClients } from './batch-client-source';
import { accountRef, type BatchContext } from './batch-call';
import { toPoolDetail, toPoolSummary } from './pool-mapping';
import { restCall } from './rest-call';
import type { BatchPoolNodeCounts } from './rest/models/account';
import type { BatchPoolCreateOptions } from './rest/models/pools';

/** Pool fields the list needs; `$select` keeps a 1,000-pool account's listing small. */
const poolListSelect = [
  'id', 'displayName', 'state', 'allocationState', 'vmSize', 'currentDedicatedNodes', 'targetDedicatedNodes',
  'currentLowPriorityNodes', 'targetLowPriorityNodes', 'creationTime', 'allocationStateTransitionTime', 'resizeErrors',
  'virtualMachineConfiguration', 'networkConfiguration',
];

/**
 * Pools of the account each call names (never whichever is active now), at api-version 2025-06-01: list with node
 * counts, detail, create, resize, stop resize, delete. The client's pipeline resends throttled requests (Retry-After
 * honoured) and never resends a create after a dropped connection; failures keep what Batch said.
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
      restCall(ctx.account.endpoint, () => ctx.rest.pools.list({ select: poolListSelect, maxResults: 1000 })),
      this.nodeCounts(ctx),
    ]);
    const byPool = new Map(counts.map((c) => [c.poolId.toLowerCase(), c]));
    return {
      account: accountRef(ctx.account),
      fetchedAt,
      pools: pools.map((pool) => toPoolSummary(pool, byPool.get(pool.id.toLowerCase()))),
    };
  }

  /** One pool with its node counts. */
  async get(accountId: string, poolId: string): Promise<PoolDetail> {
    const ctx = await this.source.forAccount(accountId);
    const [pool, counts] = await Promise.all([restCall(ctx.account.endpoint, () => ctx.rest.pools.get(poolId)), this.nodeCounts(ctx, poolId)]);
    return toPoolDetail(pool, counts[0], accountRef(ctx.account));
  }

  /**
   * Node counts of every pool, or of one (`$filter=poolId eq '…'`). Callers still typed for the 10.2.0 context (the
   * nodes service, until it moves) get the same account's 2025-06-01 client from the source.
   */
  async nodeCounts(ctx: BatchContext | BatchContextClients, poolId?: string): Promise<BatchPoolNodeCounts[]> {
    const filter = poolId ? `poolId eq '${poolId}'` : undefined;
    const rest = 'rest' in ctx ? ctx.rest : (await this.source.forAccount(ctx.account.id)).rest;
    return restCall(ctx.account.endpoint, () => rest.account.listPoolNodeCounts({ maxResults: 10, ...(filter ? { filter } : {}) }));
  }

  /** Creates the pool with exactly the body the form previewed. */
  async create(accountId: string, spec: PoolSpec): Promise<{ poolId: string }> {
    const ctx = await this.source.forAccount(accountId);
    const body: BatchPoolCreateOptions = toPoolAddBody(spec);
    await restCall(ctx.account.endpoint, () => ctx.rest.pools.create(body));
    return { poolId: spec.id };
  }

  /**
   * Sets new targets (Spot nodes are `targetLowPriorityNodes` on the wire) and, when shrinking, what happens to the
   * removed nodes' tasks; 409 PoolBeingResized while a resize runs.
   */
  async resize(
    accountId: string,
    poolId: string,
    targetDedicatedNodes: number,
    targetSpotNodes: number,
    nodeDeallocationOption?: NodeDeallocationOption,
  ): Promise<{ poolId: string }> {
    const ctx = await this.source.forAccount(accountId);
    const body = { targetDedicatedNodes, targetLowPriorityNodes: targetSpotNodes, ...(nodeDeallocationOption ? { nodeDeallocationOption } : {}) };
    await restCall(ctx.account.endpoint, () => ctx.rest.pools.resize(poolId, body));
    return { poolId };
  }

  /** Stops a resize; the pool keeps the nodes it has. */
  async stopResize(accountId: string, poolId: string): Promise<{ poolId: string }> {
    const ctx = await this.source.forAccount(accountId);
    await restCall(ctx.account.endpoint, () => ctx.rest.pools.stopResize(poolId));
    return { poolId };
  }

  /** Deletes the pool (it shows `deleting` until the service removes it). */
  async delete(accountId: string, poolId: string): Promise<{ poolId: string }> {
    const ctx = await this.source.forAccount(accountId);
    await restCall(ctx.account.endpoint, () => ctx.rest.pools.delete(poolId));
    return { poolId };
  }
}
