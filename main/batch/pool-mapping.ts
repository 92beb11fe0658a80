import type { NatPoolInfo, NodeStateCounts, PoolDetail, PoolSummary, SshAccess } from '../../contract/features/batch-models';
import { isoOf } from './batch-call';
import { notCopiedParts, toPoolOptions } from './pool-options-mapping';
import type { BatchNodeCounts, BatchPoolNodeCounts } from './rest/models/account';
import type { BatchPool } from './rest/models/pools';

/** The day the service stopped mapping port 22 for new pools that define no inbound NAT pool for it. */
export const sshDefaultEndpointRemovedOn = '2025-11-30T00:00:00.000Z';

/** Lower-cases a state as this api-version sends it (`waitingForStartTask` and `waitingforstarttask` alike). */
export function normalizeState(state: string | undefined): string {
  return (state ?? 'unknown').toLowerCase();
}

/** Node counts from `/nodecounts` keyed by lower-case state (`upgradingOS` → `upgradingos`); unknown newer states are kept. */
export function toStateCounts(counts: BatchNodeCounts | undefined): NodeStateCounts {
  const out: NodeStateCounts = {};
  for (const [key, value] of Object.entries(counts ?? {})) if (typeof value === 'number') out[key.toLowerCase()] = value;
  out.total ??= 0;
  return out;
}

/**
 * How a pool's nodes can be reached over SSH (see {@link SshAccess}): a pool without public IP addresses has no
 * endpoint reachable from outside its VNet, whatever else it says.
 */
export function sshAccessOf(pool: BatchPool): SshAccess {
  if (String(pool.networkConfiguration?.publicIPAddressConfiguration?.provision ?? '').toLowerCase() === 'nopublicipaddresses') return 'none';
  const natPools = pool.networkConfiguration?.endpointConfiguration?.inboundNATPools ?? [];
  if (natPools.some((nat) => nat.backendPort === 22)) return 'nat-pool';
  const created = isoOf(pool.creationTime);
  if (created && created < sshDefaultEndpointRemovedOn && natPools.length === 0) return 'legacy-default';
  return 'none';
}

/** A pool plus its node counts as the pools list shows it. */
export function toPoolSummary(pool: BatchPool, counts?: BatchPoolNodeCounts): PoolSummary {
  const summary: PoolSummary = {
    id: pool.id,
    state: normalizeState(pool.state),
    allocationState: normalizeState(pool.allocationState),
    vmSize: pool.vmSize ?? '',
    currentDedicatedNodes: pool.currentDedicatedNodes ?? 0,
    targetDedicatedNodes: pool.targetDedicatedNodes ?? 0,
    currentSpotNodes: pool.currentLowPriorityNodes ?? 0,
    targetSpotNodes: pool.targetLowPriorityNodes ?? 0,
    resizeErrors: (pool.resizeErrors ?? []).map((e) => ({ code: e.code ?? 'ResizeError', message: e.message ?? '' })),
    sshAccess: sshAccessOf(pool),
  };
  if (pool.displayName) summary.displayName = pool.displayName;
  if (counts) summary.nodeCounts = { dedicated: toStateCounts(counts.dedicated), spot: toStateCounts(counts.lowPriority) };
  const created = isoOf(pool.creationTime);
  if (created) summary.creationTime = created;
  const transition = isoOf(pool.allocationStateTransitionTime);
  if (transition) summary.allocationStateTransitionTime = transition;
  const agent = pool.virtualMachineConfiguration?.nodeAgentSKUId;
  if (agent) summary.nodeAgentSkuId = agent;
  return summary;
}

/** The inbound NAT pools of a pool with their NSG source prefixes. */
export function toNatPools(pool: BatchPool): NatPoolInfo[] {
  return (pool.networkConfiguration?.endpointConfiguration?.inboundNATPools ?? []).map((nat) => ({
    name: nat.name,
    protocol: String(nat.protocol),
    backendPort: nat.backendPort,
    frontendPortRangeStart: nat.frontendPortRangeStart,
    frontendPortRangeEnd: nat.frontendPortRangeEnd,
    sourcePrefixes: (nat.networkSecurityGroupRules ?? []).map((r) => `${String(r.access)} ${r.sourceAddressPrefix}`),
  }));
}

/** A pool with what the detail view needs, its 2025-06-01 options included. */
export function toPoolDetail(
  pool: BatchPool,
  counts: BatchPoolNodeCounts | undefined,
  account: PoolDetail['account'],
): PoolDetail {
  const detail: PoolDetail = { ...toPoolSummary(pool, counts), account, natPools: toNatPools(pool), options: toPoolOptions(pool), notCopied: notCopiedParts(pool) };
  const image = pool.virtualMachineConfiguration?.imageReference;
  if (image) detail.image = { publisher: image.publisher, offer: image.offer, sku: image.sku, version: image.version };
  if (pool.taskSlotsPerNode !== undefined) detail.taskSlotsPerNode = pool.taskSlotsPerNode;
  const task = pool.startTask;
  if (task) {
    detail.startTask = {
      commandLine: task.commandLine,
      waitForSuccess: task.waitForSuccess ?? true,
      maxTaskRetryCount: task.maxTaskRetryCount ?? 0,
      elevated: String(task.userIdentity?.autoUser?.elevationLevel ?? '').toLowerCase() === 'admin',
      environment: (task.environmentSettings ?? []).map((e) => ({ name: e.name, value: e.value ?? '' })),
    };
  }
  return detail;
}
