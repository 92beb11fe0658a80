import type { batchChannels, NodeRunningTask } from '../../contract/features/batch';
import type { BatchClientSource } from './batch-client-source';
import type { EventEmitter } from '../events';
import type { PartialHandlers } from '../router';
import { ImagesService } from './images-service';
import { NodeFilesService } from './node-files-service';
import { runningTasksOn } from './node-tasks';
import { NodesService, type NodeRefreshPolicy } from './nodes-service';
import { PoolsService } from './pools-service';

/** The batch feature's services, built from what the composition root already has. */
export interface BatchServices {
  images: ImagesService;
  pools: PoolsService;
  nodes: NodesService;
  nodeFiles: NodeFilesService;
  /** The tasks running on one node now. */
  runningTasks: (accountId: string, poolId: string, nodeId: string) => Promise<NodeRunningTask[]>;
}

/** Channels the batch feature answers: every channel of its contract map. */
export type BatchChannel = keyof typeof batchChannels;

/** Pacing knobs; tests against a fast emulator shorten them. */
export interface BatchServiceOptions {
  nodeRefresh?: NodeRefreshPolicy;
}

/** Builds the images, pools and nodes services; each call runs against the account it names, through `source`. */
export function createBatchServices(source: BatchClientSource, events: EventEmitter, options: BatchServiceOptions = {}): BatchServices {
  const pools = new PoolsService(source);
  const nodes = new NodesService(source, pools, events, options.nodeRefresh);
  return {
    images: new ImagesService(source),
    pools,
    nodes,
    nodeFiles: new NodeFilesService(source),
    runningTasks: (accountId, poolId, nodeId) => runningTasksOn(source, accountId, poolId, nodeId),
  };
}

/** Contract handlers for images, pools and nodes. */
export function batchHandlers(services: BatchServices): PartialHandlers<BatchChannel> {
  const { images, pools, nodes, nodeFiles, runningTasks } = services;
  return {
    'images:list': ({ accountId, refresh }) => images.list(accountId, refresh),
    'pools:list': ({ accountId }) => pools.list(accountId),
    'pools:get': ({ accountId, poolId }) => pools.get(accountId, poolId),
    'pools:create': ({ accountId, spec }) => pools.create(accountId, spec),
    'pools:resize': ({ accountId, poolId, targetDedicatedNodes, targetSpotNodes, nodeDeallocationOption }) =>
      pools.resize(accountId, poolId, targetDedicatedNodes, targetSpotNodes, nodeDeallocationOption),
    'pools:stop-resize': ({ accountId, poolId }) => pools.stopResize(accountId, poolId),
    'pools:delete': ({ accountId, poolId }) => pools.delete(accountId, poolId),
    'nodes:list': ({ accountId, poolId, knownVersion, force }) => nodes.list(accountId, poolId, knownVersion, force),
    'nodes:file-read': (request) => nodeFiles.read(request),
    'nodes:running-tasks': ({ accountId, poolId, nodeId }) => runningTasks(accountId, poolId, nodeId),
  };
}
