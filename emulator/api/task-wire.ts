import type { JsonObject, StoredTask } from '../state/model';

/** The service's "no limit" time span (TimeSpan.MaxValue). */
export const UNLIMITED = 'P10675199DT2H48M5.4775807S';

/** The files-API URL of a task's folder on its node (`…/nodes/{node}/files/workitems/{job}/job-1/{task}`). */
function folderUrl(endpoint: string, task: StoredTask, poolId: string, nodeId: string): string {
  return `${endpoint}/pools/${poolId}/nodes/${nodeId}/files/workitems/${task.jobId}/job-1/${task.id}`;
}

type Field = (task: StoredTask, endpoint: string) => unknown;

function nodeInfoWire(task: StoredTask, endpoint: string): JsonObject | undefined {
  const node = task.nodeInfo;
  if (!node) return undefined;
  return {
    affinityId: `TVM:${node.nodeId}`,
    nodeUrl: `${endpoint}/pools/${node.poolId}/nodes/${node.nodeId}`,
    poolId: node.poolId,
    nodeId: node.nodeId,
    taskRootDirectory: node.taskRootDirectory,
    taskRootDirectoryUrl: folderUrl(endpoint, task, node.poolId, node.nodeId),
  };
}

/** The service-owned fields of a task and the defaults it writes for absent spec fields; the rest is the spec as sent. */
const FIELDS: Record<string, Field> = {
  id: (t) => t.id,
  url: (t, endpoint) => `${endpoint}/jobs/${t.jobId}/tasks/${t.id}`,
  eTag: (t) => t.eTag,
  creationTime: (t) => t.creationTime,
  lastModified: (t) => t.lastModified,
  state: (t) => t.state,
  stateTransitionTime: (t) => t.stateTransitionTime,
  previousState: (t) => t.previousState,
  previousStateTransitionTime: (t) => t.previousStateTransitionTime,
  userIdentity: (t) => t.spec.userIdentity ?? { autoUser: { scope: 'pool', elevationLevel: 'nonadmin' } },
  constraints: (t) => ({ maxWallClockTime: UNLIMITED, retentionTime: 'P7D', maxTaskRetryCount: 0, ...(t.spec.constraints as JsonObject | undefined) }),
  requiredSlots: (t) => t.spec.requiredSlots ?? 1,
  executionInfo: (t) => (t.executionInfo ? { ...t.executionInfo } : { retryCount: 0, requeueCount: 0 }),
  nodeInfo: nodeInfoWire,
};

/**
 * A task in wire shape (BatchTask), defaults filled in as the service writes them. With `select` only the named
 * properties are built, so a page of 1000 tasks with `$select=id,state` costs what those two fields cost.
 */
export function taskWire(task: StoredTask, endpoint: string, select?: ReadonlySet<string>): JsonObject {
  const wire: JsonObject = {};
  const names = select ?? [...Object.keys(task.spec), ...Object.keys(FIELDS)];
  for (const name of names) {
    const field = FIELDS[name];
    const value = field ? field(task, endpoint) : task.spec[name];
    if (value !== undefined) wire[name] = value;
  }
  return wire;
}

/**
 * The fields `$filter` may name, without building the whole wire shape: listing 100,000 tasks with a filter reads
 * these few properties per task instead of copying each task's spec.
 */
export function taskFilterView(task: StoredTask): JsonObject {
  return {
    id: task.id, state: task.state, creationTime: task.creationTime, stateTransitionTime: task.stateTransitionTime,
    previousState: task.previousState, displayName: task.spec.displayName, commandLine: task.spec.commandLine,
    executionInfo: task.executionInfo ?? { retryCount: 0, requeueCount: 0 },
    nodeInfo: task.nodeInfo,
  };
}
