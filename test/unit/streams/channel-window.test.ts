import type { ClientChannel } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { ChannelWindow, ssh2WindowBytes } from '../../../main/streams/channel-window';

/**
 * The part of an ssh2 channel the window takes over, driven the way ssh2 1.x drives it (lib/client.js CHANNEL_DATA):
 * each packet is subtracted from `incoming.window`, and ssh2 tops the window back up to 2 MiB whenever it sees it at or
 * below 1 MiB. `node` plays sshd: it sends only within the credit it was given.
 */
function fakeChannel() {
  const adjusts: number[] = [];
  const channel = {
    incoming: { window: ssh2WindowBytes },
    outgoing: { id: 7, state: 'open' },
    _client: { _protocol: { channelWindowAdjust: (_id: number, bytes: number) => adjusts.push(bytes) } },
  };
  let nodeCredit = ssh2WindowBytes;
  return {
    channel: channel as unknown as ClientChannel,
    adjusts,
    /** The node sends what it may of `bytes`; returns how much it sent. */
    send(bytes: number): number {
      const granted = nodeCredit + adjusts.reduce((sum, b) => sum + b, 0);
      const sent = Math.min(bytes, granted);
      nodeCredit -= sent;
      channel.incoming.window -= sent;
      // ssh2's own top-up rule, which the takeover must keep from firing.
      if (channel.incoming.window <= ssh2WindowBytes / 2) throw new Error('ssh2 would have topped the window up itself');
      return sent;
    },
  };
}

describe('SSH channel window', () => {
  it('once the first 2 MiB are used, the node runs at most one small window ahead of what main consumed', () => {
    const fake = fakeChannel();
    let now = 0;
    const window = ChannelWindow.take(fake.channel, { now: () => now })!;
    expect(fake.send(ssh2WindowBytes)).toBe(ssh2WindowBytes);
    // Main is paused (flow control): nothing is consumed, so nothing more is granted however long the node waits.
    expect(fake.send(1)).toBe(0);
    expect(fake.adjusts).toEqual([]);
    // Main reads what piled up in the stream buffer: the node may now send 128 KiB, not 2 MiB.
    now += 1000;
    window.consumed(ssh2WindowBytes);
    expect(fake.adjusts).toEqual([128 * 1024]);
    expect(window.creditBytes).toBe(128 * 1024);
  });

  it('grants only for data consumed: received but unread data counts as in flight', () => {
    const fake = fakeChannel();
    let now = 0;
    const window = ChannelWindow.take(fake.channel, { now: () => now })!;
    fake.send(ssh2WindowBytes);
    now += 1000;
    window.consumed(ssh2WindowBytes);
    fake.send(128 * 1024);
    // 64 KiB read, 64 KiB still buffered: the node is not yet under half a window ahead.
    window.consumed(64 * 1024);
    expect(fake.adjusts).toEqual([128 * 1024, 64 * 1024]);
    expect(window.creditBytes + 64 * 1024).toBe(128 * 1024);
  });

  it('grows for sustained bulk output (up to 1 MiB) and shrinks back when output slows', () => {
    const fake = fakeChannel();
    let now = 0;
    const window = ChannelWindow.take(fake.channel, { now: () => now })!;
    // 30 MB/s offered for a while (the node sends what its credit allows).
    for (let i = 0; i < 50; i += 1) {
      const sent = fake.send(300_000);
      now += 10;
      window.consumed(sent);
    }
    expect(window.sizeBytes).toBe(1024 * 1024);
    // A trickle: 1,000 bytes every 10 ms.
    for (let i = 0; i < 30; i += 1) {
      now += 10;
      window.consumed(fake.send(1000));
    }
    expect(window.sizeBytes).toBe(128 * 1024);
  });

  it('leaves a channel alone when ssh2 internals are not what it expects', () => {
    expect(ChannelWindow.take({ incoming: {} } as unknown as ClientChannel)).toBeUndefined();
  });
});
