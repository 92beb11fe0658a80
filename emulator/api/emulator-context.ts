import type { NodeRuntimeApi } from '../node-runtime/types';
import type { BatchStore } from '../state/store';
import type { NodeLifecycle } from '../state/node-lifecycle';
import type { PoolAllocator } from '../state/pool-allocator';
import type { JobLifecycle } from '../state/job-lifecycle';
import type { TaskScheduler } from '../state/task-scheduler';
import type { StoredNode, StoredPool } from '../state/model';
import { fail } from './batch-error';

/** What route handlers operate on. */
export interface Emulator {
  accountName: string;
  store: BatchStore;
  nodes: NodeLifecycle;
  allocator: PoolAllocator;
  jobs: JobLifecycle;
  tasks: TaskScheduler;
  runtime: NodeRuntimeApi;
}

/** A pool by id, or the service's PoolNotFound. */
export function poolOr404(em: Emulator, poolId: string): StoredPool {
  const pool = em.store.pool(poolId);
  if (!pool) throw fail.poolNotFound();
  return pool;
}

/** A pool that is not being deleted (write operations), or PoolNotFound / PoolBeingDeleted. */
export function activePool(em: Emulator, poolId: string): StoredPool {
  const pool = poolOr404(em, poolId);
  if (pool.state === 'deleting') throw fail.poolBeingDeleted();
  return pool;
}

/** A node of a pool, or PoolNotFound / NodeNotFound. */
export function nodeOr404(em: Emulator, poolId: string, nodeId: string): { pool: StoredPool; node: StoredNode } {
  const pool = poolOr404(em, poolId);
  const node = em.store.node(poolId, nodeId);
  if (!node) throw fail.nodeNotFound();
  return { pool, node };
}

/** Current node counts of a pool (nodes still leaving count until they are gone). */
export function currentCounts(em: Emulator, pool: StoredPool): { dedicated: number; spot: number } {
  let dedicated = 0;
  let spot = 0;
  for (const node of em.store.nodesOf(pool.id)) {
    if (node.isDedicated) dedicated++;
    else spot++;
  }
  return { dedicated, spot };
}

/** RFC 1123 form of a stored ISO time, for Last-Modified headers. */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}
