import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../../main/keys/managed-key-store';
import { HostKeyPrompts } from '../../../main/ssh/host-key-prompts';
import { HostKeyTrust } from '../../../main/ssh/host-key-trust';
import { KnownHostsFile } from '../../../main/ssh/known-hosts-file';
import { connectVerified, type HostKeyEvent } from '../../../main/ssh/ssh-connect';
import { SshConnectFailure } from '../../../main/ssh/ssh-failure';
import { startSshd, type RunningSshd } from '../../helpers/sshd';

let sshd: RunningSshd | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await sshd?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  sshd = undefined;
  dataDir = undefined;
});

describe('a first-seen host key trusted, then the login refused', () => {
  it('reports the refused login (not a hang-up during the host-key decision), once, and keeps the trusted key', async () => {
    sshd = await startSshd();
    dataDir = mkdtempSync(join(tmpdir(), 'batch-deck-accept-new-'));
    const knownHostsPath = join(dataDir, 'user_known_hosts');
    writeFileSync(knownHostsPath, '');
    const trust = new HostKeyTrust(dataDir, new KnownHostsFile(knownHostsPath));
    const prompts = new HostKeyPrompts();
    const events: HostKeyEvent[] = [];
    // A key sshd does not know: the server refuses the login after the user trusted its host key.
    const strangerKey = generateEd25519KeyPair('stranger').private;
    const attempt = connectVerified(
      { host: sshd.host, port: sshd.port, username: sshd.user, auth: { kind: 'privateKey', privateKey: strangerKey }, label: 'test', hostKeyId: sshd.hostKeyId },
      {
        trust,
        prompts,
        onHostKey: (event) => {
          events.push(event);
          if (event.kind === 'prompt') setImmediate(() => prompts.decide(event.hostKeyId, event.key.fingerprint, 'trust'));
        },
      },
    );
    const failure = await attempt.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SshConnectFailure);
    expect((failure as SshConnectFailure).message).toMatch(/refused the login of .*: the key or password was not accepted/);
    expect((failure as SshConnectFailure).retryable).toBe(false);
    expect((failure as SshConnectFailure).retryNow).toBe(false);
    expect(events.map((e) => e.kind)).toEqual(['prompt', 'decided']);
    expect((await trust.list()).map((k) => k.hostKeyId)).toEqual([sshd.hostKeyId]);
  });
});
