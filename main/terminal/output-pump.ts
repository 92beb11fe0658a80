import { flowHighWaterChars } from '../../contract/features/terminal';
import { PacedSize } from '../streams/paced-size';
import { realSchedule, type Schedule } from '../streams/schedule';

/** The most chars main lets a session have unacknowledged, however fast its renderer parses. */
export const flowMaxHighWaterChars = 2_000_000;
/** A session's high-water mark is what its renderer parses in this long: what a Ctrl-C waits for stays about this. */
export const flowDrainMs = 40;

/** Options of an {@link OutputPump}. */
export interface OutputPumpOptions {
  /** Receives each batch in order. */
  emit(text: string): void;
  /** Stop reading the source (ssh2 channel / pty): the renderer is too far behind. */
  pause(): void;
  /** Read again: the renderer caught up. */
  resume(): void;
  batchMs?: number;
  /** A batch this big goes out without waiting for its window to close (bulk output gains nothing from waiting). */
  maxBatchChars?: number;
  /** The high-water mark for slow or interactive output (and the least it gets); it resumes at half the mark. */
  highWaterChars?: number;
  /** The most the high-water mark grows to for a renderer that parses fast. */
  maxHighWaterChars?: number;
  /** The mark is what the renderer acknowledged in this long. */
  drainMs?: number;
  schedule?: Schedule;
  now?: () => number;
}

/**
 * Between a terminal source and the renderer: batches output in a ≤ 5 ms window (the first chunk after idle goes out
 * at once, so a keystroke's echo is not delayed; a batch of 32 KiB goes out without waiting: bulk output gains nothing
 * from waiting and a late timer on a busy machine would leave the renderer idle), and applies VS Code's flow control: the
 * source is paused above a high-water mark of chars the renderer has not acknowledged and resumed below half of it (the
 * renderer keeps parsing meanwhile). The mark is sized to what the renderer parses in {@link flowDrainMs}: 100,000 chars
 * for slow output (`yes` lines, interactive use), up to 2 M for fast-parsing text, where a fixed 100,000 let the
 * renderer run dry while main resumed the source (half the throughput). A Ctrl-C waits for about that long either way.
 */
export class OutputPump {
  private pending: string[] = [];
  private pendingChars = 0;
  private cancelWindow: (() => void) | undefined;
  private unacked = 0;
  private paused = false;
  /** The high-water mark: what the renderer acknowledged in the last period, scaled to `drainMs`. */
  private readonly high: PacedSize;
  private readonly batchMs: number;
  private readonly maxBatch: number;
  private readonly schedule: Schedule;

  constructor(private readonly options: OutputPumpOptions) {
    this.batchMs = options.batchMs ?? 5;
    this.maxBatch = options.maxBatchChars ?? 32_768;
    this.schedule = options.schedule ?? realSchedule;
    const min = options.highWaterChars ?? flowHighWaterChars;
    this.high = new PacedSize({
      min,
      max: Math.max(min, options.maxHighWaterChars ?? flowMaxHighWaterChars),
      spanMs: options.drainMs ?? flowDrainMs,
      now: options.now ?? (() => performance.now()),
    });
  }

  /** Chars sent (or queued) that the renderer has not acknowledged yet. */
  get unackedChars(): number {
    return this.unacked;
  }

  /** Unacknowledged chars above which the source is paused now. */
  get highWaterChars(): number {
    return this.high.value;
  }

  /** True while the source is paused. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Takes decoded output from the source. */
  push(text: string): void {
    if (text.length === 0) return;
    this.unacked += text.length;
    if (this.cancelWindow) {
      this.pending.push(text);
      this.pendingChars += text.length;
      if (this.pendingChars >= this.maxBatch) this.emitPending();
    } else {
      this.options.emit(text);
      this.openWindow();
    }
    if (!this.paused && this.unacked > this.high.value) {
      this.paused = true;
      this.options.pause();
      // Nothing more arrives until the renderer catches up: holding the batch would only leave it idle.
      this.flush();
    }
  }

  /** Sends whatever is batched now (before a resize, an exit or a snapshot). */
  flush(): void {
    this.cancelWindow?.();
    this.cancelWindow = undefined;
    this.emitPending();
  }

  /** The renderer parsed `chars` more chars. */
  ack(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars);
    this.high.record(chars);
    this.resumeIfCaughtUp();
  }

  /** Forgets what was in flight (a reattached renderer starts from a snapshot and acknowledges from zero). */
  resetAcks(): void {
    this.unacked = 0;
    this.resumeIfCaughtUp();
  }

  /** Stops the batch timer; nothing more is emitted. */
  dispose(): void {
    this.cancelWindow?.();
    this.cancelWindow = undefined;
    this.pending = [];
    this.pendingChars = 0;
  }

  private resumeIfCaughtUp(): void {
    if (this.paused && this.unacked < this.high.value / 2) {
      this.paused = false;
      this.options.resume();
    }
  }

  private openWindow(): void {
    this.cancelWindow = this.schedule(() => {
      this.cancelWindow = undefined;
      // Output kept arriving: send the batch and keep batching; an empty window means the source went idle.
      if (this.emitPending()) this.openWindow();
    }, this.batchMs);
  }

  private emitPending(): boolean {
    if (this.pending.length === 0) return false;
    const text = this.pending.length === 1 ? (this.pending[0] as string) : this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    this.options.emit(text);
    return true;
  }
}
