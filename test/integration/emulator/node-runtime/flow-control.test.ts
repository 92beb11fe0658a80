import { readFileSync } from 'node:fs';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSshFixture, type SshFixture } from './runtime-fixture';

const MiB = 1024 * 1024;
/** Far above what the buffers on the way hold (2 MiB ssh window, 2 MiB channel buffer, the pty's few KiB). */
const FLOOD_LIMIT = 48 * MiB;

describe('flow control of node shells', () => {
  let fixture: SshFixture;

  beforeAll(async () => {
    fixture = await createSshFixture('ops');
  });
  afterAll(() => fixture.dispose());

  it.runIf(process.platform === 'linux')(
    'blocks a `yes` flood that the client stops reading, so the emulator memory stays bounded',
    async () => {
      const client = await fixture.login();
      const baseline = process.memoryUsage().rss;
      const floods = await Promise.all([
        floodUnread(client, { term: 'xterm', rows: 24, cols: 80 }),
        floodUnread(client, undefined),
      ]);
      // Without backpressure `yes` never blocks and passes the limit; with it, it stalls once the buffers are full.
      const written = await Promise.all(floods.map((flood) => bytesWrittenWhenStalled(flood.pid)));
      const growth = process.memoryUsage().rss - baseline;
      for (const flood of floods) flood.channel.close();
      client.end();
      for (const bytes of written) expect(bytes).toBeLessThan(FLOOD_LIMIT);
      expect(growth).toBeLessThan(2 * FLOOD_LIMIT);
    },
  );
});

/** Starts `yes` on a channel, reads until its pid has arrived, then stops reading. */
function floodUnread(
  client: Client,
  pty: { term: string; rows: number; cols: number } | undefined,
): Promise<{ channel: ClientChannel; pid: number }> {
  return new Promise((resolve, reject) => {
    client.exec('echo PID=$$; exec yes', pty ? { pty } : {}, (error, channel) => {
      if (error) return reject(error);
      let seen = '';
      const onData = (data: Buffer): void => {
        seen += data.toString();
        const match = /PID=(\d+)/.exec(seen);
        if (!match) return;
        channel.off('data', onData);
        channel.pause();
        resolve({ channel, pid: Number(match[1]) });
      };
      channel.on('data', onData);
    });
  });
}

/**
 * Polls the kernel's count of bytes the flood has written (/proc/PID/io wchar) until it stops moving or passes
 * the limit, and returns it. This asserts on volume, not on time: a slow machine only polls longer.
 */
async function bytesWrittenWhenStalled(pid: number): Promise<number> {
  let previous = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const written = Number(/wchar:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
    if (written === previous || written > FLOOD_LIMIT) return written;
    previous = written;
  }
}

describe('end of output on a terminal', () => {
  let fixture: SshFixture;

  beforeAll(async () => {
    fixture = await createSshFixture('ops');
  });
  afterAll(() => fixture.dispose());

  it('delivers every byte of a command that exits while the client is not reading', async () => {
    const client = await fixture.login();
    // Just over what the SSH window and channel buffer hold, so the command ends while its output waits.
    const sizes = [4 * MiB, 4 * MiB + 32 * 1024, 4 * MiB + 64 * 1024];
    const commands = sizes.map((size) => `head -c ${size} /dev/zero | tr '\\0' a; echo END`);
    const received = await Promise.all(commands.map((command) => readAfterPause(client, command)));
    client.end();
    received.forEach((text, i) => {
      expect(text.length).toBe(sizes[i]! + 'END\r\n'.length);
      expect(text.endsWith('aEND\r\n')).toBe(true);
    });
  });
});

/** Runs a command on a pty, reads nothing for a while, then everything until the end of the stream. */
function readAfterPause(client: Client, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    client.exec(command, { pty: { term: 'xterm', rows: 24, cols: 80 } }, (error, channel) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      channel.pause();
      setTimeout(() => channel.on('data', (data: Buffer) => chunks.push(data)).resume(), 1500);
      channel.once('end', () => resolve(Buffer.concat(chunks).toString()));
    });
  });
}
