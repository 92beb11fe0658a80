import type { BatchClientSource } from '../batch/batch-client-source';
import { keysHandlers } from '../keys/keys-handlers';
import { ManagedKeyStore } from '../keys/managed-key-store';
import { KeyExportRecords } from '../keys/private-key-export';
import type { Logger, SecretRedactor } from '../log';
import type { NodeAction } from '../../contract/features/batch-models';
import type { OperationRegistry } from '../operations/operation-registry';
import type { PartialHandlers } from '../router';
import type { NodeLoginResolver } from '../ssh/node-login';
import type { SecretStore } from '../store/secret-store';
import { ProvisionNodeLoginResolver } from './node-login-resolver';
import { provisionHandlers, type ProvisionChannel } from './provision-handlers';
import { ProvisionService } from './provision-service';
import { NodeUserReconciler } from './reconcile-users';
import { RemoteLoginService } from './remote-login-service';
import { ProvisionedUserRegistry } from './user-registry';

/** What the connect feature's main half is built from (all of it is in the composition root already). */
export interface ProvisioningDeps {
  dataDir: string;
  secretStore: SecretStore;
  redactor: SecretRedactor;
  /** The app's one registry of long operations. */
  operations: OperationRegistry;
  log: Logger;
  clients: BatchClientSource;
  /** Tuning for tests and benchmarks; the defaults suit Azure. */
  concurrency?: number;
  home?: string;
  /** A node's trusted host keys as known_hosts lines (the terminal feature's trust store). */
  knownHostsLines?: (hostKeyId: string) => Promise<string[]>;
}

/** The built feature: its contract handlers, the login resolver the SSH feature consumes, and shutdown. */
export interface Provisioning {
  handlers: PartialHandlers<ProvisionChannel | 'keys:managed-public' | 'keys:export-private'>;
  resolver: NodeLoginResolver;
  service: ProvisionService;
  logins: RemoteLoginService;
  registry: ProvisionedUserRegistry;
  /** Tells the registry what a node action did: a reimage removes every user, a removed node takes its users along. */
  nodeActionAccepted(accountId: string, poolId: string, action: NodeAction, nodeIds: readonly string[]): Promise<void>;
}

/** Builds users-across-pools, the remote-login table, the managed key and the node login resolver. */
export function createProvisioning(deps: ProvisioningDeps): Provisioning {
  const registry = new ProvisionedUserRegistry(deps.dataDir);
  const keys = new ManagedKeyStore(deps.secretStore, deps.redactor);
  const exports = new KeyExportRecords(deps.dataDir);
  const secrets = deps.secretStore;
  const service = new ProvisionService({ ...deps, keys, registry, secrets });
  const reconciler = new NodeUserReconciler({ registry, keys, secrets, redactor: deps.redactor });
  const logins = new RemoteLoginService({ clients: deps.clients, registry, reconciler, log: deps.log });
  const resolver = new ProvisionNodeLoginResolver({ clients: deps.clients, registry, keys, secrets: deps.secretStore, logins, redactor: deps.redactor });
  return {
    handlers: {
      ...provisionHandlers({ clients: deps.clients, service, logins, registry, exports, home: deps.home, knownHostsLines: deps.knownHostsLines }),
      ...keysHandlers({ clients: deps.clients, keys, exports, log: deps.log, home: deps.home }),
    },
    resolver,
    service,
    logins,
    registry,
    async nodeActionAccepted(accountId, poolId, action, nodeIds) {
      let changed = 0;
      if (action === 'reimage') changed = await registry.markGone(accountId, poolId, nodeIds, `Removed by the reimage Batch Deck sent at ${new Date().toISOString()}. Add the user again.`);
      if (action === 'remove') changed = await registry.forgetNodes(accountId, poolId, (nodeId) => nodeIds.includes(nodeId));
      if (changed > 0) await registry.save();
    },
  };
}
