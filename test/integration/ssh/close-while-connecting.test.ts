import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../contract/features/terminal';
import { HostKeyPrompts } from '../../../main/ssh/host-key-prompts';
import { HostKeyTrust } from '../../../main/ssh/host-key-trust';
import { KnownHostsFile } from '../../../main/ssh/known-hosts-file';
import { SshConnectionPool } from '../../../main/ssh/connection-pool';
import type { NodeLoginTarget } from '../../../main/ssh/node-login';
import { openChannel } from '../../../main/ssh/ssh-channel';
import { SshShell, type SshShellDeps } from '../../../main/ssh/ssh-shell';
import { startSshd, type RunningSshd } from '../../helpers/sshd';
import { eventually } from '../../helpers/eventually';
import { MemoryLogger, waitUntil } from './terminal-fixture';

// Closing a terminal tab while its SSH connection is still being set up must not leave a session on the node.
let sshd: RunningSshd;
let dataDir: string;
let trust: HostKeyTrust;

beforeAll(async () => {
  sshd = await startSshd();
  dataDir = mkdtempSync(join(tmpdir(), 'batch-deck-close-'));
  const knownHosts = join(dataDir, 'known_hosts');
  writeFileSync(knownHosts, `${sshd.hostKeyId} ${sshd.hostPublicKey()}\n`);
  trust = new HostKeyTrust(dataDir, new KnownHostsFile(knownHosts));
});

afterAll(async () => {
  await sshd?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A promise the test resolves when it wants the held-back step to go on. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** An SSH shell to the test sshd on a pool of its own, recording the statuses a tab would show. */
function shellTo(
  overrides: Partial<Pick<SshShellDeps, 'openChannel'>> & { resolve?: () => Promise<NodeLoginTarget> },
): { shell: SshShell; statuses: SessionStatus[] } {
  const statuses: SessionStatus[] = [];
  const log = new MemoryLogger();
  const resolver = { resolve: overrides.resolve ?? (async () => sshd.loginTarget()) };
  const deps: SshShellDeps = {
    connections: new SshConnectionPool({ resolver, trust, prompts: new HostKeyPrompts(), log }),
    key: { accountId: 'acct', poolId: 'pool-1', nodeId: 'node-1', user: sshd.user },
    name: 'close-test',
    log,
    ...(overrides.openChannel ? { openChannel: overrides.openChannel } : {}),
  };
  const shell = new SshShell(deps, { data: () => undefined, exit: () => undefined, status: (s) => statuses.push(s) }, { cols: 80, rows: 24 });
  return { shell, statuses };
}

/** The client port of the latest login sshd accepted after `logStart`, once it has one. */
function acceptedPort(logStart: number): number | undefined {
  const match = [...sshd.log().slice(logStart).matchAll(/Accepted publickey for \S+ from 127\.0\.0\.1 port (\d+)/g)].at(-1);
  return match ? Number(match[1]) : undefined;
}

/** Whether sshd logged the end of the connection from `port`. */
function sessionClosed(port: number): boolean {
  // A socket dropped mid key exchange is logged as a broken pipe on "Connection from …" rather than as a disconnect,
  // and one the client reset (closed with data unread: more likely on a busy machine) as "Connection reset by …".
  const ended =
    '(Disconnected from user \\S+|Received disconnect from|Connection (closed|reset) by( authenticating user \\S+)?|(ssh_dispatch_run_fatal|banner exchange): Connection from)';
  return new RegExp(`${ended} 127\\.0\\.0\\.1 port ${port}\\b`).test(sshd.log());
}

describe('closing a terminal while it connects', () => {
  it('after the login succeeded but before the shell opened, the session on the node ends within 2 s', async () => {
    const logStart = sshd.log().length;
    const shellRequest = gate();
    let loggedIn = (): void => undefined;
    const reachedShell = new Promise<void>((resolve) => (loggedIn = resolve));
    const { shell, statuses } = shellTo({
      openChannel: async (client, size, command) => {
        loggedIn();
        await shellRequest.opened;
        return openChannel(client, size, command);
      },
    });
    shell.start();
    await reachedShell;
    const port = await waitUntil('sshd accepted the login', () => acceptedPort(logStart));
    expect(sessionClosed(port)).toBe(false);

    await shell.close();
    shellRequest.open();
    await waitUntil('sshd logged the session closed', () => sessionClosed(port), 2000);
    await eventually(async () => ((await sshd.connectionPids()).length === 0 ? true : undefined), 2000);
    expect(statuses.map((s) => s.state)).not.toContain('connected');
  });

  it('during the handshake, no session is left on the node', async () => {
    const logStart = sshd.log().length;
    const { shell, statuses } = shellTo({});
    shell.start();
    await waitUntil('sshd saw the connection', () => sshd.log().slice(logStart).includes('Connection from 127.0.0.1'));
    await shell.close();
    const port = Number(/Connection from 127\.0\.0\.1 port (\d+)/.exec(sshd.log().slice(logStart))?.[1]);
    await waitUntil('sshd logged the connection closed', () => sessionClosed(port), 2000);
    expect(statuses.map((s) => s.state)).not.toContain('connected');
  });

  it('while the login is still being looked up, the node is never contacted', async () => {
    const logStart = sshd.log().length;
    const lookup = gate();
    const { shell, statuses } = shellTo({
      resolve: async () => {
        await lookup.opened;
        return sshd.loginTarget();
      },
    });
    shell.start();
    await shell.close();
    lookup.open();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // A probe connection after it proves the log is live: anything the closed tab sent would be logged before it.
    const probe = shellTo({});
    probe.shell.start();
    await waitUntil('probe connected', () => probe.statuses.at(-1)?.state === 'connected');
    await probe.shell.close();
    expect(sshd.log().slice(logStart).match(/Connection from 127\.0\.0\.1/g)).toHaveLength(1);
    expect(statuses.map((s) => s.state)).toEqual(['connecting']);
  });
});
