import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createTerminalFixture, waitUntil, type TerminalFixture } from './terminal-fixture';

const run = promisify(execFile);
let fx: TerminalFixture | undefined;

afterEach(async () => {
  await fx?.dispose();
  fx = undefined;
});

/** What `ssh-keygen -lf` prints for the server's key: the fingerprint a user compares with the prompt. */
async function keygenFingerprint(publicKeyLine: string, dir: string): Promise<string> {
  const file = join(dir, 'server.pub');
  writeFileSync(file, `${publicKeyLine}\n`);
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', file]);
  return stdout.split(' ')[1] ?? '';
}

/** sshd DEBUG1 log lines that show an authentication request or its outcome. */
function authLines(log: string): string[] {
  return log.split('\n').filter((line) => /userauth-request|Postponed|Accepted (publickey|key)|Failed (publickey|none|password)/.test(line));
}

describe('host keys', () => {
  it('an unknown host key is shown with its type and SHA256 fingerprint and trusted only when the user says so', async () => {
    fx = await createTerminalFixture({ trustServer: false });
    const userKnownHosts = readFileSync(fx.knownHostsPath, 'utf8');
    const shell = fx.openShell();
    const prompt = await waitUntil('prompt', () => (shell.status?.state === 'host-key-prompt' ? shell.status : undefined));
    expect(prompt.hostKeyId).toBe(fx.sshd.hostKeyId);
    expect(prompt.key.keyType).toBe('ssh-ed25519');
    expect(prompt.key.fingerprint).toBe(await keygenFingerprint(fx.sshd.hostPublicKey(), fx.dataDir));
    expect(authLines(fx.sshd.log())).toEqual([]);

    expect(fx.prompts.decide(prompt.hostKeyId, prompt.key.fingerprint, 'trust')).toBe(1);
    await waitUntil('connected', () => shell.status?.state === 'connected');
    expect((await fx.trust.list()).map((k) => [k.hostKeyId, k.fingerprint])).toEqual([[fx.sshd.hostKeyId, prompt.key.fingerprint]]);
    expect(readFileSync(fx.knownHostsPath, 'utf8')).toBe(userKnownHosts);

    // Trusted now: the next session connects without asking.
    const again = fx.openShell();
    await waitUntil('connected', () => again.status?.state === 'connected');
    expect(again.statuses.some((s) => s.state === 'host-key-prompt')).toBe(false);
  });

  it('rejecting an unknown key ends the connection before any authentication attempt', async () => {
    fx = await createTerminalFixture({ trustServer: false, sshd: { logLevel: 'DEBUG1' } });
    const shell = fx.openShell();
    const prompt = await waitUntil('prompt', () => (shell.status?.state === 'host-key-prompt' ? shell.status : undefined));
    fx.prompts.decide(prompt.hostKeyId, prompt.key.fingerprint, 'reject');
    const status = await waitUntil('disconnected', () => (shell.status?.state === 'disconnected' ? shell.status : undefined));
    expect(status.code).toBe('HOST_KEY_UNKNOWN');
    await waitUntil('sshd saw the disconnect', () => fx!.sshd.log().includes('[preauth]'));
    expect(authLines(fx.sshd.log())).toEqual([]);
    expect(await fx.trust.list()).toEqual([]);
  });

  it('a changed host key is blocked with zero authentication attempts recorded by sshd, showing old and new', async () => {
    fx = await createTerminalFixture({ sshd: { logLevel: 'DEBUG1' } });
    // Positive control: a trusted connection does show up as authentication requests in this log.
    const trusted = fx.openShell();
    await waitUntil('connected', () => trusted.status?.state === 'connected');
    expect(authLines(fx.sshd.log()).length).toBeGreaterThan(0);
    await fx.service.close(trusted.sessionId);

    const oldFingerprint = await keygenFingerprint(fx.sshd.hostPublicKey(), fx.dataDir);
    await fx.sshd.restartWithNewHostKey();
    const logStart = fx.sshd.log().length;
    const shell = fx.openShell();
    const blocked = await waitUntil('blocked', () => (shell.status?.state === 'host-key-changed' ? shell.status : undefined));
    expect(blocked.presented.fingerprint).toBe(await keygenFingerprint(fx.sshd.hostPublicKey(), fx.dataDir));
    expect(blocked.known).toEqual([{ keyType: 'ssh-ed25519', fingerprint: oldFingerprint, source: 'known_hosts' }]);
    await waitUntil('sshd saw the disconnect', () => fx!.sshd.log().slice(logStart).includes('[preauth]'));
    expect(authLines(fx.sshd.log().slice(logStart))).toEqual([]);
    // No retry loop, and no way to accept from the prompt API: nobody waits for a decision.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(shell.status?.state).toBe('host-key-changed');
    expect(() => fx!.prompts.decide(blocked.hostKeyId, blocked.presented.fingerprint, 'trust')).toThrow(/No connection/);
  });

  it('a hashed known_hosts entry (HashKnownHosts) is recognised without a prompt', async () => {
    fx = await createTerminalFixture();
    await run('ssh-keygen', ['-H', '-f', fx.knownHostsPath]);
    expect(readFileSync(fx.knownHostsPath, 'utf8')).toMatch(/^\|1\|/);
    const shell = fx.openShell();
    await waitUntil('connected', () => shell.status?.state === 'connected');
    expect(shell.statuses.map((s) => s.state)).not.toContain('host-key-prompt');
  });

  it('one answer settles every tab waiting on the same host key', async () => {
    fx = await createTerminalFixture({ trustServer: false });
    const first = fx.openShell();
    const second = fx.openShell();
    const prompt = await waitUntil('prompt', () => (first.status?.state === 'host-key-prompt' ? first.status : undefined));
    await waitUntil('second prompt', () => second.status?.state === 'host-key-prompt');
    // Both tabs wait on the node's one shared connection: one question on the wire, shown in both tabs.
    expect(fx.prompts.decide(prompt.hostKeyId, prompt.key.fingerprint, 'trust')).toBe(1);
    await waitUntil('both connected', () => first.status?.state === 'connected' && second.status?.state === 'connected');
    expect(await fx.trust.list()).toHaveLength(1);
  });

  it('after the user deliberately forgets a changed key, reconnecting asks about the new key', async () => {
    fx = await createTerminalFixture({ trustServer: false });
    const shell = fx.openShell();
    const prompt = await waitUntil('prompt', () => (shell.status?.state === 'host-key-prompt' ? shell.status : undefined));
    fx.prompts.decide(prompt.hostKeyId, prompt.key.fingerprint, 'trust');
    await waitUntil('connected', () => shell.status?.state === 'connected');
    await fx.service.close(shell.sessionId);

    await fx.sshd.restartWithNewHostKey();
    const next = fx.openShell();
    const blocked = await waitUntil('blocked', () => (next.status?.state === 'host-key-changed' ? next.status : undefined));
    expect(blocked.known[0]?.source).toBe('trust-store');
    expect(await fx.trust.forget(blocked.hostKeyId, prompt.key.fingerprint)).toBe(true);
    fx.service.reconnect(next.sessionId);
    const asked = await waitUntil('prompt', () => (next.status?.state === 'host-key-prompt' ? next.status : undefined));
    expect(asked.key.fingerprint).toBe(blocked.presented.fingerprint);
  });
});
