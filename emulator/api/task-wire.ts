import type { JsonObject, StoredTask } from '../state/model';

/** The service's "no limit" time span (TimeSpan.MaxValue). */
export const UNLIMITED = 'P10675199DT2H48M5.4775807S';

/** The files-API URL of a task's folder on its node (`…/nodes/{node}/files/workitems/{job}/job-1/{task}`). */
function folderUrl(endpoint: string, task: StoredTask, poolId: string, nodeId: string): string {
  return `${endpoint}/pools/${poolId}/nodes/${nodeId}/files/workitems/${task.jobId}/job-1/${task.id}`;
}

/** A task in wire shape (BatchTask), defaults filled in as the service writes them. */
export function taskWire(task: StoredTask, endpoint: string): JsonObject {
  const spec = task.spec;
  const wire: JsonObject = {
    ...spec,
    id: task.id, url: `${endpoint}/jobs/${task.jobId}/tasks/${task.id}`, eTag: task.eTag, creationTime: task.creationTime,
    lastModified: task.lastModified, state: task.state, stateTransitionTime: task.stateTransitionTime,
    userIdentity: spec.userIdentity ?? { autoUser: { scope: 'pool', elevationLevel: 'nonadmin' } },
    constraints: { maxWallClockTime: UNLIMITED, retentionTime: 'P7D', maxTaskRetryCount: 0, ...(spec.constraints as JsonObject | undefined) },
    requiredSlots: spec.requiredSlots ?? 1,
    executionInfo: task.executionInfo ? { ...task.executionInfo } : { retryCount: 0, requeueCount: 0 },
  };
  if (task.previousState) {
    wire.previousState = task.previousState;
    wire.previousStateTransitionTime = task.previousStateTransitionTime;
  }
  const node = task.nodeInfo;
  if (node) {
    wire.nodeInfo = {
      affinityId: `TVM:${node.nodeId}`,
      nodeUrl: `${endpoint}/pools/${node.poolId}/nodes/${node.nodeId}`,
      poolId: node.poolId,
      nodeId: node.nodeId,
      taskRootDirectory: node.taskRootDirectory,
      taskRootDirectoryUrl: folderUrl(endpoint, task, node.poolId, node.nodeId),
    };
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
