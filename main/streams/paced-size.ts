/** How long flow is counted before the size is recomputed. */
const ratePeriodMs = 100;

/** Options of a {@link PacedSize}. */
export interface PacedSizeOptions {
  /** The size while flow is slow or idle, and the least it gets. */
  min: number;
  /** The most it grows to. */
  max: number;
  /** The size is what flows in this long at the pace just measured. */
  spanMs: number;
  now: () => number;
}

/**
 * A bound sized in time rather than bytes: counts what flows (bytes main consumed, chars the renderer acknowledged)
 * over 100 ms periods and sizes itself to what flows in `spanMs` at that pace, between `min` and `max`. A quiet period
 * brings it back to `min`. The SSH window and the terminal pump's high-water mark are both such bounds.
 */
export class PacedSize {
  private size: number;
  private periodStart: number;
  private periodAmount = 0;

  constructor(private readonly options: PacedSizeOptions) {
    this.size = options.min;
    this.periodStart = options.now();
  }

  /** The size now. */
  get value(): number {
    return this.size;
  }

  /** `amount` more flowed; once a period is over, the size follows its pace. */
  record(amount: number): void {
    this.periodAmount += amount;
    const elapsed = this.options.now() - this.periodStart;
    if (elapsed < ratePeriodMs) return;
    const { min, max, spanMs } = this.options;
    this.size = Math.min(max, Math.max(min, Math.round((this.periodAmount / elapsed) * spanMs)));
    this.periodStart += elapsed;
    this.periodAmount = 0;
  }
}
