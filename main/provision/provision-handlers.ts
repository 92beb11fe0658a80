import type { provisionChannels } from '../../contract/features/provision';
import { ContractFailure } from '../../contract/result';
import type { BatchClientSource } from '../batch/batch-client-source';
import { suggestedKeyPath, type KeysChannel } from '../keys/keys-handlers';
import type { KeyExportRecords } from '../keys/private-key-export';
import type { PartialHandlers } from '../router';
import type { ProvisionService } from './provision-service';
import type { RemoteLoginService } from './remote-login-service';
import { hostKeyIdFor } from '../ssh/host-key-blob';
import { sshCommand, sshCommands } from './ssh-command';
import type { ProvisionedUserRegistry } from './user-registry';

/** The provisioning and remote-login channels: the provision contract without its managed-key part (keys-handlers.ts). */
export type ProvisionChannel = Exclude<keyof typeof provisionChannels, KeysChannel>;

/** What the handlers call. */
export interface ProvisionHandlerDeps {
  clients: BatchClientSource;
  service: ProvisionService;
  logins: RemoteLoginService;
  registry: ProvisionedUserRegistry;
  exports: KeyExportRecords;
  /** The trusted host keys of `[host]:port` as known_hosts lines (none when the node was never trusted). */
  knownHostsLines?: (hostKeyId: string) => Promise<string[]>;
  home?: string;
}

/** Contract handlers for provisioning users and the remote login table. */
export function provisionHandlers(deps: ProvisionHandlerDeps): PartialHandlers<ProvisionChannel> {
  return {
    'provision:apply': (request) => deps.service.apply(request),
    'provision:remove': (request) => deps.service.remove(request),
    'remote-login:list': ({ accountId, poolId, refresh }) => deps.logins.list(accountId, poolId, refresh),
    'remote-login:ssh-command': async ({ accountId, poolId, nodeId, userName }) => {
      const { account } = await deps.clients.forAccount(accountId);
      const record = await deps.registry.user(account.id, poolId, userName);
      if (!record) throw new ContractFailure('NOT_FOUND', `Batch Deck has not provisioned a user named ${userName} on pool ${poolId}.`);
      const { ipAddress, port } = await deps.logins.loginAddress(account.id, poolId, nodeId);
      const managed = record.authKind === 'managedKey';
      const exported = managed ? await deps.exports.pathOf(account.id) : undefined;
      const keyFile = managed ? (exported ?? suggestedKeyPath(account, deps.home)) : undefined;
      const parts = { host: ipAddress, port, userName: record.userName, ...(keyFile ? { keyFile } : {}) };
      return {
        command: sshCommand(parts),
        commands: sshCommands(parts),
        knownHostsLines: (await deps.knownHostsLines?.(hostKeyIdFor(ipAddress, port))) ?? [],
        keyFileNeeded: managed && !exported,
      };
    },
  };
}
