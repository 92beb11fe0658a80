import type { SFTPWrapper } from 'ssh2';
import { ContractFailure } from '../../contract/result';
import type { SshConnectionKey, SshConnections } from '../ssh/connection-pool';
import { SftpFiles } from './sftp-io';

/** An SFTP channel on the node's shared SSH connection, for one listing or one transfer. */
export interface SftpSession {
  files: SftpFiles;
  /** How messages name the node, e.g. `node tvm-1`. */
  where: string;
  /** Why the connection closed under this session, once it has. */
  closedReason(): string | undefined;
  /** Closes the SFTP channel and gives the connection back (it stays open for the node's terminals). */
  end(): void;
}

/**
 * Opens SFTP on the shared connection of (account, pool, node, user). An unknown host key is not waited for here
 * (nobody would see the prompt): it fails at once saying to open the node's terminal, where the key is shown.
 */
export async function openSftpSession(connections: SshConnections, key: SshConnectionKey, options: { signal?: AbortSignal; stallMs?: number } = {}): Promise<SftpSession> {
  const { signal } = options;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let unknownKey = false;
  const where = `node ${key.nodeId}`;
  try {
    const lease = await connections.acquire(key, {
      signal: stop.signal,
      onHostKey: (event) => {
        if (event.kind !== 'prompt') return;
        unknownKey = true;
        stop.abort();
      },
    });
    let closed: string | undefined;
    const unsubscribe = lease.onClose((reason) => (closed = reason));
    let sftp: SFTPWrapper;
    try {
      sftp = await new Promise<SFTPWrapper>((resolve, reject) => lease.client.sftp((error, channel) => (error ? reject(error) : resolve(channel))));
    } catch (error) {
      unsubscribe();
      lease.release();
      throw new ContractFailure('SSH_ERROR', `${where} refused an SFTP channel (${(error as Error).message}); its SSH server may not offer SFTP.`);
    }
    return {
      files: new SftpFiles(sftp, options.stallMs),
      where,
      closedReason: () => closed,
      end: () => {
        unsubscribe();
        sftp.end();
        lease.release();
      },
    };
  } catch (error) {
    if (unknownKey) {
      throw new ContractFailure('HOST_KEY_UNKNOWN', `The host key of ${where} is not trusted yet: open the node's terminal once, check the fingerprint and trust it, then try again.`);
    }
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
