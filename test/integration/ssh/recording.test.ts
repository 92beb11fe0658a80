import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/events';
import { RecordingService } from '../../../main/recording/recording-service';
import { createTerminalFixture, waitUntil, type TerminalFixture } from './terminal-fixture';

// Session logs of a real SSH shell (OpenSSH sshd): asciicast v2 + transcript of the output only.
let fx: TerminalFixture;
let recordings: RecordingService;
let everySession = false;

beforeAll(async () => {
  fx = await createTerminalFixture();
  recordings = new RecordingService({
    dataDir: fx.dataDir,
    session: (id) => fx.service.session(id),
    events: new EventBus(),
    log: fx.log,
    recordEverySession: async () => everySession,
  });
});

afterAll(async () => {
  await recordings?.dispose();
  await fx?.dispose();
});

/** The cast file's lines as JSON. */
function readCast(path: string): { header: Record<string, unknown>; events: [number, string, string][] } {
  const [header, ...events] = readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
  return { header: header as Record<string, unknown>, events: events as [number, string, string][] };
}

describe('session logs', () => {
  it('records output as asciicast v2 and a plain transcript, with resizes, but no hidden input', async () => {
    const shell = fx.openShell({ cols: 90, rows: 30 });
    await waitUntil('connected', () => shell.status?.state === 'connected');
    const started = recordings.start(shell.sessionId);
    expect(started.castPath).toMatch(new RegExp(`/recordings/${shell.sessionId}-[0-9T-]+Z\\.cast$`));
    expect(() => recordings.start(shell.sessionId)).toThrow(/already/);

    // The prompt is built from pieces so that the echoed command line cannot match it: typing waits for read -s.
    const prompted = shell.watch('pw:');
    fx.service.input([shell.sessionId], "read -s -p 'p''w:' secret; echo; printf '\\033[1;32m%s\\033[0m\\n' \"hel\"\"lo\"\r");
    await prompted;
    fx.service.input([shell.sessionId], 'hunter2-typed\r');
    await waitUntil('hello', () => shell.screenLines().some((line) => line.trim() === 'hello'));
    fx.service.resize(shell.sessionId, 100, 40);
    const stopped = await recordings.stop(shell.sessionId);
    expect(stopped.state).toBe('stopped');

    const { header, events } = readCast(stopped.castPath);
    expect(header).toMatchObject({ version: 2, width: 90, height: 30, env: { TERM: 'xterm-256color' } });
    expect(typeof header.timestamp).toBe('number');
    const output = events.filter(([, kind]) => kind === 'o');
    expect(output.some(([, , data]) => data.includes('\x1b[1;32mhello'))).toBe(true);
    expect(events).toContainEqual([expect.any(Number), 'r', '100x40']);
    const times = events.map(([t]) => t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const transcript = readFileSync(stopped.transcriptPath, 'utf8');
    expect(transcript).toMatch(/^hello$/m);
    expect(transcript).not.toContain('\x1b');
    for (const path of [stopped.castPath, stopped.transcriptPath]) {
      expect(readFileSync(path, 'utf8')).not.toContain('hunter2-typed');
      expect(statSync(path).mode & 0o777).toBe(0o600);
    }
    await fx.service.close(shell.sessionId);
  });

  it('"record every session" records a new session from its first output, and closing the tab completes the files', async () => {
    everySession = true;
    const shell = fx.openShell();
    await recordings.sessionOpened(shell.sessionId);
    everySession = false;
    await waitUntil('connected', () => shell.status?.state === 'connected');
    fx.service.input([shell.sessionId], 'echo auto-$((40+2))\r');
    await waitUntil('auto-42', () => shell.text.includes('auto-42'));
    await fx.service.close(shell.sessionId);
    const recording = recordings.list().find((r) => r.sessionId === shell.sessionId);
    expect(recording?.state).toBe('stopped');
    expect(readCast(recording?.castPath ?? '').events.some(([, kind, data]) => kind === 'o' && data.includes('auto-42'))).toBe(true);
  });
});
