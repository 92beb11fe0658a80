import type { StoredApplication, StoredJob, StoredNode, StoredPool, StoredState, StoredTask } from './model';
import { byId, IdGroups } from './id-groups';
import { TaskTable } from './task-table';

/**
 * All pools, nodes, jobs and tasks of the account, in memory. Ids are case-preserving and unique case-insensitively, as in
 * the service. Every mutation goes through a method here or ends with `changed()`, which schedules a save.
 */
export class BatchStore {
  private readonly pools = new Map<string, StoredPool>();
  private readonly nodes = new IdGroups<StoredNode>();
  private sortedPools: StoredPool[] | undefined;
  private applications: StoredApplication[] = [];
  private readonly jobs = new Map<string, StoredJob>();
  private sortedJobs: StoredJob[] | undefined;
  private readonly tasks = new Map<string, TaskTable>();

  constructor(private readonly onChange: () => void = () => {}) {}

  /** Replaces everything with a persisted document. */
  load(state: StoredState): void {
    this.pools.clear();
    this.nodes.clear();
    for (const pool of state.pools) this.pools.set(pool.id.toLowerCase(), pool);
    for (const node of state.nodes) this.nodes.add(node.poolId, node);
    this.applications = [...(state.applications ?? [])].sort(byId);
    this.jobs.clear();
    for (const job of state.jobs ?? []) this.jobs.set(job.id.toLowerCase(), job);
    this.tasks.clear();
    for (const task of state.tasks ?? []) this.tableOf(task.jobId).add(task);
    this.invalidate();
  }

  /**
   * The persisted document as JSON, written piecewise: each job's tasks come from its table's cached JSON, so a
   * job with 100,000 unchanged tasks costs nothing on the next save.
   */
  serialize(): string {
    const { tasks: _tasks, ...rest } = this.snapshotWithoutTasks();
    const tables = [...this.tasks.values()].map((table) => table.serialized()).filter((json) => json !== '');
    return `${JSON.stringify(rest).slice(0, -1)},"tasks":[${tables.join(',')}]}`;
  }

  private snapshotWithoutTasks(): StoredState {
    return { version: 1, pools: [...this.pools.values()], nodes: this.nodes.all(), applications: this.applications, jobs: [...this.jobs.values()] };
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
    this.nodes.dropGroup(id);
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

  /** Forgets a job and its tasks. */
  removeJob(id: string): void {
    this.jobs.delete(id.toLowerCase());
    this.tasks.delete(id.toLowerCase());
    this.sortedJobs = undefined;
    this.onChange();
  }

  /** A task of a job, case-insensitively. */
  task(jobId: string, taskId: string): StoredTask | undefined {
    return this.tasks.get(jobId.toLowerCase())?.get(taskId);
  }

  /** The tasks of a job in insertion order, with their counters (an empty table for a job without tasks). */
  tableOf(jobId: string): TaskTable {
    const key = jobId.toLowerCase();
    let table = this.tasks.get(key);
    if (!table) this.tasks.set(key, (table = new TaskTable()));
    return table;
  }

  /** Adds tasks to their jobs. */
  addTasks(tasks: readonly StoredTask[]): void {
    for (const task of tasks) this.tableOf(task.jobId).add(task);
    this.onChange();
  }

  /** Forgets one task. */
  removeTask(jobId: string, taskId: string): void {
    this.tasks.get(jobId.toLowerCase())?.remove(taskId);
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
    return this.nodes.get(poolId, nodeId);
  }

  /** The nodes of a pool, ordered by id. */
  nodesOf(poolId: string): readonly StoredNode[] {
    return this.nodes.list(poolId);
  }

  /** Adds nodes to their pool. */
  addNodes(nodes: readonly StoredNode[]): void {
    for (const node of nodes) this.nodes.add(node.poolId, node);
    this.onChange();
  }

  /** Removes one node from its pool. */
  removeNode(poolId: string, nodeId: string): void {
    this.nodes.remove(poolId, nodeId);
    this.onChange();
  }

  private invalidate(): void {
    this.sortedPools = undefined;
    this.sortedJobs = undefined;
  }
}
