import type { BatchClientSource } from '../accounts/batch-client-source';
import type { EventEmitter } from '../events';
import type { PartialHandlers } from '../router';
import { ImagesService } from './images-service';
import { NodeActionsService, type NodeActionOptions } from './node-actions-service';
import { NodeFilesService } from './node-files-service';
import { NodesService, type NodeRefreshPolicy } from './nodes-service';
import { PoolsService } from './pools-service';

/** The batch feature's services, built from what the composition root already has. */
export interface BatchServices {
  images: ImagesService;
  pools: PoolsService;
  nodes: NodesService;
  nodeActions: NodeActionsService;
  nodeFiles: NodeFilesService;
}

/** Channels the batch feature answers. */
export type BatchChannel =
  | 'images:list'
  | 'pools:list'
  | 'pools:get'
  | 'pools:create'
  | 'pools:resize'
  | 'pools:stop-resize'
  | 'pools:delete'
  | 'nodes:list'
  | 'nodes:action'
  | 'nodes:action-cancel'
  | 'nodes:file-read';

/** Pacing knobs; tests against a fast emulator shorten them. */
export interface BatchServiceOptions {
  nodeRefresh?: NodeRefreshPolicy;
  nodeActions?: NodeActionOptions;
}

/** Builds the images, pools and nodes services against the active account (`source`). */
export function createBatchServices(source: BatchClientSource, events: EventEmitter, options: BatchServiceOptions = {}): BatchServices {
  const pools = new PoolsService(source);
  const nodes = new NodesService(source, pools, events, options.nodeRefresh);
  return {
    images: new ImagesService(source),
    pools,
    nodes,
    nodeActions: new NodeActionsService(source, nodes, events, options.nodeActions),
    nodeFiles: new NodeFilesService(source),
  };
}

/** Contract handlers for images, pools and nodes. */
export function batchHandlers(services: BatchServices): PartialHandlers<BatchChannel> {
  const { images, pools, nodes, nodeActions, nodeFiles } = services;
  return {
    'images:list': ({ refresh }) => images.list(refresh),
    'pools:list': () => pools.list(),
    'pools:get': ({ poolId }) => pools.get(poolId),
    'pools:create': ({ spec }) => pools.create(spec),
    'pools:resize': ({ poolId, targetDedicatedNodes, targetSpotNodes }) => pools.resize(poolId, targetDedicatedNodes, targetSpotNodes),
    'pools:stop-resize': ({ poolId }) => pools.stopResize(poolId),
    'pools:delete': ({ poolId }) => pools.delete(poolId),
    'nodes:list': ({ poolId, knownVersion, force }) => nodes.list(poolId, knownVersion, force),
    'nodes:action': (request) => nodeActions.run(request),
    'nodes:action-cancel': ({ operationId }) => ({ cancelled: nodeActions.cancel(operationId) }),
    'nodes:file-read': (request) => nodeFiles.read(request),
  };
}
