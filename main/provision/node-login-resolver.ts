import { ContractFailure } from '../../contract/result';
import type { BatchClientSource } from '../batch/batch-client-source';
import type { ManagedKeyStore } from '../keys/managed-key-store';
import type { SecretRedactor } from '../log';
import type { NodeLoginRequest, NodeLoginResolver, NodeLoginTarget } from '../ssh/node-login';
import type { SecretStore } from '../store/secret-store';
import type { RemoteLoginService } from './remote-login-service';
import { serviceCodeOf } from './node-user-calls';
import { hostKeyIdFor } from '../ssh/host-key-blob';
import { passwordSecretName, type ProvisionedUserRegistry, type UserRecord } from './user-registry';

/** What the resolver reads from. */
export interface ProvisionLoginResolverDeps {
  clients: BatchClientSource;
  registry: ProvisionedUserRegistry;
  keys: ManagedKeyStore;
  secrets: SecretStore;
  logins: RemoteLoginService;
  redactor: SecretRedactor;
  now?: () => Date;
}

/**
 * Turns {account, pool, node, user} into an SSH login target for the terminal: the node's remote login address (as the
 * remote-login table last read it from the node list, or one getRemoteLoginSettings call), the user Batch Deck
 * provisioned there, and its secret (the account's managed private key
 * or the stored password). Refuses with a specific reason when any part is missing.
 */
export class ProvisionNodeLoginResolver implements NodeLoginResolver {
  constructor(private readonly deps: ProvisionLoginResolverDeps) {}

  async resolve(request: NodeLoginRequest): Promise<NodeLoginTarget> {
    const { poolId, nodeId, userName } = request;
    // The named account, not the active one: a reconnect after another window switched still reaches this node.
    const { account } = await this.deps.clients.forAccount(request.accountId);
    const record = await this.deps.registry.user(account.id, poolId, userName);
    if (!record) {
      throw new ContractFailure('NOT_FOUND', `Batch Deck has not provisioned a user named ${userName} on pool ${poolId}. Add the user first.`);
    }
    this.assertUsable(record, nodeId);
    const auth = await this.authOf(record, account.id, account.name, poolId, nodeId);
    const { ipAddress, port } = await this.deps.logins.loginAddress(account.id, poolId, nodeId);
    return { host: ipAddress, port, username: record.userName, auth, label: `${poolId} / ${nodeId}`, hostKeyId: hostKeyIdFor(ipAddress, port) };
  }

  /** Batch no longer lists the node (removed by a resize or by hand) or its pool: a terminal to it stops retrying. */
  async whyGone(request: NodeLoginRequest): Promise<string | undefined> {
    const { poolId, nodeId } = request;
    try {
      const { rest } = await this.deps.clients.forAccount(request.accountId);
      await rest.nodes.get(poolId, nodeId, { select: ['id'] });
      return undefined;
    } catch (error) {
      const code = serviceCodeOf(error);
      if (code === 'NodeNotFound') return `Node ${nodeId} left pool ${poolId} (Batch no longer lists it), so this terminal stops reconnecting.`;
      if (code === 'PoolNotFound') return `Pool ${poolId} was deleted, and node ${nodeId} with it, so this terminal stops reconnecting.`;
      return undefined;
    }
  }

  /** The user must exist on this node and not be expired. */
  private assertUsable(record: UserRecord, nodeId: string): void {
    const now = (this.deps.now ?? (() => new Date()))();
    if (new Date(record.expiryTime).getTime() <= now.getTime()) {
      throw new ContractFailure('NOT_FOUND', `User ${record.userName} expired at ${record.expiryTime}. Provision it again to extend it.`);
    }
    const state = record.nodes[nodeId];
    if (!state) throw new ContractFailure('NOT_FOUND', `User ${record.userName} was not provisioned on node ${nodeId}. Provision it there first.`);
    if (!state.present) {
      const why = state.error ? `: ${state.error.message}` : state.note ? `: ${state.note}` : '';
      throw new ContractFailure('NOT_FOUND', `Provisioning user ${record.userName} on node ${nodeId} did not succeed (${state.status}${why}). Provision it again.`);
    }
  }

  private async authOf(record: UserRecord, accountId: string, accountName: string, poolId: string, nodeId: string): Promise<NodeLoginTarget['auth']> {
    switch (record.authKind) {
      case 'managedKey':
        return { kind: 'privateKey', privateKey: await this.deps.keys.privateKey(accountId, accountName) };
      case 'password': {
        const password = await this.deps.secrets.get(passwordSecretName(accountId, poolId, record.userName, record.nodes[nodeId]?.passwordVersion ?? 0));
        if (!password) throw new ContractFailure('NOT_FOUND', `The password of ${record.userName} is no longer in the secret store. Provision the user again.`);
        this.deps.redactor.add(password);
        return { kind: 'password', password };
      }
      case 'publicKey':
        throw new ContractFailure(
          'NOT_FOUND',
          `User ${record.userName} was provisioned with your own public key; Batch Deck does not hold its private key. Use the ssh command with your key, or provision the user with the managed key.`,
        );
    }
  }
}
