import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { openChannel } from '../../../main/ssh/ssh-channel';
import { SshConnectFailure } from '../../../main/ssh/ssh-failure';

describe('openChannel', () => {
  it('turns ssh2\'s "Not connected" (a connection whose socket already closed) into a retryable SSH failure, not a bug', async () => {
    const failure = await openChannel(new ssh2.Client(), { cols: 80, rows: 24 }, undefined).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SshConnectFailure);
    expect(failure).toMatchObject({ code: 'SSH_ERROR', retryable: true, message: 'The connection closed before the shell could start: Not connected' });
    const command = await openChannel(new ssh2.Client(), { cols: 80, rows: 24 }, 'hostname').catch((error: unknown) => error);
    expect(command).toMatchObject({ retryable: true, message: expect.stringContaining('before the command could start') });
  });
});
