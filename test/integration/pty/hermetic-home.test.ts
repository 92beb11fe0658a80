import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalShell, type LocalShellOptions } from '../../../main/pty/local-shell';
import { startSshd } from '../../helpers/sshd';
import { createSshFixture, connectClient, openShell, waitForOutput } from '../emulator/node-runtime/runtime-fixture';

// The machine user's rc files must not reach any shell a test starts (a slow ~/.bashrc once stalled every test
// shell for 60 s). Here HOME names a folder whose every rc file sleeps 90 s, and each kind of test shell must still
// answer within the normal test timeout.
const savedHome = process.env.HOME;
let sleepyHome: string;

beforeAll(() => {
  sleepyHome = mkdtempSync(join(tmpdir(), 'batch-deck-sleepy-home-'));
  for (const rc of ['.bashrc', '.profile', '.bash_profile', '.bash_login']) writeFileSync(join(sleepyHome, rc), 'sleep 90\n');
  process.env.HOME = sleepyHome;
});

afterAll(() => {
  process.env.HOME = savedHome;
  rmSync(sleepyHome, { recursive: true, force: true });
});

/** Starts a local shell and resolves with everything it printed once `marker` shows, or after `withinMs`. */
async function localShellOutput(options: LocalShellOptions, marker: string, withinMs: number): Promise<string> {
  let text = '';
  let seen = (): void => undefined;
  const shown = new Promise<void>((resolve) => (seen = resolve));
  const shell = new LocalShell(
    { data: (chunk) => ((text += chunk), text.includes(marker) && seen()), status: () => undefined, exit: () => undefined },
    { cols: 80, rows: 24 },
    { killGraceMs: 200, ...options },
  );
  shell.start();
  shell.write(`echo ${marker.slice(0, 4)}''${marker.slice(4)}\r`);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([shown, new Promise((resolve) => (timer = setTimeout(resolve, withinMs)))]);
  clearTimeout(timer);
  await shell.close();
  return text;
}

/** Runs `echo` in an SSH shell channel and resolves with what $HOME was there. */
async function homeOf(channel: ClientChannel): Promise<string> {
  const answer = waitForOutput(channel, /HOME-IS=(\S+)/);
  channel.write("echo HOME-IS''=$HOME\n");
  return (await answer)[1]!;
}

describe('test shells ignore the machine user’s rc files', () => {
  it('the control: an interactive bash that reads this HOME is still stuck in its .bashrc after 3 s', async () => {
    const text = await localShellOutput({ shell: '/bin/bash', args: ['-i'], env: { ...process.env } }, 'answered-1', 3000);
    expect(text).not.toContain('answered-1');
  });

  it('a local shell as the terminal tests open it (--norc --noprofile) answers at once', async () => {
    const text = await localShellOutput({ shell: '/bin/bash', args: ['--norc', '--noprofile'], env: { ...process.env } }, 'answered-2', 20_000);
    expect(text).toContain('answered-2');
  });

  it('an emulator node login shell answers, with HOME in the node’s own folder', async () => {
    const fixture = await createSshFixture('ops');
    try {
      const client = await fixture.login();
      const shell = await openShell(client, { term: 'xterm-256color', rows: 24, cols: 80 });
      const home = await homeOf(shell);
      expect(home.startsWith(`${fixture.runtime.nodeDir(fixture.node)}/`)).toBe(true);
      client.end();
    } finally {
      await fixture.dispose();
    }
  });

  it('a login shell on the test sshd answers, with a HOME of its own rather than the machine user’s', async () => {
    const sshd = await startSshd();
    try {
      const target = sshd.loginTarget();
      const client = await connectClient(sshd.port, { username: target.username, privateKey: sshd.clientPrivateKey });
      const shell = await openShell(client, { term: 'xterm-256color', rows: 24, cols: 80 });
      const home = await homeOf(shell);
      expect(home).not.toBe(savedHome);
      expect(home).toMatch(/\/batch-deck-sshd-[^/]+\/home$/);
      client.end();
    } finally {
      await sshd.stop();
    }
  });
});
