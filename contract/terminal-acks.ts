import { flowAckUnitChars } from './features/terminal';

/** The renderer acknowledges at most this often at bulk rates. */
export const flowAckIntervalMs = 10;

/** Runs `run` after `ms`; returns nothing (the timer is never cancelled: a late flush of nothing is harmless). */
type Timer = (run: () => void, ms: number) => void;

/**
 * The renderer's side of terminal flow control: counts chars once xterm has parsed them and acknowledges them in whole
 * {@link flowAckUnitChars} units, at most every {@link flowAckIntervalMs}: bulk output then costs ~100 contract calls a
 * second instead of one per 20,000 chars (~1,500 a second at base64 speed, each a message, validation and an answer).
 * Units held back by the interval go when it ends, even if no more output comes: main may have paused the source and
 * be waiting for exactly them.
 */
export class ParsedOutputAcks {
  private parsed = 0;
  private lastAck = Number.NEGATIVE_INFINITY;
  private flushPending = false;

  constructor(
    private readonly ack: (chars: number) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly later: Timer = (run, ms) => void setTimeout(run, ms),
  ) {}

  /** xterm parsed `chars` more chars of this session's output. */
  parsedChars(chars: number): void {
    this.parsed += chars;
    if (this.parsed < flowAckUnitChars || this.flushPending) return;
    const wait = this.lastAck + flowAckIntervalMs - this.now();
    if (wait <= 0) return this.send();
    this.flushPending = true;
    this.later(() => {
      this.flushPending = false;
      if (this.parsed >= flowAckUnitChars) this.send();
    }, wait);
  }

  /** Forgets what was parsed (a restored screen starts acknowledging from zero, as main does). */
  reset(): void {
    this.parsed = 0;
  }

  private send(): void {
    const units = Math.floor(this.parsed / flowAckUnitChars) * flowAckUnitChars;
    this.parsed -= units;
    this.lastAck = this.now();
    this.ack(units);
  }
}
