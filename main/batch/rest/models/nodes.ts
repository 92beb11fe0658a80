import type { BatchTaskRunInfo, BatchVmImageReference, DateTimeString, NameValuePair, Open } from './common';
import type { BatchStartTask } from './pools';

/** BatchNodeState; 2025-06-01 adds upgradingos, deallocated and deallocating. */
export type BatchNodeState = Open<
  | 'idle' | 'rebooting' | 'reimaging' | 'running' | 'unusable' | 'creating' | 'starting' | 'waitingforstarttask'
  | 'starttaskfailed' | 'unknown' | 'leavingpool' | 'offline' | 'preempted' | 'upgradingos' | 'deallocated' | 'deallocating'
>;

/** InboundEndpoint: a node's public address and port for one NAT pool (IPv6 ones appear for dual-stack pools). */
export interface InboundEndpoint {
  name: string;
  protocol: Open<'tcp' | 'udp'>;
  publicIPAddress: string;
  publicFQDN: string;
  frontendPort: number;
  backendPort: number;
}

/** BatchStartTaskInfo. */
export interface BatchStartTaskInfo extends BatchTaskRunInfo {
  state: Open<'running' | 'completed'>;
  startTime: DateTimeString;
}

/** BatchTaskInfo: a recently run task on a node. */
export interface BatchTaskInfo {
  taskUrl?: string;
  jobId?: string;
  taskId?: string;
  subtaskId?: number;
  taskState: Open<'active' | 'preparing' | 'running' | 'completed'>;
}

/** BatchNode as GET/list return it (every property but id may be absent under `$select`). */
export interface BatchNode {
  id: string;
  url?: string;
  state?: BatchNodeState;
  schedulingState?: Open<'enabled' | 'disabled'>;
  stateTransitionTime?: DateTimeString;
  lastBootTime?: DateTimeString;
  allocationTime?: DateTimeString;
  ipAddress?: string;
  /** Present only for pools configured for IPv6. */
  ipv6Address?: string;
  affinityId?: string;
  vmSize?: string;
  totalTasksRun?: number;
  runningTasksCount?: number;
  runningTaskSlotsCount?: number;
  totalTasksSucceeded?: number;
  recentTasks?: BatchTaskInfo[];
  startTask?: BatchStartTask;
  startTaskInfo?: BatchStartTaskInfo;
  errors?: { code?: string; message?: string; errorDetails?: NameValuePair[] }[];
  /** False for a Spot node. */
  isDedicated?: boolean;
  endpointConfiguration?: { inboundEndpoints: InboundEndpoint[] };
  nodeAgentInfo?: { version: string; lastUpdateTime: DateTimeString };
  virtualMachineInfo?: { imageReference?: BatchVmImageReference; scaleSetVmResourceId?: string };
}

/** BatchNodeRemoteLoginSettings; the IPv6 pair is present for dual-stack pools. */
export interface BatchNodeRemoteLoginSettings {
  remoteLoginIPAddress: string;
  remoteLoginPort: number;
  ipv6RemoteLoginIPAddress?: string;
  ipv6RemoteLoginPort?: number;
}

/** What to do with running tasks when a node reboots, is reimaged or deallocated. */
export type NodeTaskOption = Open<'requeue' | 'terminate' | 'taskcompletion' | 'retaineddata'>;

/** BatchNodeRebootOptions. */
export interface BatchNodeRebootOptions {
  nodeRebootOption?: NodeTaskOption;
}

/** BatchNodeReimageOptions. */
export interface BatchNodeReimageOptions {
  nodeReimageOption?: NodeTaskOption;
}

/** BatchNodeDeallocateOptions (new in 2025-06-01). */
export interface BatchNodeDeallocateOptions {
  nodeDeallocateOption?: NodeTaskOption;
}

/** BatchNodeDisableSchedulingOptions. */
export interface BatchNodeDisableSchedulingOptions {
  nodeDisableSchedulingOption?: Open<'requeue' | 'terminate' | 'taskcompletion'>;
}

/** BatchNodeUserCreateOptions: the body of POST …/users. */
export interface BatchNodeUserCreateOptions {
  name: string;
  isAdmin?: boolean;
  expiryTime?: DateTimeString;
  password?: string;
  sshPublicKey?: string;
}

/** BatchNodeUserUpdateOptions: the body of PUT …/users/{name}; an omitted password or key is removed. */
export interface BatchNodeUserUpdateOptions {
  password?: string;
  expiryTime?: DateTimeString;
  sshPublicKey?: string;
}
