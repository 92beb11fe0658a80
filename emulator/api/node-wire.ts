import type { JsonObject, StoredNode, StoredPool } from '../state/model';
import { isDualStack, vmConfigOf } from '../state/pool-spec';
import { inboundEndpoints, NODE_AGENT_VERSION, startTaskWire } from './wire';

/** What runs on a node now: its running tasks (wire TaskInformation entries) and the slots they hold. */
export interface NodeTasks {
  running: JsonObject[];
  slots: number;
}

/** What a node's fields are built from; `tasks` is asked only by the fields that show running tasks. */
interface NodeSource {
  node: StoredNode;
  pool: StoredPool;
  endpoint: string;
  tasks: () => NodeTasks;
}

type Field = (s: NodeSource) => unknown;

/** The node's private IPv6 address on dual-stack pools (fd00::<n>, mirroring its 10.x IPv4 address). */
function ipv6AddressOf(node: StoredNode): string {
  const last = Number(node.ipAddress.split('.').pop() ?? 0);
  const third = Number(node.ipAddress.split('.')[2] ?? 0);
  return `fd00::${(third * 256 + last).toString(16)}`;
}

/** The pool's image as the node reports it, with the version 'latest' resolved to when the pool was created. */
function imageOf(pool: StoredPool): JsonObject {
  const image = { ...(vmConfigOf(pool).imageReference as JsonObject) };
  if (image.virtualMachineImageId === undefined && image.version === undefined) image.version = 'latest';
  // Marketplace versions are dated: 'latest' resolves to the pool's creation day.
  if (image.virtualMachineImageId === undefined) image.exactVersion = image.version === 'latest' ? `${pool.creationTime.slice(0, 10).replace(/-/g, '.')}` : image.version;
  return image;
}

/** Every ComputeNode property, in the order of the service's NodeList example; undefined values are left out. */
const FIELDS: Record<string, Field> = {
  id: (s) => s.node.id,
  url: (s) => `${s.endpoint}/pools/${s.pool.id}/nodes/${s.node.id}`,
  state: (s) => s.node.state,
  schedulingState: (s) => s.node.schedulingState,
  stateTransitionTime: (s) => s.node.stateTransitionTime,
  lastBootTime: (s) => s.node.lastBootTime,
  allocationTime: (s) => s.node.allocationTime,
  ipAddress: (s) => s.node.ipAddress,
  ipv6Address: (s) => (isDualStack(s.pool) ? ipv6AddressOf(s.node) : undefined),
  affinityId: (s) => `TVM:${s.node.id}`,
  vmSize: (s) => String(s.pool.spec.vmSize).toLowerCase(),
  totalTasksRun: (s) => s.node.totalTasksRun ?? 0,
  totalTasksSucceeded: (s) => s.node.totalTasksSucceeded ?? 0,
  runningTasksCount: (s) => s.tasks().running.length,
  runningTaskSlotsCount: (s) => s.tasks().slots,
  isDedicated: (s) => s.node.isDedicated,
  startTask: (s) => startTaskWire(s.pool),
  startTaskInfo: (s) => s.node.startTaskInfo,
  recentTasks: (s) => {
    const running = s.tasks().running;
    return running.length > 0 ? running : undefined;
  },
  errors: (s) => s.node.errors,
  endpointConfiguration: (s) => {
    const endpoints = inboundEndpoints(s.pool, s.node);
    return endpoints.length > 0 ? { inboundEndpoints: endpoints } : undefined;
  },
  nodeAgentInfo: (s) => ({ version: NODE_AGENT_VERSION, lastUpdateTime: s.node.lastBootTime ?? s.node.allocationTime }),
  virtualMachineInfo: (s) => ({ imageReference: imageOf(s.pool) }),
};
const ALL_FIELDS = Object.keys(FIELDS);

/**
 * A compute node in wire shape (ComputeNode). With `select` only the named properties are built, so a page of
 * 1,000 nodes with `$select=id,state` costs what those fields cost, not every node's full record. `tasks` is
 * called (once) only when a property that shows running tasks is built.
 */
export function nodeWire(node: StoredNode, pool: StoredPool, endpoint: string, tasks: () => NodeTasks, select?: ReadonlySet<string>): JsonObject {
  let known: NodeTasks | undefined;
  const source: NodeSource = { node, pool, endpoint, tasks: () => (known ??= tasks()) };
  const wire: JsonObject = {};
  for (const name of ALL_FIELDS) {
    if (select && !select.has(name)) continue;
    const value = (FIELDS[name] as Field)(source);
    if (value !== undefined) wire[name] = value;
  }
  return wire;
}
