import { fail } from './batch-error';
import { validatePoolAdd } from './validate-pool';
import { REMOVED_POOL_ADD_PROPERTIES } from './removed-properties';
import type { JsonObject, StoredPool } from '../state/model';

/** What 2025-06-01's BatchPoolUpdateOptions lets a PATCH change, "only when the pool is empty". */
export const EMPTY_POOL_UPDATE_PROPERTIES = [
  'displayName', 'vmSize', 'enableInterNodeCommunication', 'virtualMachineConfiguration', 'taskSlotsPerNode',
  'taskSchedulingPolicy', 'networkConfiguration', 'userAccounts', 'mountConfiguration', 'upgradePolicy',
] as const;

/**
 * Applies the empty-pool part of a 2025-06-01 PATCH: refused while the pool has nodes; otherwise the pool as it would
 * be after the change is validated like a new pool (image pairing, Trusted Launch, network rules…) and kept.
 */
export function applyEmptyPoolUpdate(pool: StoredPool, body: JsonObject, nodeCount: number): void {
  const changes = EMPTY_POOL_UPDATE_PROPERTIES.filter((name) => body[name] !== undefined && body[name] !== null);
  if (changes.length === 0) return;
  if (nodeCount > 0) {
    throw fail.invalidForState(`${changes.join(', ')} can be updated only when the pool is empty; it has ${nodeCount} node(s). Resize it to 0 first.`);
  }
  const merged: JsonObject = { ...pool.spec, id: pool.id };
  for (const name of changes) merged[name] = body[name];
  // Properties an older api-version stored stay as they are; 2025-06-01 neither shows nor checks them.
  const older = Object.fromEntries(REMOVED_POOL_ADD_PROPERTIES.filter((name) => name in merged).map((name) => [name, merged[name]]));
  for (const name of Object.keys(older)) delete merged[name];
  pool.spec = { ...validatePoolAdd(merged, true).spec, ...older };
}
