import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSshFixture,
  execOnClient,
  openShell,
  processAlive,
  waitForOutput,
  type SshFixture,
} from './runtime-fixture';

describe('pty shells on an emulated node', () => {
  let fixture: SshFixture;

  beforeEach(async () => {
    fixture = await createSshFixture('ops');
  });
  afterEach(() => fixture.dispose());

  it('gives a shell whose stty size follows window changes', async () => {
    const client = await fixture.login();
    const shell = await openShell(client, { term: 'xterm-256color', rows: 30, cols: 100 });
    let match = waitForOutput(shell, /SIZE=(\d+) (\d+)/);
    shell.write('echo SIZE=$(stty size)\n');
    expect((await match).slice(1)).toEqual(['30', '100']);
    shell.setWindow(45, 132, 0, 0);
    match = waitForOutput(shell, /SIZE2=(\d+) (\d+)/);
    shell.write('echo SIZE2=$(stty size)\n');
    expect((await match).slice(1)).toEqual(['45', '132']);
    client.end();
  });

  it('passes the terminal type and the Batch variables to the shell, with HOME inside the node folder', async () => {
    const client = await fixture.login();
    const shell = await openShell(client, { term: 'vt220', rows: 24, cols: 80 });
    const match = waitForOutput(shell, /VARS=(\S+) (\S+) (\S+)/);
    shell.write("echo VA''RS=$TERM $AZ_BATCH_POOL_ID $HOME\n");
    const [, term, pool, home] = await match;
    expect([term, pool]).toEqual(['vt220', fixture.node.poolId]);
    expect(home!.startsWith(fixture.runtime.nodeDir(fixture.node) + '/')).toBe(true);
    client.end();
  });

  it('honours locale env requests but not ones that would change the node (PATH)', async () => {
    const client = await fixture.login();
    const result = await new Promise<string>((resolve, reject) => {
      client.exec('echo "$LC_TIME|$PATH"', { env: { LC_TIME: 'C.UTF-8', PATH: '/nowhere' } }, (error, channel) => {
        if (error) return reject(error);
        let out = '';
        channel.on('data', (data: Buffer) => (out += data.toString()));
        channel.on('close', () => resolve(out));
      });
    });
    client.end();
    const [locale, path] = result.trim().split('|');
    expect(locale).toBe('C.UTF-8');
    expect(path).not.toBe('/nowhere');
  });

  it('returns exit codes of commands run with a terminal', async () => {
    const client = await fixture.login();
    const result = await execOnClient(client, 'echo tty; exit 5', { term: 'xterm', rows: 24, cols: 80 });
    client.end();
    expect(result.code).toBe(5);
    expect(result.stdout).toContain('tty');
  });

  it('ends a shell and what it started when the channel is closed', async () => {
    const client = await fixture.login();
    const shell = await openShell(client, { term: 'xterm', rows: 24, cols: 80 });
    const match = waitForOutput(shell, /PIDS=(\d+) (\d+)/);
    shell.write('sleep 300 & echo PIDS=$$ $!\n');
    const pids = (await match).slice(1).map(Number);
    const closed = new Promise((resolve) => shell.once('close', resolve));
    shell.close();
    await closed;
    await waitUntil(() => pids.every((pid) => !processAlive(pid)));
    client.end();
  });

  it('ends every shell on shutdown, and drops peers that never finished their handshake', async () => {
    const silent = connect(fixture.port, '127.0.0.1');
    const silentClosed = new Promise<void>((resolve) => silent.once('close', () => resolve()));
    silent.on('error', () => undefined);
    silent.resume(); // read (and ignore) the server's banner, so the socket sees the server hang up
    const client = await fixture.login();
    client.on('error', () => undefined);
    const shell = await openShell(client, { term: 'xterm', rows: 24, cols: 80 });
    const match = waitForOutput(shell, /PIDS=(\d+) (\d+)/);
    shell.write('sleep 300 & echo PIDS=$$ $!\n');
    const pids = (await match).slice(1).map(Number);
    expect(pids.every(processAlive)).toBe(true);
    await fixture.runtime.shutdown();
    expect(pids.filter(processAlive)).toEqual([]);
    expect(fixture.runtime.sshPort(fixture.node)).toBeUndefined();
    await silentClosed;
    await expect(fixture.runtime.openSsh(fixture.node, 0)).rejects.toThrow(/shut down/);
  });
});

/** Polls a condition that the system makes true soon (process reaping); never asserts on how long it took. */
async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}
