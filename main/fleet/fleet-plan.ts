import { nodeColumn, type NodeRow } from '../../contract/features/batch-models';
import type { FleetPreflight, FleetTarget } from '../../contract/features/fleet';
import { ContractFailure } from '../../contract/result';
import { loginReadyStates } from '../provision/reconcile-users';
import type { UserRecord } from '../provision/user-registry';
import { unreachable, type Unreachable } from './unreachable';

/** Which nodes a command goes to: those it can try, and those already known to give no answer (with why). */
export interface FleetPlan {
  nodeIds: string[];
  /** Nodes decided before any connection: not in the pool, in a state that refuses logins, or without the user. */
  decided: Map<string, Unreachable>;
}

/** The target's node ids among the pool's rows, in pool order; refuses a target that names no node. */
export function targetNodeIds(rows: readonly NodeRow[], target: FleetTarget, poolId: string): { ids: string[]; missing: string[] } {
  if ('all' in target) {
    if (rows.length === 0) throw new ContractFailure('CONFLICT', `Pool ${poolId} has no nodes yet. Wait for allocation or resize the pool.`);
    return { ids: rows.map((row) => row[nodeColumn.id]), missing: [] };
  }
  if ('states' in target) {
    const wanted = new Set(target.states.map((state) => state.toLowerCase()));
    const ids = rows.filter((row) => wanted.has(row[nodeColumn.state])).map((row) => row[nodeColumn.id]);
    if (ids.length === 0) throw new ContractFailure('CONFLICT', `No node of pool ${poolId} is ${[...wanted].join(' or ')} now; nothing was run.`);
    return { ids, missing: [] };
  }
  const listed = new Set(rows.map((row) => row[nodeColumn.id]));
  const unique = [...new Set(target.nodeIds)];
  return { ids: unique.filter((id) => listed.has(id)), missing: unique.filter((id) => !listed.has(id)) };
}

/** Whether the user can log in on a node as far as Batch Deck knows: provisioned there, present, not expired, a credential we hold. */
function usableOn(user: UserRecord, nodeId: string, now: Date): boolean {
  return user.authKind !== 'publicKey' && new Date(user.expiryTime).getTime() > now.getTime() && user.nodes[nodeId]?.present === true;
}

/** Who could run a command on the nodes, and the user main picks (usable on most; the managed key wins a tie). */
export function preflightOf(users: readonly UserRecord[], nodeIds: readonly string[], now: Date): FleetPreflight {
  const listed = users.map((user) => ({
    userName: user.userName,
    authKind: user.authKind,
    usableOn: nodeIds.filter((id) => usableOn(user, id, now)).length,
    expired: new Date(user.expiryTime).getTime() <= now.getTime(),
  }));
  const best = [...listed]
    .filter((user) => user.usableOn > 0)
    .sort((a, b) => b.usableOn - a.usableOn || Number(b.authKind === 'managedKey') - Number(a.authKind === 'managedKey') || a.userName.localeCompare(b.userName))[0];
  return { targetCount: nodeIds.length, users: listed, ...(best ? { suggestedUser: best.userName } : {}) };
}

/**
 * Splits the target into nodes to try and nodes that cannot answer: not listed any more, in a state that refuses
 * logins (starting, unusable, …), or without a usable login for `user`.
 */
export function planFleet(rows: readonly NodeRow[], ids: readonly string[], missing: readonly string[], user: UserRecord, now: Date): FleetPlan {
  const decided = new Map<string, Unreachable>();
  const byId = new Map(rows.map((row) => [row[nodeColumn.id], row]));
  for (const id of missing) decided.set(id, unreachable('node-gone', `Node ${id} is not in the pool's node list.`));
  const nodeIds: string[] = [];
  for (const id of ids) {
    const state = (byId.get(id) as NodeRow)[nodeColumn.state];
    if (!loginReadyStates.has(state)) {
      decided.set(id, unreachable('not-ready', `Node ${id} is ${state}.`, `The node is ${state}: logins open once it is idle or running.`));
    } else if (!usableOn(user, id, now)) {
      const node = user.nodes[id];
      const why = !node ? 'was never provisioned there' : !node.present ? `is not there (${node.note ?? node.error?.message ?? node.status})` : 'has expired';
      decided.set(id, unreachable('no-user', `User ${user.userName} ${why}.`));
    } else {
      nodeIds.push(id);
    }
  }
  return { nodeIds, decided };
}
