import type { Router } from './router';
import type { RequestContext } from './request-context';
import { pageOf, sendPage } from './paging';
import type { Emulator } from './emulator-context';
import { speaks2025 } from './api-version';
import { SUPPORTED_IMAGES, type ImageInformation } from '../state/catalogue';
import type { JsonObject, NodeState, StoredPool } from '../state/model';

/** Node count keys as the wire spells them (NodeCounts), keyed by node state. */
const COUNT_KEYS: Record<NodeState, string> = {
  creating: 'creating',
  idle: 'idle',
  offline: 'offline',
  preempted: 'preempted',
  rebooting: 'rebooting',
  reimaging: 'reimaging',
  running: 'running',
  starting: 'starting',
  starttaskfailed: 'startTaskFailed',
  leavingpool: 'leavingPool',
  unknown: 'unknown',
  unusable: 'unusable',
  waitingforstarttask: 'waitingForStartTask',
  deallocated: 'deallocated',
  deallocating: 'deallocating',
  upgradingos: 'upgradingOS',
};

/** Count keys 2025-06-01 added; older versions do not know them. */
const COUNT_KEYS_2025 = new Set(['deallocated', 'deallocating', 'upgradingOS']);

function emptyCounts(modern: boolean): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of Object.values(COUNT_KEYS)) if (modern || !COUNT_KEYS_2025.has(key)) counts[key] = 0;
  counts.total = 0;
  return counts;
}

/** One pool's node counts in wire shape (PoolNodeCounts): one pass over its nodes. */
export function nodeCounts(em: Emulator, pool: StoredPool, modern = true): JsonObject {
  const dedicated = emptyCounts(modern);
  const lowPriority = emptyCounts(modern);
  for (const node of em.store.nodesOf(pool.id)) {
    const counts = node.isDedicated ? dedicated : lowPriority;
    counts[COUNT_KEYS[node.state]] = (counts[COUNT_KEYS[node.state]] ?? 0) + 1;
    counts.total = (counts.total ?? 0) + 1;
  }
  return { poolId: pool.id, dedicated, lowPriority };
}

function listSupportedImages(ctx: RequestContext): void {
  const keyed = SUPPORTED_IMAGES.map((image, index) => ({ image, key: String(index).padStart(6, '0') }));
  const page = pageOf(ctx, keyed, (k) => k.key, (k) => ({ ...(k.image as ImageInformation) }) as JsonObject, { max: 1000 });
  sendPage(ctx, 'supportedimages', page);
}

function listNodeCounts(em: Emulator, ctx: RequestContext): void {
  const pools = em.store.allPools();
  const page = pageOf(ctx, pools, (p) => p.id, (p) => nodeCounts(em, p, speaks2025(ctx)), { max: 10 });
  sendPage(ctx, 'poolnodecounts', page);
}

/** Registers the account operations. */
export function addAccountRoutes(router: Router, em: Emulator): void {
  router.add('GET', 'supportedimages', (ctx) => listSupportedImages(ctx)).add('GET', 'nodecounts', (ctx) => listNodeCounts(em, ctx));
}
