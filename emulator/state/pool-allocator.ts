import type { ResizeErrorRecord, StoredNode, StoredPool } from './model';
import { isoNow, newETag, newNodeId, privateIpFor } from './ids';
import { EAGER_SSH_LIMIT, type LifecycleDeps, type NodeLifecycle } from './node-lifecycle';
import { sshNatPoolOf } from './pool-spec';

const TRANSIENT = new Set(['creating', 'starting', 'rebooting', 'reimaging', 'waitingforstarttask', 'upgradingos']);

/** Records a change of a pool's own properties (new ETag and Last-Modified). */
export function touchPool(pool: StoredPool): void {
  const now = new Date();
  pool.eTag = newETag(now);
  pool.lastModified = isoNow(now);
}

/**
 * Pool-level allocation: resize towards the targets, stop a resize, remove nodes, delete the pool. The pool is
 * `resizing` until every node it asked for has been allocated and every node it gave up has left.
 */
export class PoolAllocator {
  /** Per pool: the current resize operation; a newer one (or stop/delete) makes older completions no-ops. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly deps: LifecycleDeps,
    private readonly nodes: NodeLifecycle,
  ) {}

  private setAllocation(pool: StoredPool, state: StoredPool['allocationState']): void {
    pool.allocationState = state;
    pool.allocationStateTransitionTime = isoNow();
    this.deps.store.changed();
  }

  private nextGeneration(pool: StoredPool): number {
    const key = pool.id.toLowerCase();
    const gen = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, gen);
    return gen;
  }

  private current(pool: StoredPool, gen: number): boolean {
    return this.generations.get(pool.id.toLowerCase()) === gen && this.deps.store.pool(pool.id) === pool;
  }

  /** Grows or shrinks the pool to its targets. */
  resize(pool: StoredPool): void {
    const gen = this.nextGeneration(pool);
    this.setAllocation(pool, 'resizing');
    const staying = this.deps.store.nodesOf(pool.id).filter((n) => n.state !== 'leavingpool');
    const added: StoredNode[] = [];
    const leaving: StoredNode[] = [];
    for (const isDedicated of [true, false]) {
      const mine = staying.filter((n) => n.isDedicated === isDedicated);
      const target = isDedicated ? pool.targetDedicatedNodes : pool.targetLowPriorityNodes;
      if (target > mine.length) added.push(...this.newNodes(pool, isDedicated, target - mine.length, staying.concat(added)));
      // Shrinking gives up the most recently allocated nodes first.
      else leaving.push(...mine.sort((a, b) => b.allocationTime.localeCompare(a.allocationTime)).slice(0, mine.length - target));
    }
    this.deps.store.addNodes(added);
    let pending = 1 + leaving.length;
    const done = () => {
      if (--pending === 0 && this.current(pool, gen)) this.setAllocation(pool, 'steady');
    };
    for (const node of leaving) this.nodes.remove(node, done);
    this.nodes.provision(added, done);
  }

  private newNodes(pool: StoredPool, isDedicated: boolean, count: number, existing: readonly StoredNode[]): StoredNode[] {
    const used = new Set(existing.map((n) => n.portSlot));
    const now = isoNow();
    const result: StoredNode[] = [];
    let slot = 0;
    for (let i = 0; i < count; i++) {
      while (used.has(slot)) slot++;
      used.add(slot);
      result.push({
        id: newNodeId(isDedicated),
        poolId: pool.id,
        isDedicated,
        state: 'creating',
        schedulingState: 'enabled',
        stateTransitionTime: now,
        allocationTime: now,
        ipAddress: privateIpFor(pool.nodeSerial++),
        portSlot: slot,
        users: [],
      });
    }
    return result;
  }

  /** Stops a resize: nodes not yet allocated are given up and the pool records why it is short. */
  stopResize(pool: StoredPool): void {
    const gen = this.nextGeneration(pool);
    this.setAllocation(pool, 'stopping');
    for (const node of this.deps.store.nodesOf(pool.id)) if (node.state === 'creating') this.nodes.forget(node);
    this.deps.timers.after('stopResize', () => {
      if (!this.current(pool, gen)) return;
      const errors: ResizeErrorRecord[] = [];
      const nodes = this.deps.store.nodesOf(pool.id);
      const dedicated = nodes.filter((n) => n.isDedicated).length;
      const spot = nodes.length - dedicated;
      if (dedicated < pool.targetDedicatedNodes || spot < pool.targetLowPriorityNodes) {
        errors.push({ code: 'ResizeStopped', message: 'Desired number of nodes could not be allocated due to a stop resize operation' });
      }
      pool.resizeErrors = errors.length > 0 ? errors : undefined;
      this.setAllocation(pool, 'steady');
    });
  }

  /** Removes specific nodes and lowers the targets to match, as the service does. */
  removeNodes(pool: StoredPool, nodes: readonly StoredNode[]): void {
    const gen = this.nextGeneration(pool);
    this.setAllocation(pool, 'resizing');
    pool.targetDedicatedNodes = Math.max(0, pool.targetDedicatedNodes - nodes.filter((n) => n.isDedicated).length);
    pool.targetLowPriorityNodes = Math.max(0, pool.targetLowPriorityNodes - nodes.filter((n) => !n.isDedicated).length);
    let pending = nodes.length;
    for (const node of nodes) {
      this.nodes.remove(node, () => {
        if (--pending === 0 && this.current(pool, gen)) this.setAllocation(pool, 'steady');
      });
    }
  }

  /** Marks the pool deleting; after a while its nodes and the pool are gone. */
  deletePool(pool: StoredPool): void {
    const gen = this.nextGeneration(pool);
    pool.state = 'deleting';
    pool.stateTransitionTime = isoNow();
    this.deps.store.changed();
    const nodes = [...this.deps.store.nodesOf(pool.id)];
    for (const node of nodes) this.nodes.begin(node);
    this.deps.timers.after('deletePool', () => {
      if (!this.current(pool, gen)) return;
      for (const node of nodes) this.nodes.forget(node);
      this.deps.store.removePool(pool.id);
      this.generations.delete(pool.id.toLowerCase());
    });
  }

  /** After a restart: finishes what was in flight when the emulator stopped. */
  resume(): void {
    for (const pool of this.deps.store.allPools()) {
      if (pool.state === 'deleting') {
        this.deletePool(pool);
        continue;
      }
      const nodes = this.deps.store.nodesOf(pool.id);
      const eagerSsh = sshNatPoolOf(pool) !== undefined && nodes.length <= EAGER_SSH_LIMIT;
      for (const node of [...nodes]) {
        if (node.state === 'leavingpool') this.nodes.remove(node, () => {});
        else if (node.state === 'deallocating') this.nodes.setState(node, 'deallocated');
        else if (node.state === 'deallocated') continue;
        else if (TRANSIENT.has(node.state) || node.startTaskInfo?.state === 'running') this.nodes.bootFrom(node, this.nodes.begin(node));
        else if (eagerSsh && (node.state === 'idle' || node.state === 'running' || node.state === 'starttaskfailed')) {
          this.nodes.ensureSsh(node).catch((e: Error) => this.deps.log(`SSH for node ${node.id} failed to open: ${e.message}`));
        }
      }
      if (pool.allocationState !== 'steady') {
        const gen = this.nextGeneration(pool);
        this.deps.timers.after('allocate', () => {
          if (this.current(pool, gen)) this.setAllocation(pool, 'steady');
        });
      }
    }
  }
}
