import type { ActiveAccount } from '../batch/batch-client-source';
import type { BatchRestClient } from '../batch/rest/batch-rest-client';
import type { ManagedKeyStore } from '../keys/managed-key-store';
import type { SecretRedactor } from '../log';
import { runBounded } from '../operations/bounded-pool';
import type { SecretStore } from '../store/secret-store';
import { serviceCodeOf, updateNodeUser, type NodeUserSpec, type PoolNode } from './node-user-calls';
import { passwordSecretName, type NodeUserRecord, type ProvisionedUserRegistry, type UserRecord } from './user-registry';

/** Node states in which Batch answers remote-login and user calls. */
export const loginReadyStates: ReadonlySet<string> = new Set(['idle', 'running', 'starttaskfailed', 'waitingforstarttask']);

/** What reconciling reads. */
export interface ReconcileDeps {
  registry: ProvisionedUserRegistry;
  keys: ManagedKeyStore;
  secrets: SecretStore;
  redactor: SecretRedactor;
  /** Re-checks in flight at once (default 8). */
  concurrency?: number;
  now?: () => Date;
}

interface Check {
  user: UserRecord;
  nodeId: string;
  node: NodeUserRecord;
  lastBootTime: string;
}

/**
 * Brings the registry in line with the pool as Batch lists it now: nodes that left the pool are forgotten, and a user
 * on a node that booted after Batch last confirmed it there is re-checked, because a reimage (or any fresh OS disk)
 * removes every user while a reboot keeps them. Batch cannot list a node's users, so the check sends the user's
 * own credential again (update-user: same password or key, same expiry): it answers NodeUserNotFound when the user
 * is gone. Only nodes in a state that accepts user calls are checked; expired users are left alone.
 */
export class NodeUserReconciler {
  constructor(private readonly deps: ReconcileDeps) {}

  /** Reconciles one pool; true when the registry changed (the caller saves it). */
  async reconcile(account: ActiveAccount, client: BatchRestClient, poolId: string, nodes: readonly PoolNode[]): Promise<boolean> {
    const { registry } = this.deps;
    const listed = new Map(nodes.map((node) => [node.id, node]));
    let changed = (await registry.forgetNodes(account.id, poolId, (nodeId) => !listed.has(nodeId))) > 0;
    const now = (this.deps.now ?? (() => new Date()))();
    const checks: Check[] = [];
    for (const user of await registry.users(account.id, poolId)) {
      if (Date.parse(user.expiryTime) <= now.getTime()) continue;
      for (const [nodeId, node] of Object.entries(user.nodes)) {
        const listedNode = listed.get(nodeId);
        if (!node.present || !listedNode?.lastBootTime || !loginReadyStates.has(listedNode.state)) continue;
        const confirmed = Date.parse(node.confirmedAt ?? user.updatedAt);
        if (Date.parse(listedNode.lastBootTime) > confirmed) checks.push({ user, nodeId, node, lastBootTime: listedNode.lastBootTime });
      }
    }
    await runBounded(checks, this.deps.concurrency ?? 8, async (check) => {
      const verdict = await this.check(account, client, poolId, check);
      // An operation may have written this node meanwhile: its answer is newer than this check.
      if (verdict === 'unknown' || check.user.nodes[check.nodeId] !== check.node) return;
      changed = true;
      const record: NodeUserRecord =
        verdict === 'present'
          ? { ...check.node, confirmedAt: now.toISOString() }
          : { status: 'gone', present: false, note: `Not on the node any more: it booted at ${check.lastBootTime} without the user (a reimage removes every user). Add the user again.` };
      await registry.setNode(account.id, poolId, check.user.userName, check.nodeId, record);
    });
    return changed;
  }

  private async check(account: ActiveAccount, client: BatchRestClient, poolId: string, { user, nodeId, node }: Check): Promise<'present' | 'gone' | 'unknown'> {
    const spec = await this.specOf(account, poolId, user, node);
    if (!spec) return 'unknown';
    try {
      await updateNodeUser(client, poolId, nodeId, spec);
      return 'present';
    } catch (error) {
      return serviceCodeOf(error) === 'NodeUserNotFound' ? 'gone' : 'unknown';
    }
  }

  /** The user exactly as the node should have it, or undefined when Batch Deck does not hold its credential. */
  private async specOf(account: ActiveAccount, poolId: string, user: UserRecord, node: NodeUserRecord): Promise<NodeUserSpec | undefined> {
    const base = { name: user.userName, isAdmin: node.isAdmin ?? user.isAdmin, expiryTime: new Date(node.expiryTime ?? user.expiryTime) };
    if (base.expiryTime.getTime() <= Date.now()) return undefined;
    switch (user.authKind) {
      case 'managedKey':
        return { ...base, sshPublicKey: await this.deps.keys.publicKey(account.id, account.name) };
      case 'publicKey':
        return user.publicKey ? { ...base, sshPublicKey: user.publicKey } : undefined;
      case 'password': {
        const password = await this.deps.secrets.get(passwordSecretName(account.id, poolId, user.userName, node.passwordVersion ?? 0));
        if (password === undefined) return undefined;
        this.deps.redactor.add(password);
        return { ...base, password };
      }
    }
  }
}
