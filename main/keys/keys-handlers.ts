import type { provisionChannels } from '../../contract/features/provision';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ActiveAccount, BatchClientSource } from '../batch/batch-client-source';
import type { Logger } from '../log';
import type { PartialHandlers } from '../router';
import { sha256Fingerprint } from '../ssh/host-key-blob';
import { publicKeyBlob, type ManagedKeyStore } from './managed-key-store';
import { ensureSshFolder, resolveExportPath, writePrivateKeyFile, type KeyExportRecords } from './private-key-export';

/** The managed-key channels: the `keys:` part of the provision contract. */
export type KeysChannel = Extract<keyof typeof provisionChannels, `keys:${string}`>;

/** What the key channels need. */
export interface KeysHandlerDeps {
  clients: BatchClientSource;
  keys: ManagedKeyStore;
  exports: KeyExportRecords;
  log: Logger;
  home?: string;
}

/** Where the export dialog proposes to put an account's key: `~/.ssh/batch-deck-<account>_ed25519`. */
export function suggestedKeyPath(account: ActiveAccount, home: string = homedir()): string {
  const safe = account.name.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64) || 'account';
  return join(home, '.ssh', `batch-deck-${safe}_ed25519`);
}

/**
 * Contract handlers for the named account's managed key: the public half on request, the private half only into a file
 * the user names.
 */
export function keysHandlers(deps: KeysHandlerDeps): PartialHandlers<KeysChannel> {
  return {
    'keys:managed-public': async ({ accountId }) => {
      const { account } = await deps.clients.forAccount(accountId);
      const publicKey = await deps.keys.publicKey(account.id, account.name);
      const exportedPath = await deps.exports.pathOf(account.id);
      return {
        accountId: account.id,
        publicKey,
        fingerprint: sha256Fingerprint(publicKeyBlob(publicKey)),
        suggestedPath: suggestedKeyPath(account, deps.home),
        ...(exportedPath ? { exportedPath } : {}),
      };
    },
    'keys:export-private': async ({ accountId, path, overwrite }) => {
      const { account } = await deps.clients.forAccount(accountId);
      const target = resolveExportPath(path, deps.home);
      await ensureSshFolder(target, deps.home);
      await writePrivateKeyFile(target, await deps.keys.privateKey(account.id, account.name), overwrite);
      await deps.exports.remember(account.id, target);
      deps.log.info('keys', `exported the managed private key of account ${account.name} to ${target} (0600)`);
      return { path: target };
    },
  };
}
