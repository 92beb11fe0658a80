/**
 * A concurrency limit that follows what the service tolerates (additive increase, multiplicative decrease, as TCP
 * does): each throttling answer (429/503) halves it, at most once per `coolDownMs` since one burst of 429s is one
 * signal; every `value` successes in a row raise it by one again, up to `max`.
 */
export class AdaptiveLimit {
  private current: number;
  private successes = 0;
  private lastCut = Number.NEGATIVE_INFINITY;
  private waiters: (() => void)[] = [];

  constructor(
    /** The most calls in flight (and the starting point). */
    readonly max: number,
    /** Never fewer than this. */
    readonly min = 1,
    private readonly coolDownMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isInteger(max) || max < 1 || !Number.isInteger(min) || min < 1 || min > max) throw new RangeError(`Concurrency limits must be positive integers with min ≤ max, got ${min}..${max}`);
    this.current = max;
  }

  /** Calls allowed in flight now. */
  get value(): number {
    return this.current;
  }

  /** The service throttled a call: halve the limit (once per cool-down). */
  throttled(): void {
    const at = this.now();
    if (at - this.lastCut < this.coolDownMs) return;
    this.lastCut = at;
    this.successes = 0;
    this.current = Math.max(this.min, Math.floor(this.current / 2));
  }

  /** A call succeeded: after `value` successes since the last change, allow one more. */
  succeeded(): void {
    if (this.current >= this.max || ++this.successes < this.current) return;
    this.successes = 0;
    this.current++;
    this.wake();
  }

  /** Resolves at the next raise (or when a run ends and waiting lanes must re-check for work). */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Lets every waiting lane look again. */
  wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}

/**
 * Runs `worker` over `items` with at most `limit` calls in flight (a number, or an {@link AdaptiveLimit} the worker
 * lowers when throttled), in order of `items`. Once `signal` aborts no new item starts; calls already running finish
 * on their own (they get the signal too). Resolves after every started call settled, with the items that never
 * started. A worker that throws is a bug: the first such error is rethrown after the rest settled, so no call is
 * left running behind the caller's back.
 */
export async function runBounded<T>(
  items: readonly T[],
  limit: number | AdaptiveLimit,
  worker: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<{ notStarted: T[] }> {
  const lanes = typeof limit === 'number' ? limit : limit.max;
  if (!Number.isInteger(lanes) || lanes < 1) throw new RangeError(`Concurrency limit must be a positive integer, got ${lanes}`);
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const more = () => next < items.length && !signal?.aborted && !firstError;
  const lane = async (laneNo: number): Promise<void> => {
    while (more()) {
      // Lanes above an adaptive limit wait for it to rise again (or for the run to end).
      if (typeof limit !== 'number' && laneNo >= limit.value) {
        await limit.changed();
        continue;
      }
      const index = next++;
      try {
        await worker(items[index] as T, index);
      } catch (error) {
        firstError ??= { error };
      }
    }
    if (typeof limit !== 'number') limit.wake();
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, (_, laneNo) => lane(laneNo)));
  if (firstError) throw firstError.error;
  return { notStarted: items.slice(next) };
}
