import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminalFixture, fixtureAccountId, serverConnections, waitUntil, type TerminalFixture } from './terminal-fixture';

let fx: TerminalFixture;

beforeAll(async () => {
  fx = await createTerminalFixture({
    service: { ssh: { reconnectDelaysMs: [100, 200, 400], keepaliveIntervalMs: 500, keepaliveCountMax: 2 } },
  });
});

afterAll(async () => {
  await fx?.dispose();
});

describe('SSH terminal sessions against OpenSSH sshd', () => {
  it('a shell runs what the user types and shows the answer', async () => {
    const shell = fx.openShell();
    await waitUntil('connected', () => shell.status?.state === 'connected');
    fx.service.input([shell.sessionId], 'echo $((6*7))\r');
    await waitUntil('42 on screen', () => shell.screenLines().some((line) => line.trim() === '42'));
  });

  it('two tabs on one node share one login; closing one leaves the other typing', async () => {
    const first = fx.openShell();
    const second = fx.openShell();
    await waitUntil('both connected', () => first.status?.state === 'connected' && second.status?.state === 'connected');
    expect(await serverConnections(fx.sshd.port)).toBe(1);
    await fx.service.close(first.sessionId);
    fx.service.input([second.sessionId], 'echo $((6*9))\r');
    await waitUntil('54 on screen', () => second.screenLines().some((line) => line.trim() === '54'));
    await fx.service.close(second.sessionId);
  });

  it('typing exit 3 ends the session with exit code 3', async () => {
    const shell = fx.openShell();
    await waitUntil('connected', () => shell.status?.state === 'connected');
    fx.service.input([shell.sessionId], 'exit 3\r');
    await waitUntil('exit', () => shell.exit);
    expect(shell.exit).toEqual({ exitCode: 3, signal: null });
    expect(shell.status).toEqual({ state: 'exited', exitCode: 3, signal: null });
    expect(fx.service.input([shell.sessionId], 'echo late\r')).toEqual({ delivered: [], skipped: [shell.sessionId] });
  });

  it('a command session (exec with a pty) shows its output and its exit code', async () => {
    const info = fx.service.openNode({ accountId: fixtureAccountId, poolId: 'p', nodeId: 'n', user: fx.sshd.user, command: 'echo from-exec; exit 7', cols: 80, rows: 24 });
    const probe = fx.probe(info.sessionId);
    await waitUntil('exit', () => probe.exit);
    expect(probe.text).toContain('from-exec');
    expect(probe.exit).toEqual({ exitCode: 7, signal: null });
  });

  it('multi-byte characters split across SSH packets arrive whole (no replacement characters)', async () => {
    const shell = fx.openShell();
    await waitUntil('connected', () => shell.status?.state === 'connected');
    const done = shell.watch('end-of-euros');
    fx.service.input([shell.sessionId], "printf '€%.0s' $(seq 1 60000); echo; echo end-of-$((1))euros | tr -d 1\r");
    await done;
    expect(shell.text).not.toContain('\uFFFD');
    expect(shell.text.match(/€/g)?.length).toBeGreaterThanOrEqual(60000);
  });

  it('resizing the pane changes what stty size reports on the node', async () => {
    const shell = fx.openShell({ cols: 80, rows: 24 });
    await waitUntil('connected', () => shell.status?.state === 'connected');
    fx.service.input([shell.sessionId], 'stty size\r');
    await waitUntil('24 80', () => shell.text.includes('24 80'));
    fx.service.resize(shell.sessionId, 132, 43);
    fx.service.input([shell.sessionId], 'stty size\r');
    await waitUntil('43 132', () => shell.text.includes('43 132'));
  });

  it('one broadcast reaches every chosen session and each answers for itself', async () => {
    const shells = [fx.openShell(), fx.openShell(), fx.openShell()];
    for (const shell of shells) await waitUntil('connected', () => shell.status?.state === 'connected');
    const result = fx.service.input(
      shells.map((s) => s.sessionId),
      'echo "pid-$$-$((2+3))"\r',
    );
    expect(result.delivered).toHaveLength(3);
    const pids = await Promise.all(shells.map((shell) => waitUntil('answer', () => /pid-(\d+)-5/.exec(shell.text)?.[1])));
    expect(new Set(pids).size).toBe(3);
  });

  it('input naming a closed session changes nothing and says which session is unknown', async () => {
    const shell = fx.openShell();
    await waitUntil('connected', () => shell.status?.state === 'connected');
    await fx.service.close(shell.sessionId);
    const other = fx.openShell();
    await waitUntil('connected', () => other.status?.state === 'connected');
    expect(() => fx.service.input([other.sessionId, shell.sessionId], 'echo should-not-run\r')).toThrow(/no terminal session/);
    fx.service.input([other.sessionId], 'echo marker-$((40+2))\r');
    await waitUntil('marker', () => other.text.includes('marker-42'));
    expect(other.text).not.toContain('should-not-run');
  });

  it('a dropped connection reconnects by itself, to the same account, pool and node, and keeps the scrollback', async () => {
    const shell = fx.openShell();
    await waitUntil('connected', () => shell.status?.state === 'connected');
    const resolvedBefore = fx.resolved.length;
    fx.service.input([shell.sessionId], 'echo before-$((1+1))\r');
    await waitUntil('before', () => shell.text.includes('before-2'));
    const before = await fx.sshd.connectionPids();
    for (const pid of before) signal(pid, 'SIGKILL');
    await waitUntil('reconnecting', () => shell.statuses.some((s) => s.state === 'reconnecting'));
    await waitUntil('connected again', () => shell.status?.state === 'connected');
    fx.service.input([shell.sessionId], 'echo after-$((2+2))\r');
    await waitUntil('after', () => shell.text.includes('after-4'));
    const reconnects = fx.resolved.slice(resolvedBefore);
    expect(reconnects.length).toBeGreaterThan(0);
    for (const request of reconnects) expect(request).toEqual({ accountId: fixtureAccountId, poolId: 'pool-1', nodeId: 'node-1', userName: fx.sshd.user });
    const [snapshot] = (await fx.service.list(true)).filter((s) => s.sessionId === shell.sessionId);
    expect(snapshot?.screen).toContain('before-2');
    expect(snapshot?.screen).toContain('[connection lost');
  });

  it('a connection that stops answering is noticed by keepalive and reconnected', async () => {
    const shell = fx.openShell();
    await waitUntil('connected', () => shell.status?.state === 'connected');
    const frozen = await fx.sshd.connectionPids();
    for (const pid of frozen) signal(pid, 'SIGSTOP');
    try {
      const lost = await waitUntil('keepalive timeout', () =>
        shell.statuses.find((s) => s.state === 'reconnecting' && /keepalive/i.test(s.reason)),
      );
      expect(lost).toBeTruthy();
      await waitUntil('connected again', () => shell.status?.state === 'connected');
      fx.service.input([shell.sessionId], 'echo alive-$((3*3))\r');
      await waitUntil('alive', () => shell.text.includes('alive-9'));
    } finally {
      for (const pid of frozen) {
        signal(pid, 'SIGCONT');
        signal(pid, 'SIGKILL');
      }
    }
  });
});

/** Sends a signal to one of sshd's connection processes, which may have ended by itself meanwhile. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
