import type { StoredApplication, StoredJob, StoredNode, StoredPool, StoredState } from './model';

/** Compares ids the way listings order them: by code unit, so paging by "last id seen" is stable. */
function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * All pools and nodes of the account, in memory. Ids are case-preserving and unique case-insensitively, as in
 * the service. Every mutation goes through a method here or ends with `changed()`, which schedules a save.
 */
export class BatchStore {
  private readonly pools = new Map<string, StoredPool>();
  private readonly nodes = new Map<string, Map<string, StoredNode>>();
  private sortedPools: StoredPool[] | undefined;
  private readonly sortedNodes = new Map<string, StoredNode[]>();
  private applications: StoredApplication[] = [];
  private readonly jobs = new Map<string, StoredJob>();
  private sortedJobs: StoredJob[] | undefined;

  constructor(private readonly onChange: () => void = () => {}) {}

  /** Replaces everything with a persisted document. */
  load(state: StoredState): void {
    this.pools.clear();
    this.nodes.clear();
    for (const pool of state.pools) this.pools.set(pool.id.toLowerCase(), pool);
    for (const node of state.nodes) this.nodeMap(node.poolId).set(node.id.toLowerCase(), node);
    this.applications = [...(state.applications ?? [])].sort(byId);
    this.jobs.clear();
    for (const job of state.jobs ?? []) this.jobs.set(job.id.toLowerCase(), job);
    this.invalidate();
  }

  /** The document to persist (shares objects with the live state: serialize it at once). */
  snapshot(): StoredState {
    const nodes: StoredNode[] = [];
    for (const map of this.nodes.values()) nodes.push(...map.values());
    return { version: 1, pools: [...this.pools.values()], nodes, applications: this.applications, jobs: [...this.jobs.values()] };
  }

  /** Records that something changed in place, so the state gets saved. */
  changed(): void {
    this.onChange();
  }

  /** A pool by id, case-insensitively. */
  pool(id: string): StoredPool | undefined {
    return this.pools.get(id.toLowerCase());
  }

  /** All pools, ordered by id. */
  allPools(): readonly StoredPool[] {
    this.sortedPools ??= [...this.pools.values()].sort(byId);
    return this.sortedPools;
  }

  /** Adds a new pool. */
  addPool(pool: StoredPool): void {
    this.pools.set(pool.id.toLowerCase(), pool);
    this.sortedPools = undefined;
    this.onChange();
  }

  /** Forgets a pool and all its nodes. */
  removePool(id: string): void {
    this.pools.delete(id.toLowerCase());
    this.nodes.delete(id.toLowerCase());
    this.sortedNodes.delete(id.toLowerCase());
    this.sortedPools = undefined;
    this.onChange();
  }

  /** A job by id, case-insensitively. */
  job(id: string): StoredJob | undefined {
    return this.jobs.get(id.toLowerCase());
  }

  /** All jobs, ordered by id. */
  allJobs(): readonly StoredJob[] {
    this.sortedJobs ??= [...this.jobs.values()].sort(byId);
    return this.sortedJobs;
  }

  /** Adds a new job. */
  addJob(job: StoredJob): void {
    this.jobs.set(job.id.toLowerCase(), job);
    this.sortedJobs = undefined;
    this.onChange();
  }

  /** Forgets a job. */
  removeJob(id: string): void {
    this.jobs.delete(id.toLowerCase());
    this.sortedJobs = undefined;
    this.onChange();
  }

  /** The account's application packages, ordered by id. */
  allApplications(): readonly StoredApplication[] {
    return this.applications;
  }

  /** Replaces the account's application packages. */
  replaceApplications(applications: readonly StoredApplication[]): void {
    this.applications = [...applications].sort(byId);
    this.onChange();
  }

  /** A node of a pool, case-insensitively. */
  node(poolId: string, nodeId: string): StoredNode | undefined {
    return this.nodes.get(poolId.toLowerCase())?.get(nodeId.toLowerCase());
  }

  /** The nodes of a pool, ordered by id. */
  nodesOf(poolId: string): readonly StoredNode[] {
    const key = poolId.toLowerCase();
    let sorted = this.sortedNodes.get(key);
    if (!sorted) {
      sorted = [...(this.nodes.get(key)?.values() ?? [])].sort(byId);
      this.sortedNodes.set(key, sorted);
    }
    return sorted;
  }

  /** Adds nodes to their pool. */
  addNodes(nodes: readonly StoredNode[]): void {
    for (const node of nodes) {
      this.nodeMap(node.poolId).set(node.id.toLowerCase(), node);
      this.sortedNodes.delete(node.poolId.toLowerCase());
    }
    this.onChange();
  }

  /** Removes one node from its pool. */
  removeNode(poolId: string, nodeId: string): void {
    this.nodes.get(poolId.toLowerCase())?.delete(nodeId.toLowerCase());
    this.sortedNodes.delete(poolId.toLowerCase());
    this.onChange();
  }

  private nodeMap(poolId: string): Map<string, StoredNode> {
    const key = poolId.toLowerCase();
    let map = this.nodes.get(key);
    if (!map) {
      map = new Map();
      this.nodes.set(key, map);
    }
    return map;
  }

  private invalidate(): void {
    this.sortedPools = undefined;
    this.sortedJobs = undefined;
    this.sortedNodes.clear();
  }
}
