import type { NodeRow, NodesResult } from '../../contract/features/batch-models';
import type { BatchClientSource, BatchContextClients } from './batch-client-source';
import type { EventEmitter } from '../events';
import { nodeListSelect, sameRows, toNodeRow } from './node-rows';
import type { PoolsService } from './pools-service';
import { restCall } from './rest-call';

/** When to list every node again instead of trusting the node counts. */
export interface NodeRefreshPolicy {
  /** Pools up to this size are listed on every refresh (one page costs the same as the counts). */
  smallPoolNodes: number;
  /** Bigger pools are listed again at least this often even when the counts did not move. */
  fullListEveryMs: number;
  /**
   * While a big pool's counts keep moving (10,000 nodes allocating for half an hour), list it again at most this
   * often per node held (10,000 nodes → every 10 s); the counts stay live in between.
   */
  relistMsPerNode: number;
  /** …and never more often than this. */
  minRelistMs: number;
  /** How many pools' node lists stay cached. */
  cachedPools: number;
}

/** Defaults: one page (1,000 nodes) is cheap; a 10,000-node pool is listed when counts change (at most every 10 s) or once a minute. */
export const defaultNodeRefreshPolicy: NodeRefreshPolicy = {
  smallPoolNodes: 1000,
  fullListEveryMs: 60_000,
  relistMsPerNode: 1,
  minRelistMs: 5000,
  cachedPools: 8,
};

interface CachedNodes {
  accountId: string;
  poolKey: string;
  version: number;
  rows: NodeRow[];
  listedAt: number;
  countsSignature: string;
}

/**
 * A pool's nodes as compact rows, refreshed without re-listing every node every few seconds (Batch Explorer's
 * mistake): for big pools it polls `/nodecounts` (one request) and lists all pages only when the counts by state
 * change, when asked (`force`, or after a node action), or at a slow interval.
 */
export class NodesService {
  private readonly cache = new Map<string, CachedNodes>();
  private readonly inflight = new Map<string, Promise<CachedNodes>>();
  private nextVersion = 1;

  constructor(
    private readonly source: BatchClientSource,
    private readonly pools: PoolsService,
    private readonly events: EventEmitter,
    private readonly policy: NodeRefreshPolicy = defaultNodeRefreshPolicy,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The pool's rows, or `unchanged` when the caller's `knownVersion` is still current. */
  async list(accountId: string, poolId: string, knownVersion?: number, force = false): Promise<NodesResult> {
    const ctx = await this.source.forAccount(accountId);
    const key = cacheKey(ctx, poolId);
    const entry = await this.current(ctx, key, poolId, force);
    const checkedAt = new Date(this.clock()).toISOString();
    if (knownVersion === entry.version) return { unchanged: true, version: entry.version, checkedAt };
    return { unchanged: false, version: entry.version, checkedAt, listedAt: new Date(entry.listedAt).toISOString(), rows: entry.rows };
  }

  /** Rows of the pool as fresh as the policy allows (for bulk actions that target a state). */
  async rows(accountId: string, poolId: string, force = true): Promise<NodeRow[]> {
    const ctx = await this.source.forAccount(accountId);
    return (await this.current(ctx, cacheKey(ctx, poolId), poolId, force)).rows;
  }

  /** Forgets a pool's rows so the next call lists again (after an action changed its nodes). */
  invalidate(accountId: string, poolId: string): void {
    for (const entry of this.cache.values()) if (entry.accountId === accountId && entry.poolKey === poolId.toLowerCase()) entry.listedAt = 0;
  }

  private async current(ctx: BatchContextClients, key: string, poolId: string, force: boolean): Promise<CachedNodes> {
    const running = this.inflight.get(key);
    if (running) return running;
    const task = this.refresh(ctx, key, poolId, force);
    this.inflight.set(key, task);
    try {
      return await task;
    } finally {
      this.inflight.delete(key);
    }
  }

  private async refresh(ctx: BatchContextClients, key: string, poolId: string, force: boolean): Promise<CachedNodes> {
    const entry = this.cache.get(key);
    // A pool opened for the first time is listed anyway: its counts travel beside the first page, not before it.
    if (!entry) {
      const [signature, rows] = await Promise.all([this.countsSignature(ctx, poolId), this.listRows(ctx, poolId)]);
      return this.store(ctx, key, poolId, undefined, rows, signature);
    }
    // Small pools are listed every time, so their counts are not worth a request.
    const small = entry.rows.length <= this.policy.smallPoolNodes;
    const signature = small ? '' : await this.countsSignature(ctx, poolId);
    const sinceListed = this.clock() - entry.listedAt;
    const relistGap = Math.max(this.policy.minRelistMs, entry.rows.length * this.policy.relistMsPerNode);
    const stale =
      force ||
      small ||
      sinceListed >= this.policy.fullListEveryMs ||
      (signature !== entry.countsSignature && sinceListed >= relistGap);
    if (!stale) return entry;
    return this.store(ctx, key, poolId, entry, await this.listRows(ctx, poolId), signature);
  }

  /** Every node of the pool as rows, page by page (progress events tell the renderer how far it got). */
  private async listRows(ctx: BatchContextClients, poolId: string): Promise<NodeRow[]> {
    const onPage = (loaded: number) => this.events.emit('nodes:list-progress', { accountId: ctx.account.id, poolId, loaded });
    const listed = await restCall(ctx.account.endpoint, () => ctx.rest.nodes.list(poolId, { select: nodeListSelect, maxResults: 1000, onPage }));
    return listed.map(toNodeRow);
  }

  /** Caches freshly listed rows under a new version unless they say what the cached ones said. */
  private store(ctx: BatchContextClients, key: string, poolId: string, entry: CachedNodes | undefined, rows: NodeRow[], signature: string): CachedNodes {
    const version = entry && sameRows(entry.rows, rows) ? entry.version : this.nextVersion++;
    const next: CachedNodes = { accountId: ctx.account.id, poolKey: poolId.toLowerCase(), version, rows, listedAt: this.clock(), countsSignature: signature };
    this.cache.delete(key);
    this.cache.set(key, next);
    while (this.cache.size > this.policy.cachedPools) this.cache.delete(this.cache.keys().next().value as string);
    return next;
  }

  /** The pool's node counts by state as one comparable string (one `/nodecounts` request). */
  private async countsSignature(ctx: BatchContextClients, poolId: string): Promise<string> {
    const [counts] = await this.pools.nodeCounts(ctx, poolId);
    return JSON.stringify([counts?.dedicated ?? null, counts?.lowPriority ?? null]);
  }
}

/** Rows are cached per account (and endpoint, should an account's URL change) and pool. */
function cacheKey(ctx: BatchContextClients, poolId: string): string {
  return JSON.stringify([ctx.account.id, ctx.account.endpoint, poolId.toLowerCase()]);
}
