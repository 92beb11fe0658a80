import type { BatchVmImageReference, DateTimeString, Open } from './common';

/** BatchSupportedImage: an image with its node agent SKU and, when set, the date Batch stops supporting it. */
export interface BatchSupportedImage {
  nodeAgentSKUId: string;
  imageReference: BatchVmImageReference;
  osType: Open<'linux' | 'windows'>;
  capabilities?: string[];
  batchSupportEndOfLife?: DateTimeString;
  verificationType: Open<'verified' | 'unverified'>;
}

/** BatchNodeCounts: nodes per state (2025-06-01 adds deallocated, deallocating and upgradingOS). */
export interface BatchNodeCounts {
  creating: number;
  idle: number;
  offline: number;
  preempted: number;
  rebooting: number;
  reimaging: number;
  running: number;
  starting: number;
  startTaskFailed: number;
  leavingPool: number;
  unknown: number;
  unusable: number;
  waitingForStartTask: number;
  deallocated: number;
  deallocating: number;
  total: number;
  upgradingOS: number;
}

/** BatchPoolNodeCounts: dedicated and Spot (`lowPriority` on the wire) counts of one pool. */
export interface BatchPoolNodeCounts {
  poolId: string;
  dedicated?: BatchNodeCounts;
  lowPriority?: BatchNodeCounts;
}
