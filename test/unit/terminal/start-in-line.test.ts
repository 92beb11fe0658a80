import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startInSchema } from '../../../contract/features/terminal';
import { EventBus } from '../../../main/events';
import type { BackendListener } from '../../../main/streams/terminal-backend';
import { startInLine } from '../../../main/terminal/start-in-line';
import { TerminalSession } from '../../../main/terminal/terminal-session';

const dir = mkdtempSync(join(tmpdir(), "bd start'in $x "));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the line in a real bash (no rc files) and prints where it ended up and what it exported, NUL-separated. */
function runInBash(line: string, names: string[]): string[] {
  const script = `${line.trim()}\nprintf '%s\\0' "$PWD" ${names.map((n) => `"$${n}"`).join(' ')}`;
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'dumb' }, encoding: 'utf8' });
  return out.slice(out.indexOf(dir)).split('\0').slice(0, names.length + 1);
}

describe('the start-in line a task shell gets', () => {
  it('starts with a space (kept out of history), ends with Enter, and clears only when cd and export worked', () => {
    const line = startInLine(startInSchema.parse({ directory: '/mnt/batch/wd', environment: [{ name: 'A', value: '1' }] }));
    expect(line).toBe(" cd -- '/mnt/batch/wd' && export A='1' && clear\r");
  });

  it('lands in a folder with quotes and $ in its name and exports values exactly, running nothing they contain', () => {
    const hostile = [
      { name: 'QUOTE', value: `it's "here"` },
      { name: 'SUBST', value: '$(touch pwned) `touch pwned2` $HOME' },
      { name: 'BREAKOUT', value: `'; touch pwned3; echo '` },
      { name: 'EMPTY', value: '' },
    ];
    const line = startInLine(startInSchema.parse({ directory: dir, environment: hostile }));
    const [pwd, ...values] = runInBash(line, hostile.map((e) => e.name));
    expect(pwd).toBe(dir);
    expect(values).toEqual(hostile.map((e) => e.value));
    expect(execFileSync('ls', ['-A', dir], { encoding: 'utf8' })).toBe('');
  });

  it('the schema refuses what a shell line cannot carry: line breaks, control characters, relative folders, bad names', () => {
    expect(startInSchema.safeParse({ directory: '/tmp\n/x' }).success).toBe(false);
    expect(startInSchema.safeParse({ directory: '/tmp', environment: [{ name: 'A', value: 'a\u0003b' }] }).success).toBe(false);
    expect(startInSchema.safeParse({ directory: 'tmp' }).success).toBe(false);
    expect(startInSchema.safeParse({ directory: '/tmp', environment: [{ name: '9LIVES', value: '' }] }).success).toBe(false);
    expect(startInSchema.safeParse({ directory: '/tmp', environment: [{ name: 'TAB_OK', value: 'a\tb' }] }).success).toBe(true);
  });
});

describe('a session with a start-in line', () => {
  it('writes it once after the first connect and never again after a reconnect', async () => {
    const written: string[] = [];
    let listener: BackendListener | undefined;
    const backend = {
      kind: 'ssh' as const,
      start: () => undefined,
      write: (data: string) => (written.push(data), true),
      resize: () => undefined,
      pause: () => undefined,
      resume: () => undefined,
      reconnect: () => undefined,
      close: async () => undefined,
    };
    const identity = { sessionId: 'term-test', kind: 'ssh' as const, label: 'n', cols: 80, rows: 24 };
    const session = new TerminalSession(identity, (l) => ((listener = l), backend), new EventBus(), { firstInput: ' cd -- /x && clear\r' });
    session.start();
    listener?.status({ state: 'connecting', attempt: 1 });
    expect(written).toEqual([]);
    listener?.status({ state: 'connected' });
    listener?.status({ state: 'reconnecting', attempt: 1, delayMs: 10, reason: 'dropped' });
    listener?.status({ state: 'connected' });
    expect(written).toEqual([' cd -- /x && clear\r']);
    await session.close();
  });
});
