import type { ClientChannel } from 'ssh2';
import { PacedSize } from './paced-size';

/** The receive window ssh2 opens channels with and tops up to whenever it falls to half (ssh2 lib/Channel.js MAX_WINDOW). */
export const ssh2WindowBytes = 2 * 1024 * 1024;

/** Options of a {@link ChannelWindow}. */
export interface ChannelWindowOptions {
  /** The window while output is slow or interactive: small, so Ctrl-C is not stuck behind megabytes. */
  minBytes?: number;
  /** The most the window grows to for sustained bulk output. */
  maxBytes?: number;
  /** The window is sized to what main consumes in this long, so what is in flight drains in about this time. */
  drainMs?: number;
  now?: () => number;
}

/** The parts of ssh2's channel internals the window takes over (ssh2 1.x; see lib/client.js CHANNEL_DATA). */
interface ChannelInternals {
  incoming: { window: number };
  outgoing: { id: number; state: string };
  _client: { _protocol: { channelWindowAdjust(channelId: number, bytes: number): void } };
}

/**
 * Keeps an ssh2 channel's receive window small. ssh2 lets the node run up to 2 MiB ahead and tops the window up as soon as
 * data reaches its stream buffer, read or not; pausing the stream then still leaves up to 2 MiB queued there and 2 MiB
 * more in flight, which is what the user waits for after Ctrl-C. Here ssh2 is shown a window that never runs low (so it
 * never adjusts it) and window adjustments are sent only for data main actually consumed ('data' events, which stop
 * while the stream is paused by flow control): the node can run at most one window ahead of what main consumed. The
 * window is what main consumes in ~50 ms, between 128 KiB (interactive, slow output like `yes`) and 1 MiB (bulk output
 * at tens of MB/s), so what is in flight when the user presses Ctrl-C drains in about that time. The first
 * channel window (2 MiB, set by ssh2 when it opens the channel) cannot be taken back; it is used up first.
 */
export class ChannelWindow {
  /** Bytes the node may still send. */
  private credit: number;
  /** Bytes received that main has not consumed yet (in ssh2's stream buffer). */
  private buffered = 0;
  /** The window: what main consumed in the last period, scaled to `drainMs`. */
  private readonly window: PacedSize;

  private constructor(
    private readonly internals: ChannelInternals,
    options: ChannelWindowOptions,
  ) {
    this.window = new PacedSize({
      min: options.minBytes ?? 128 * 1024,
      max: options.maxBytes ?? 1024 * 1024,
      spanMs: options.drainMs ?? 50,
      now: options.now ?? (() => performance.now()),
    });
    this.credit = internals.incoming.window;
    // ssh2 subtracts each packet from `window` and tops it up below half of 2 MiB: it sees the real credit plus 2 MiB.
    Object.defineProperty(internals.incoming, 'window', {
      configurable: true,
      enumerable: true,
      get: () => this.credit + ssh2WindowBytes,
      set: (value: number) => {
        const credit = value - ssh2WindowBytes;
        this.buffered += Math.max(0, this.credit - credit);
        this.credit = credit;
      },
    });
  }

  /** Takes over `channel`'s window; undefined (ssh2 keeps its own) if ssh2's internals are not what this expects. */
  static take(channel: ClientChannel, options: ChannelWindowOptions = {}): ChannelWindow | undefined {
    const internals = channel as unknown as Partial<ChannelInternals>;
    const adjust = internals._client?._protocol?.channelWindowAdjust;
    if (typeof internals.incoming?.window !== 'number' || typeof internals.outgoing?.id !== 'number' || typeof adjust !== 'function') return undefined;
    return new ChannelWindow(internals as ChannelInternals, options);
  }

  /** Bytes the node may still send before it waits for us. */
  get creditBytes(): number {
    return this.credit;
  }

  /** The window now. */
  get sizeBytes(): number {
    return this.window.value;
  }

  /** Main handed on `bytes` of the channel's data: once the node is less than half a window ahead, it may send more. */
  consumed(bytes: number): void {
    this.buffered = Math.max(0, this.buffered - bytes);
    // Bulk output gets room, a slow or idle stream little.
    this.window.record(bytes);
    const windowBytes = this.window.value;
    const ahead = this.credit + this.buffered;
    if (ahead > windowBytes / 2 || this.internals.outgoing.state !== 'open') return;
    const grant = windowBytes - ahead;
    this.credit += grant;
    this.internals._client._protocol.channelWindowAdjust(this.internals.outgoing.id, grant);
  }
}
