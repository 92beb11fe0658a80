import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowHighWaterChars } from '../../../contract/features/terminal';
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

/** Floods with `command`, checks that typing still echoes mid-flood, then Ctrl-C and a working prompt. */
async function floodThenInterrupt(shell: RendererProbe, command: string, floodChars: number): Promise<void> {
  const id = shell.sessionId;
  const start = shell.received;
  fx.service.input([id], `${command}\r`);
  await waitUntil('flood under way', () => shell.received - start > floodChars, 60_000);
  const echoed = shell.watch('typed-while-flooding');
  fx.service.input([id], 'typed-while-flooding');
  await echoed;
  const interrupted = shell.watch('^C');
  fx.service.input([id], '\x03');
  await interrupted;
  const prompt = shell.watch('prompt-is-back-42');
  fx.service.input([id], 'echo prompt-is-back-$((6*7))\r');
  await prompt;
}

describe('output floods', () => {
  it('yes for seconds: typing still echoes, Ctrl-C returns the prompt, and main holds at most ~100,000 chars in flight', async () => {
    const shell = fx.openShell();
    await waitUntil('connected', () => shell.status?.state === 'connected');
    const { maxUnacked, heapGrowth } = await sampled(shell.sessionId, () => floodThenInterrupt(shell, 'yes', 4_000_000));
    expect(maxUnacked).toBeGreaterThan(flowHighWaterChars / 2);
    expect(maxUnacked).toBeLessThanOrEqual(flowHighWaterChars + oneReadChars);
    expect(heapGrowth).toBeLessThan(200 * 1024 * 1024);
  });

  it('head -c 100M /dev/urandom | base64: the same holds for long lines of random text', async () => {
    const shell = fx.openShell();
    await waitUntil('connected', () => shell.status?.state === 'connected');
    const { maxUnacked, heapGrowth } = await sampled(shell.sessionId, () =>
      floodThenInterrupt(shell, 'head -c 100M /dev/urandom | base64', 4_000_000),
    );
    expect(maxUnacked).toBeLessThanOrEqual(flowHighWaterChars + oneReadChars);
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
