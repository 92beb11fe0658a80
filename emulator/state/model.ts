/**
 * The emulator's stored Batch state: what is persisted and what the REST layer renders on the wire.
 * Pool specs are kept as the JSON the client sent (validated), so every property round-trips unchanged.
 */

/** A JSON object as received from or sent to a client. */
export type JsonObject = { [key: string]: unknown };

/** Compute node states as the wire spells them (2025-06-01 added upgradingos, deallocated and deallocating). */
export type NodeState =
  | 'idle'
  | 'rebooting'
  | 'reimaging'
  | 'running'
  | 'unusable'
  | 'creating'
  | 'starting'
  | 'waitingforstarttask'
  | 'starttaskfailed'
  | 'unknown'
  | 'leavingpool'
  | 'offline'
  | 'preempted'
  | 'upgradingos'
  | 'deallocated'
  | 'deallocating';

/** Every node state, in the order node counts list them. */
export const NODE_STATES: readonly NodeState[] = [
  'creating', 'idle', 'offline', 'preempted', 'rebooting', 'reimaging', 'running', 'starting',
  'starttaskfailed', 'leavingpool', 'unknown', 'unusable', 'waitingforstarttask', 'deallocated', 'deallocating',
  'upgradingos',
];

/** One error recorded on a pool resize or a node. */
export interface NameValue {
  name: string;
  value: string;
}

/** A resize error as the service reports it in `resizeErrors`. */
export interface ResizeErrorRecord {
  code: string;
  message: string;
  values?: NameValue[];
}

/** A pool as stored: the client's spec plus the service-owned fields. */
export interface StoredPool {
  id: string;
  /** The validated add-pool body (without `id`), patched by PATCH/updateproperties. */
  spec: JsonObject;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: 'active' | 'deleting';
  stateTransitionTime: string;
  allocationState: 'steady' | 'resizing' | 'stopping';
  allocationStateTransitionTime: string;
  targetDedicatedNodes: number;
  targetLowPriorityNodes: number;
  resizeTimeout: string;
  resizeErrors?: ResizeErrorRecord[];
  /** Counter for private IP addresses handed to this pool's nodes. */
  nodeSerial: number;
  /** The add-pool request as received (secrets masked) and its api-version: what the admin endpoint shows tests. */
  created?: { apiVersion: string; body: JsonObject };
}

/** A node user as stored (passwords in plain text: the emulator is local, docs/emulator.md says so). */
export interface StoredUser {
  name: string;
  isAdmin: boolean;
  expiryTime: string;
  password?: string;
  sshPublicKey?: string;
}

/** What the last start task run reported, in wire shape. */
export interface StartTaskInfoRecord {
  state: 'running' | 'completed';
  startTime: string;
  endTime?: string;
  exitCode?: number;
  retryCount: number;
  lastRetryTime?: string;
  result?: 'success' | 'failure';
  failureInfo?: { category: 'usererror' | 'servererror'; code: string; message: string };
}

/** A compute node as stored. */
export interface StoredNode {
  id: string;
  poolId: string;
  isDedicated: boolean;
  state: NodeState;
  schedulingState: 'enabled' | 'disabled';
  stateTransitionTime: string;
  allocationTime: string;
  lastBootTime?: string;
  ipAddress: string;
  /** Index of this node's frontend port in each inbound NAT pool range. */
  portSlot: number;
  /** The SSH port really listened on, when the runtime had to move off the requested one. */
  sshPort?: number;
  startTaskInfo?: StartTaskInfoRecord;
  errors?: { code: string; message: string; errorDetails?: NameValue[] }[];
  users: StoredUser[];
  /** Job tasks completed on the node, and how many of them succeeded (totalTasksRun / totalTasksSucceeded). */
  totalTasksRun?: number;
  totalTasksSucceeded?: number;
}

/** Job states as the wire spells them. */
export type JobState = 'active' | 'disabling' | 'disabled' | 'enabling' | 'terminating' | 'completed' | 'deleting';

/** A job as stored: the client's validated spec plus the service-owned fields. */
export interface StoredJob {
  id: string;
  /** The validated add-job body (without `id`), changed by PATCH/PUT. */
  spec: JsonObject;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: JobState;
  stateTransitionTime: string;
  previousState?: JobState;
  previousStateTransitionTime?: string;
  executionInfo: { startTime: string; endTime?: string; poolId?: string; terminateReason?: string };
  /** Job preparation/release runs per node (keyed by node id), once a node ran the job's preparation task. */
  nodeRuns?: Record<string, JobNodeRecord>;
}

/** An application package the account offers (Applications_ListApplications), registered through the admin endpoint. */
export interface StoredApplication {
  id: string;
  displayName?: string;
  versions: string[];
}

/** Task states as the wire spells them. */
export type TaskState = 'active' | 'preparing' | 'running' | 'completed';

/** A task's failure as the service reports it (TaskFailureInfo). */
export interface FailureInfoRecord {
  category: 'usererror' | 'servererror';
  code: string;
  message: string;
  details?: NameValue[];
}

/** A task's executionInfo in wire shape (BatchTaskExecutionInfo). */
export interface TaskExecutionRecord {
  startTime?: string;
  endTime?: string;
  exitCode?: number;
  failureInfo?: FailureInfoRecord;
  retryCount: number;
  lastRetryTime?: string;
  requeueCount: number;
  lastRequeueTime?: string;
  result?: 'success' | 'failure';
}

/** Where a task ran (nodeInfo without the URLs, which depend on the endpoint). */
export interface TaskNodeRecord {
  poolId: string;
  nodeId: string;
  /** Absolute path of the task folder on the emulator's machine: the node shell can cd into it. */
  taskRootDirectory: string;
}

/** A task as stored: the client's validated spec plus the service-owned fields. */
export interface StoredTask {
  id: string;
  jobId: string;
  /** The validated add-task body (without `id`); seeded tasks share one object. */
  spec: JsonObject;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: TaskState;
  stateTransitionTime: string;
  previousState?: TaskState;
  previousStateTransitionTime?: string;
  executionInfo?: TaskExecutionRecord;
  nodeInfo?: TaskNodeRecord;
}

/** A job preparation or release task's run on one node (JobPreparationTaskExecutionInfo / JobReleaseTaskExecutionInfo). */
export interface JobNodeTaskRecord extends Omit<StartTaskInfoRecord, 'failureInfo'> {
  failureInfo?: FailureInfoRecord;
  taskRootDirectory: string;
}

/** What the job preparation and release tasks did on one node. */
export interface JobNodeRecord {
  poolId: string;
  nodeId: string;
  preparation?: JobNodeTaskRecord;
  release?: JobNodeTaskRecord;
}

/** The whole persisted document. */
export interface StoredState {
  version: 1;
  pools: StoredPool[];
  nodes: StoredNode[];
  applications?: StoredApplication[];
  jobs?: StoredJob[];
  tasks?: StoredTask[];
}
