import type { BatchClientSource } from '../accounts/batch-client-source';
import type { RetryPolicy } from '../batch/retry';
import type { EventEmitter } from '../events';
import { keysHandlers } from '../keys/keys-handlers';
import { ManagedKeyStore } from '../keys/managed-key-store';
import { KeyExportRecords } from '../keys/private-key-export';
import type { Logger, SecretRedactor } from '../log';
import type { PartialHandlers } from '../router';
import type { NodeLoginResolver } from '../ssh/node-login';
import type { SecretStore } from '../store/secret-store';
import { ProvisionNodeLoginResolver } from './node-login-resolver';
import { provisionHandlers, type ProvisionChannel } from './provision-handlers';
import { ProvisionService } from './provision-service';
import { RemoteLoginService } from './remote-login-service';
import { ProvisionedUserRegistry } from './user-registry';

/** What the connect feature's main half is built from (all of it is in the composition root already). */
export interface ProvisioningDeps {
  dataDir: string;
  secretStore: SecretStore;
  redactor: SecretRedactor;
  events: EventEmitter;
  log: Logger;
  clients: BatchClientSource;
  /** Tuning for tests and benchmarks; the defaults suit Azure. */
  concurrency?: number;
  retryPolicy?: RetryPolicy;
  home?: string;
}

/** The built feature: its contract handlers, the login resolver the SSH feature consumes, and shutdown. */
export interface Provisioning {
  handlers: PartialHandlers<ProvisionChannel | 'keys:managed-public' | 'keys:export-private'>;
  resolver: NodeLoginResolver;
  service: ProvisionService;
  logins: RemoteLoginService;
  dispose(): Promise<void>;
}

/** Builds users-across-pools, the remote-login table, the managed key and the node login resolver. */
export function createProvisioning(deps: ProvisioningDeps): Provisioning {
  const registry = new ProvisionedUserRegistry(deps.dataDir);
  const keys = new ManagedKeyStore(deps.secretStore, deps.redactor);
  const exports = new KeyExportRecords(deps.dataDir);
  const service = new ProvisionService({ ...deps, keys, registry, secrets: deps.secretStore, concurrency: deps.concurrency });
  const logins = new RemoteLoginService({ clients: deps.clients, registry, retryPolicy: deps.retryPolicy });
  const resolver = new ProvisionNodeLoginResolver({ clients: deps.clients, registry, keys, secrets: deps.secretStore, logins, redactor: deps.redactor });
  return {
    handlers: {
      ...provisionHandlers({ clients: deps.clients, service, logins, registry, exports, home: deps.home }),
      ...keysHandlers({ clients: deps.clients, keys, exports, log: deps.log, home: deps.home }),
    },
    resolver,
    service,
    logins,
    dispose: () => service.dispose(),
  };
}
