import type { PoolOptions } from './batch-pool-options';

/**
 * What the batch feature's channels return: compact, renderer-ready shapes (never SDK objects), with states
 * lower-cased as the service sends them in this api-version and unknown states passed through.
 */

/** Node states the service reports (api-version 2025-06-01); newer services add more, which the UI tolerates. */
export const knownNodeStates = [
  'idle',
  'running',
  'creating',
  'starting',
  'waitingforstarttask',
  'starttaskfailed',
  'rebooting',
  'reimaging',
  'leavingpool',
  'offline',
  'preempted',
  'unusable',
  'unknown',
  'deallocating',
  'deallocated',
  'upgradingos',
] as const;

/** A node state: one of {@link knownNodeStates} or a newer value the service adds later. */
export type NodeState = string;

/** One supported image with its node agent SKU, as the Images page shows it. */
export interface SupportedImage {
  publisher: string;
  offer: string;
  sku: string;
  version: string;
  nodeAgentSkuId: string;
  osType: 'linux' | 'windows';
  verification: 'verified' | 'unverified';
  capabilities: string[];
  /** Derived from the agent SKU and image SKU (`arm64` in either). */
  architecture: 'x64' | 'arm64';
  /** ISO date after which the service refuses new pools with this image. */
  endOfLife?: string;
}

/** The account a result belongs to (no secrets). */
export interface AccountRef {
  id: string;
  name: string;
  endpoint: string;
}

/** The supported images of the active account and when they were fetched. */
export interface ImagesResult {
  account: AccountRef;
  /** ISO time of the listing this came from (the cache's age). */
  fetchedAt: string;
  images: SupportedImage[];
}

/** Node counts per lower-case state, plus `total`. */
export type NodeStateCounts = Record<string, number>;

/** How a pool's nodes can be reached over SSH. */
export type SshAccess =
  /** An inbound NAT pool maps backend port 22 (the only way for pools created after 30 Nov 2025). */
  | 'nat-pool'
  /** Created before 30 Nov 2025 without a NAT pool: the service mapped port 22 itself. */
  | 'legacy-default'
  /** No SSH endpoint: the pool must be recreated with SSH access. */
  | 'none';

/** One pool in the pools list. */
export interface PoolSummary {
  id: string;
  displayName?: string;
  state: string;
  allocationState: string;
  vmSize: string;
  currentDedicatedNodes: number;
  targetDedicatedNodes: number;
  currentSpotNodes: number;
  targetSpotNodes: number;
  /** From `/nodecounts`; absent when the service has none for this pool yet. */
  nodeCounts?: { dedicated: NodeStateCounts; spot: NodeStateCounts };
  creationTime?: string;
  allocationStateTransitionTime?: string;
  resizeErrors: { code: string; message: string }[];
  nodeAgentSkuId?: string;
  sshAccess: SshAccess;
}

/** The pools of the active account. */
export interface PoolsResult {
  account: AccountRef;
  fetchedAt: string;
  pools: PoolSummary[];
}

/** An inbound NAT pool of a pool, as the detail view shows it. */
export interface NatPoolInfo {
  name: string;
  protocol: string;
  backendPort: number;
  frontendPortRangeStart: number;
  frontendPortRangeEnd: number;
  sourcePrefixes: string[];
}

/** One pool with what the detail view needs beyond the summary. */
export interface PoolDetail extends PoolSummary {
  account: AccountRef;
  image?: { publisher?: string; offer?: string; sku?: string; version?: string };
  taskSlotsPerNode?: number;
  /** The 2025-06-01 options as the form edits them (so Copy pool keeps them). */
  options?: PoolOptions;
  startTask?: { commandLine: string; waitForSuccess: boolean; elevated: boolean; maxTaskRetryCount: number; environment: { name: string; value: string }[] };
  /** What the create form cannot carry over from this pool (Copy pool says so); empty when it keeps everything. */
  notCopied?: string[];
  natPools: NatPoolInfo[];
}

/**
 * One node as a compact tuple (10,000 of them cross the bridge): id, state, scheduling state, IP address,
 * SSH frontend port (0 when none), start task exit code (null when it has not exited), dedicated (1) or spot (0), and
 * the public address that port is on ('' when none): the login address is `sshHost:sshPort`, the IP address is private.
 */
export type NodeRow = [
  id: string,
  state: NodeState,
  scheduling: string,
  ip: string,
  sshPort: number,
  startTaskExitCode: number | null,
  dedicated: 0 | 1,
  sshHost: string,
];

/** The nodes of a pool, or word that the renderer's copy is still current. */
export type NodesResult =
  | { unchanged: true; version: number; checkedAt: string }
  | { unchanged: false; version: number; checkedAt: string; listedAt: string; rows: NodeRow[] };

/** Column indexes of {@link NodeRow}, so code reads `row[nodeColumn.state]`. */
export const nodeColumn = { id: 0, state: 1, scheduling: 2, ip: 3, sshPort: 4, exitCode: 5, dedicated: 6, sshHost: 7 } as const;

/** Bulk node actions; `deallocate` stops a node and keeps its disk, `start` boots a deallocated one (2025-06-01). */
export const nodeActions = ['reboot', 'reimage', 'remove', 'disable-scheduling', 'enable-scheduling', 'deallocate', 'start'] as const;
/** One bulk node action. */
export type NodeAction = (typeof nodeActions)[number];

/** A byte range of a node file, decoded as UTF-8 on whole characters. */
export interface FileChunk {
  path: string;
  /** The file's size now, in bytes. */
  size: number;
  /** First byte of `text` in the file. */
  start: number;
  /** One past the last byte of `text` (the next read's `fromByte` when tailing). */
  end: number;
  text: string;
}
