import { batchPath, listQuery, type BatchRequester, type CallOptions, type ListOptions } from '../batch-requester';
import type { BatchListPage } from '../models/common';
import type { BatchNodeRemoveOptions, BatchPool, BatchPoolCreateOptions, BatchPoolResizeOptions } from '../models/pools';

/** Options of a single GET: `$select` to fetch only some properties. */
export interface GetOptions extends CallOptions {
  select?: string[];
}

/** Pools: list (all or the first page), get, exists, create, resize, stop resizing, remove nodes, delete. */
export function poolOperations(requester: BatchRequester) {
  return {
    /** GET /pools, every page. */
    list: (options: ListOptions = {}) => requester.listAll<BatchPool>('/pools', options),
    /** GET /pools, the first page only, and whether the service has more (an account check needs no more). */
    firstPage: async (options: ListOptions = {}) => {
      const page = (await requester.send<BatchListPage<BatchPool>>({ method: 'GET', path: '/pools', query: listQuery(options), expect: [200] }, options)).body;
      return { pools: page.value ?? [], more: Boolean(page['odata.nextLink']) };
    },
    /** GET /pools/{poolId}; 404 PoolNotFound when it does not exist. */
    get: async (poolId: string, options: GetOptions = {}) =>
      (await requester.send<BatchPool>({ method: 'GET', path: batchPath`/pools/${poolId}`, query: selectQuery(options), expect: [200] }, options)).body,
    /** HEAD /pools/{poolId}: true when the pool exists. */
    exists: async (poolId: string, options: CallOptions = {}) =>
      (await requester.send({ method: 'HEAD', path: batchPath`/pools/${poolId}`, expect: [200, 404] }, options)).status === 200,
    /** POST /pools (201). Never resent after a dropped connection: the pool may already exist. */
    create: async (pool: BatchPoolCreateOptions, options: CallOptions = {}) => {
      await requester.send({ method: 'POST', path: '/pools', body: pool, expect: [201], resendAfterDrop: false }, options);
    },
    /** POST /pools/{poolId}/resize (202); 409 PoolBeingResized while a resize runs. */
    resize: async (poolId: string, resize: BatchPoolResizeOptions, options: CallOptions = {}) => {
      await requester.send({ method: 'POST', path: batchPath`/pools/${poolId}/resize`, body: resize, expect: [202] }, options);
    },
    /** POST /pools/{poolId}/stopresize (202). */
    stopResize: async (poolId: string, options: CallOptions = {}) => {
      await requester.send({ method: 'POST', path: batchPath`/pools/${poolId}/stopresize`, expect: [202] }, options);
    },
    /** POST /pools/{poolId}/removenodes (202): at most 100 nodes per call. */
    removeNodes: async (poolId: string, remove: BatchNodeRemoveOptions, options: CallOptions = {}) => {
      await requester.send({ method: 'POST', path: batchPath`/pools/${poolId}/removenodes`, body: remove, expect: [202] }, options);
    },
    /** DELETE /pools/{poolId} (202): the pool turns `deleting`, then disappears. */
    delete: async (poolId: string, options: CallOptions = {}) => {
      await requester.send({ method: 'DELETE', path: batchPath`/pools/${poolId}`, expect: [202] }, options);
    },
  };
}

/** `$select` for a single GET. */
export function selectQuery(options: { select?: string[] }): Record<string, string> {
  return options.select?.length ? { $select: options.select.join(',') } : {};
}
