import { flowHighWaterChars, flowLowWaterChars } from '../../contract/features/terminal';
import { realSchedule, type Schedule } from '../streams/schedule';

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
  highWaterChars?: number;
  lowWaterChars?: number;
  schedule?: Schedule;
}

/**
 * Between a terminal source and the renderer: batches output in a ≤ 5 ms window (the first chunk after idle goes out
 * at once, so a keystroke's echo is not delayed; a batch of 32 KiB goes out without waiting: bulk output gains nothing
 * from waiting and a late timer on a busy machine would leave the renderer idle), and applies VS Code's flow control: the source is paused above
 * 100,000 chars the renderer has not acknowledged and resumed below 50,000 (it keeps parsing meanwhile).
 */
export class OutputPump {
  private pending: string[] = [];
  private pendingChars = 0;
  private cancelWindow: (() => void) | undefined;
  private unacked = 0;
  private paused = false;
  private readonly batchMs: number;
  private readonly maxBatch: number;
  private readonly high: number;
  private readonly low: number;
  private readonly schedule: Schedule;

  constructor(private readonly options: OutputPumpOptions) {
    this.batchMs = options.batchMs ?? 5;
    this.maxBatch = options.maxBatchChars ?? 32_768;
    this.high = options.highWaterChars ?? flowHighWaterChars;
    this.low = options.lowWaterChars ?? flowLowWaterChars;
    this.schedule = options.schedule ?? realSchedule;
  }

  /** Chars sent (or queued) that the renderer has not acknowledged yet. */
  get unackedChars(): number {
    return this.unacked;
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
    if (!this.paused && this.unacked > this.high) {
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
    if (this.paused && this.unacked < this.low) {
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
