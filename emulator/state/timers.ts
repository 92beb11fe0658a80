/** How long the service takes for each step, in real milliseconds (min, max) before the time scale applies. */
export const DURATIONS_MS = {
  /** VM allocation: a node stays `creating` this long; the pool turns `steady` when its last node is allocated. */
  allocate: [45_000, 90_000],
  /** OS boot and node agent start: `starting`. */
  boot: [20_000, 45_000],
  /** A reboot before the node boots again. */
  reboot: [30_000, 60_000],
  /** Reimage: disk reset before the node boots again. */
  reimage: [60_000, 120_000],
  /** A deallocated node is `deallocating` this long (its VM stops; its disk stays). */
  deallocate: [30_000, 60_000],
  /** A removed node is `leavingpool` this long. */
  leave: [15_000, 30_000],
  /** A deleted pool is `deleting` this long. */
  deletePool: [20_000, 40_000],
  /** A job terminating, disabling, enabling or being deleted (it has no running tasks to wait for). */
  job: [1_000, 3_000],
  /** Stopping a resize. */
  stopResize: [5_000, 10_000],
} as const satisfies Record<string, readonly [number, number]>;

/** A named step whose duration is drawn from DURATIONS_MS. */
export type Step = keyof typeof DURATIONS_MS;

/** Runs callbacks after scaled, slightly random delays; all pending ones can be cancelled at shutdown. */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  constructor(private readonly timeScale: number) {}

  /** A duration for a step, scaled (at least 1 ms). */
  duration(step: Step): number {
    const [min, max] = DURATIONS_MS[step];
    return Math.max(1, Math.round((min + Math.random() * (max - min)) * this.timeScale));
  }

  /** Calls `fn` after the step's duration. */
  after(step: Step, fn: () => void): void {
    this.afterMs(this.duration(step), fn);
  }

  /** Calls `fn` after `ms` (already scaled). */
  afterMs(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      fn();
    }, ms);
    this.pending.add(timer);
  }

  /** Cancels everything pending. */
  cancelAll(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}

/** Runs at most `limit` async jobs at once (start tasks and node folder work on a 2-core laptop). */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Runs `job` when a slot is free. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await job();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}
