import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshConnectionPool, type SshConnectionKey } from '../../../main/ssh/connection-pool';
import { HostKeyPrompts } from '../../../main/ssh/host-key-prompts';
import { HostKeyTrust } from '../../../main/ssh/host-key-trust';
import { KnownHostsFile } from '../../../main/ssh/known-hosts-file';
import type { NodeLoginRequest } from '../../../main/ssh/node-login';
import { eventually } from '../../helpers/eventually';
import { startSshd, type RunningSshd } from '../../helpers/sshd';
import { MemoryLogger, serverConnections as sshConnections } from './terminal-fixture';

let sshd: RunningSshd;
let dataDir: string;
let pool: SshConnectionPool;
const resolved: NodeLoginRequest[] = [];

beforeAll(async () => {
  sshd = await startSshd();
  dataDir = mkdtempSync(join(tmpdir(), 'batch-deck-pool-'));
  const knownHosts = join(dataDir, 'known_hosts');
  writeFileSync(knownHosts, `${sshd.hostKeyId} ${sshd.hostPublicKey()}\n`);
  const trust = new HostKeyTrust(dataDir, new KnownHostsFile(knownHosts));
  const resolver = { resolve: async (request: NodeLoginRequest) => (resolved.push(request), sshd.loginTarget()) };
  pool = new SshConnectionPool({ resolver, trust, prompts: new HostKeyPrompts(), log: new MemoryLogger() });
});

afterAll(async () => {
  await pool?.dispose();
  await sshd?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Logins sshd accepted so far (one per TCP connection). */
function logins(): number {
  return sshd.log().match(/Accepted publickey for /g)?.length ?? 0;
}

const serverConnections = (): Promise<number> => sshConnections(sshd.port);

/** Waits until sshd has logged `count` more logins than `before` (its log arrives on its own time). */
async function loginsSince(before: number, count: number): Promise<void> {
  await eventually(async () => (logins() - before >= count ? true : undefined), 5000);
  expect(logins() - before).toBe(count);
}

/** Runs `command` on the connection and resolves with its output. */
function exec(client: Client, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      let out = '';
      channel.on('data', (chunk: Buffer) => (out += chunk.toString()));
      channel.on('close', () => resolve(out));
    });
  });
}

const key = (nodeId: string): SshConnectionKey => ({ accountId: 'acct', poolId: 'pool-1', nodeId, user: sshd.user });

describe('shared SSH connections', () => {
  it('a connection the node hung up on is not handed out again: the next user at once gets a new one that works', async () => {
    const first = await pool.acquire(key('n-hangup'));
    const ended = new Promise<void>((resolve) => first.client.once('end', () => resolve()));
    // The shell's parent is sshd's process for this connection: ending it hangs up on us.
    void exec(first.client, 'kill -TERM $PPID').catch(() => undefined);
    await ended;
    const second = await pool.acquire(key('n-hangup'));
    expect(second.client).not.toBe(first.client);
    expect(await exec(second.client, 'echo fresh')).toBe('fresh\n');
    first.release();
    second.release();
  });

  it('two users of one node share one logged-in connection, and the last release ends it on the node', async () => {
    const before = logins();
    const [a, b] = await Promise.all([pool.acquire(key('n1')), pool.acquire(key('n1'))]);
    const c = await pool.acquire(key('n1'));
    expect(a.client).toBe(b.client);
    expect(c.client).toBe(a.client);
    await loginsSince(before, 1);
    expect(await serverConnections()).toBe(1);

    a.release();
    b.release();
    expect(await exec(c.client, 'echo still-here')).toBe('still-here\n');
    c.release();
    expect(c.isOpen).toBe(false);
    await eventually(async () => ((await serverConnections()) === 0 ? true : undefined), 5000);
    expect(pool.openCount).toBe(0);
  });

  it('another node or user gets its own connection', async () => {
    const before = logins();
    const a = await pool.acquire(key('n1'));
    const b = await pool.acquire(key('n2'));
    expect(b.client).not.toBe(a.client);
    await loginsSince(before, 2);
    expect(await serverConnections()).toBe(2);
    a.release();
    b.release();
  });

  it('a dropped connection is seen by every user, and the next acquire connects anew', async () => {
    const a = await pool.acquire(key('n3'));
    const b = await pool.acquire(key('n3'));
    const seen: string[] = [];
    a.onClose((reason) => seen.push(`a: ${reason}`));
    b.onClose((reason) => seen.push(`b: ${reason}`));
    for (const pid of await sshd.connectionPids()) process.kill(pid, 'SIGKILL');
    await eventually(async () => (seen.length === 2 ? true : undefined), 5000);
    expect(a.isOpen).toBe(false);
    const again = await pool.acquire(key('n3'));
    expect(again.client).not.toBe(a.client);
    expect(await exec(again.client, 'echo back')).toBe('back\n');
    a.release();
    b.release();
    again.release();
  });

  it('a caller that stops waiting is cancelled; the others still get the connection', async () => {
    const abort = new AbortController();
    const gaveUp = pool.acquire(key('n4'), { signal: abort.signal });
    const stays = pool.acquire(key('n4'));
    abort.abort();
    await expect(gaveUp).rejects.toMatchObject({ code: 'CANCELLED' });
    const lease = await stays;
    expect(await exec(lease.client, 'echo ok')).toBe('ok\n');
    lease.release();
  });

  it('every request is resolved in the account it names', () => {
    expect(resolved.every((request) => request.accountId === 'acct')).toBe(true);
    expect(resolved.map((request) => request.nodeId)).toContain('n2');
  });
});
