import { processAlive } from '../../helpers/eventually';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/events';
import { HostKeyPrompts } from '../../../main/ssh/host-key-prompts';
import { HostKeyTrust } from '../../../main/ssh/host-key-trust';
import { KnownHostsFile } from '../../../main/ssh/known-hosts-file';
import { TerminalService } from '../../../main/terminal/terminal-service';
import { ignoreClosed, MemoryLogger, RendererProbe, waitUntil } from '../ssh/terminal-fixture';
import { flowMaxHighWaterChars } from '../../../main/terminal/output-pump';

let service: TerminalService | undefined;

afterEach(async () => {
  await service?.dispose();
  service = undefined;
});

/** A terminal service whose sessions are read by probes (SSH is not used here). */
function localService(shell?: string) {
  const events = new EventBus();
  const svc = new TerminalService({
    events,
    log: new MemoryLogger(),
    resolver: { resolve: () => Promise.reject(new Error('no nodes here')) },
    trust: new HostKeyTrust('/nonexistent', new KnownHostsFile('/nonexistent/known_hosts')),
    prompts: new HostKeyPrompts(),
    localShell: { shell: shell ?? '/bin/bash', args: ['--norc', '--noprofile'], env: { ...process.env, PS1: 'local$ ' } },
  });
  const probes = new Map<string, RendererProbe>();
  const probe = (id: string): RendererProbe => {
    if (!probes.has(id)) probes.set(id, new RendererProbe(id, (chars) => ignoreClosed(() => svc.ack(id, chars))));
    return probes.get(id)!;
  };
  events.connect('probe', (event, payload) => {
    const p = payload as { sessionId: string; data?: string; exitCode?: number | null; signal?: string | null };
    if (event === 'term:data') probe(p.sessionId).data(p.data ?? '');
    if (event === 'term:exit') probe(p.sessionId).exit = { exitCode: p.exitCode ?? null, signal: p.signal ?? null };
  });
  service = svc;
  return { svc, probe };
}

describe('local shell tab (node-pty)', () => {
  it('runs commands, follows resizes and reports the exit code', async () => {
    const { svc, probe } = localService();
    const info = svc.openLocal({ cols: 80, rows: 24 });
    expect(info).toMatchObject({ kind: 'local', label: 'Local shell 1', status: { state: 'connected' } });
    const shell = probe(info.sessionId);
    svc.input([info.sessionId], 'echo $((6*7)); stty size\r');
    await waitUntil('answer', () => shell.text.includes('42') && shell.text.includes('24 80'));
    svc.resize(info.sessionId, 100, 30);
    svc.input([info.sessionId], 'stty size\r');
    await waitUntil('new size', () => shell.text.includes('30 100'));
    svc.input([info.sessionId], 'exit 5\r');
    await waitUntil('exit', () => shell.exit);
    expect(shell.exit).toEqual({ exitCode: 5, signal: null });
  });

  it('a flood is held back by flow control and Ctrl-C returns the prompt', async () => {
    const { svc, probe } = localService();
    const info = svc.openLocal({ cols: 80, rows: 24 });
    const shell = probe(info.sessionId);
    let maxUnacked = 0;
    const timer = setInterval(() => (maxUnacked = Math.max(maxUnacked, svc.session(info.sessionId).unackedChars)), 5);
    svc.input([info.sessionId], 'yes\r');
    await waitUntil('flood', () => shell.received > 2_000_000, 60_000);
    const back = shell.watch('back-42');
    svc.input([info.sessionId], '\x03');
    svc.input([info.sessionId], 'echo back-$((6*7))\r');
    await back;
    clearInterval(timer);
    expect(maxUnacked).toBeLessThanOrEqual(flowMaxHighWaterChars + 256 * 1024);
  });

  it('closing the tab hangs up the shell and its children', async () => {
    const { svc, probe } = localService();
    const info = svc.openLocal({ cols: 80, rows: 24 });
    const shell = probe(info.sessionId);
    svc.input([info.sessionId], 'sleep 1000 & echo child-$!\r');
    const pid = Number(await waitUntil('child pid', () => /child-(\d+)/.exec(shell.text)?.[1]));
    await svc.close(info.sessionId);
    await waitUntil('child gone', () => !processAlive(pid));
    expect(() => svc.input([info.sessionId], 'x')).toThrow(/no terminal session/);
  });

  it('a shell that does not exist is a PTY_ERROR and leaves no session', () => {
    const { svc } = localService('/no/such/shell');
    expect(() => svc.openLocal({ cols: 80, rows: 24 })).toThrow(/does not exist/);
    return expect(svc.list(false)).resolves.toEqual([]);
  });
});

