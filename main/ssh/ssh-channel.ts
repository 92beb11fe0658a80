import type { Client, ClientChannel } from 'ssh2';
import type { SessionStatus } from '../../contract/features/terminal';
import type { HostKeyEvent } from './ssh-connect';
import { SshConnectFailure } from './ssh-failure';

/** Opens the login shell, or runs `command`, on an xterm-256color pty of the given size. */
export function openChannel(client: Client, size: { cols: number; rows: number }, command: string | undefined): Promise<ClientChannel> {
  const pty = { term: 'xterm-256color', cols: size.cols, rows: size.rows };
  return new Promise((resolve, reject) => {
    const done = (error: Error | undefined, channel: ClientChannel): void => {
      if (error) {
        // The connection is shared (other tabs, SFTP, tunnels): the caller releases its lease instead of ending it.
        reject(new SshConnectFailure('SSH_ERROR', `The node refused ${command ? 'the command' : 'a shell'}: ${error.message}`, true));
      } else {
        resolve(channel);
      }
    };
    try {
      if (command) client.exec(command, { pty }, done);
      else client.shell(pty, done);
    } catch (error) {
      // ssh2 throws "Not connected" when the shared connection's socket closed before its 'close' event: a lost
      // connection like any other, retried (the pool drops it on 'end'), not a bug that ends the session.
      reject(new SshConnectFailure('SSH_ERROR', `The connection closed before ${command ? 'the command' : 'the shell'} could start: ${(error as Error).message}`, true));
    }
  });
}

/** What the user sees while a connection verifies its host key; undefined when nothing changes on screen. */
export function statusOfHostKeyEvent(event: HostKeyEvent, attempt: number): SessionStatus | undefined {
  const { hostKeyId } = event;
  switch (event.kind) {
    case 'prompt': {
      const key = { keyType: event.key.keyType, fingerprint: event.key.fingerprint };
      return { state: 'host-key-prompt', hostKeyId, key, otherKnown: event.otherKnown };
    }
    case 'changed': {
      const presented = { keyType: event.presented.keyType, fingerprint: event.presented.fingerprint };
      return { state: 'host-key-changed', hostKeyId, presented, known: event.known };
    }
    case 'decided':
      // Trusted: the handshake goes on. Rejected: the connect failure that follows sets the status.
      return event.decision === 'trust' ? { state: 'connecting', attempt } : undefined;
  }
}
