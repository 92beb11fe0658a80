import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowHighWaterChars } from '../../../contract/features/terminal';
import { flowMaxHighWaterChars } from '../../../main/terminal/output-pump';
import { createTerminalFixture, waitUntil, type RendererProbe, type TerminalFixture } from './terminal-fixture';

let fx: TerminalFixture;

beforeAll(async () => {
  fx = await createTerminalFixture();
});

afterAll(async () => {
  await fx?.dispose();
});

/** Largest chunk an ssh2 channel hands over at once, on top of the high-water mark (one read after the pause). */
const oneReadChars = 256 * 1024;

/** Samples main's in-flight chars and heap while `work` runs. */
async function sampled<T>(sessionId: string, work: () => Promise<T>): Promise<{ result: T; maxUnacked: number; heapGrowth: number }> {
  const session = fx.service.session(sessionId);
  const heapBefore = process.memoryUsage().heapUsed;
  let maxUnacked = 0;
  let maxHeap = heapBefore;
  const timer = setInterval(() => {
    maxUnacked = Math.max(maxUnacked, session.unackedChars);
    maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
  }, 5);
  try {
    const result = await work();
    return { result, maxUnacked, heapGrowth: maxHeap - heapBefore };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Hashes the output between `BEGIN-2\r\n` and `END-2` as it streams by (a flood is not kept in memory); resolves with
 * the SHA-256 and the char count once END-2 went by.
 */
function digestBetweenMarkers(shell: RendererProbe): Promise<{ sha256: string; chars: number }> {
  const begin = 'BEGIN-2\r\n';
  const end = 'END-2';
  const hash = createHash('sha256');
  let started = false;
  let held = '';
  let chars = 0;
  return new Promise((resolve) => {
    const take = (text: string): void => {
      hash.update(text);
      chars += text.length;
    };
    shell.tap = (data) => {
      const window = held + data;
      if (!started) {
        const at = window.indexOf(begin);
        held = at < 0 ? window.slice(-begin.length) : window.slice(at + begin.length);
        started = at >= 0;
        if (!started) return;
      } else held = window;
      const at = held.indexOf(end);
      if (at >= 0) {
        take(held.slice(0, at));
        shell.tap = undefined;
        resolve({ sha256: hash.digest('hex'), chars });
        return;
      }
      // Keep back what could be the start of END-2 cut by the chunk boundary.
      take(held.slice(0, held.length - end.length));
      held = held.slice(held.length - end.length);
    };
  });
}

/** Floods with `command`, checks that typing still echoes mid-flood, then Ctrl-C and a working prompt. */
async function floodThenInterrupt(shell: RendererProbe, command: string, floodChars: number): Promise<{ drainedAfterCtrlC: number }> {
  const id = shell.sessionId;
  const start = shell.received;
  fx.service.input([id], `${command}\r`);
  await waitUntil('flood under way', () => shell.received - start > floodChars, 60_000);
  const echoed = shell.watch('typed-while-flooding');
  fx.service.input([id], 'typed-while-flooding');
  await echoed;
  const interrupted = shell.watch('^C');
  const beforeCtrlC = shell.received;
  fx.service.input([id], '\x03');
  await interrupted;
  const drainedAfterCtrlC = shell.received - beforeCtrlC;
  const prompt = shell.watch('prompt-is-back-42');
  fx.service.input([id], 'echo prompt-is-back-$((6*7))\r');
  await prompt;
  return { drainedAfterCtrlC };
}

/**
 * What a user waits through after Ctrl-C: what the renderer parses in 40 ms (for `yes` lines 100,000–300,000 chars) in
 * flight to the renderer plus the SSH window (ssh2's own 2 MiB window and stream buffer made it ~3 M).
 */
const mostDrainedAfterCtrlC = 700_000;

describe('output floods', () => {
  it('yes for seconds: typing still echoes, Ctrl-C returns the prompt, and main holds at most what the renderer parses in 40 ms in flight', async () => {
    const shell = fx.openShell();
    await waitUntil('connected', () => shell.status?.state === 'connected');
    const { result, maxUnacked, heapGrowth } = await sampled(shell.sessionId, () => floodThenInterrupt(shell, 'yes', 4_000_000));
    expect(result.drainedAfterCtrlC).toBeLessThan(mostDrainedAfterCtrlC);
    expect(maxUnacked).toBeGreaterThan(flowHighWaterChars / 2);
    expect(maxUnacked).toBeLessThanOrEqual(flowMaxHighWaterChars + oneReadChars);
    expect(heapGrowth).toBeLessThan(200 * 1024 * 1024);
  });

  it('head -c 100M /dev/urandom | base64: the same holds for long lines of random text', async () => {
    const shell = fx.openShell();
    await waitUntil('connected', () => shell.status?.state === 'connected');
    const { maxUnacked, heapGrowth } = await sampled(shell.sessionId, () =>
      floodThenInterrupt(shell, 'head -c 100M /dev/urandom | base64', 4_000_000),
    );
    expect(maxUnacked).toBeLessThanOrEqual(flowMaxHighWaterChars + oneReadChars);
    expect(heapGrowth).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('nothing lost', () => {
  it('600,000 numbered lines arrive whole and in order through pause and resume: same char count and SHA-256 as seq printed', async () => {
    const shell = fx.openShell();
    await waitUntil('connected', () => shell.status?.state === 'connected');
    const lines = 600_000;
    const expected = createHash('sha256');
    let expectedChars = 0;
    for (let from = 1; from <= lines; from += 10_000) {
      const block = Array.from({ length: Math.min(10_000, lines - from + 1) }, (_, i) => `${from + i}\r\n`).join('');
      expected.update(block);
      expectedChars += block.length;
    }
    const digest = digestBetweenMarkers(shell);
    const { result, maxUnacked, heapGrowth } = await sampled(shell.sessionId, async () => {
      fx.service.input([shell.sessionId], `echo BEGIN-$((1+1)); seq 1 ${lines}; echo END-$((1+1))\r`);
      return digest;
    });
    expect(result).toEqual({ sha256: expected.digest('hex'), chars: expectedChars });
    // Flow control held the whole time (it paused many times: 5 M chars against a 100,000 bound).
    expect(maxUnacked).toBeLessThanOrEqual(flowMaxHighWaterChars + oneReadChars);
    expect(heapGrowth).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('quitting', () => {
  it('ending the app mid-flood closes every session at once: an SSH shell and a local shell, both paused by flow control', async () => {
    const own = await createTerminalFixture({ service: { localShell: { shell: '/bin/bash', args: ['--norc'] } } });
    try {
      const ssh = own.openShell();
      await waitUntil('connected', () => ssh.status?.state === 'connected');
      const local = own.probe(own.service.openLocal({ cols: 80, rows: 24 }).sessionId);
      // A renderer that went away: nothing is acknowledged, so both sources end up paused with output queued.
      for (const probe of [ssh, local]) probe.acking = false;
      for (const probe of [ssh, local]) own.service.input([probe.sessionId], 'yes\r');
      await waitUntil('both paused', () => own.service.session(ssh.sessionId).unackedChars > 100_000 && own.service.session(local.sessionId).unackedChars > 100_000);
      const logStart = own.sshd.log().length;
      await own.service.dispose();
      expect(await own.service.list(false)).toEqual([]);
      await waitUntil('sshd saw the disconnect', () => /Disconnected from user|Received disconnect/.test(own.sshd.log().slice(logStart)));
    } finally {
      await own.dispose();
    }
  });
});
