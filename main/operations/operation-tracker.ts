import type {
  ItemError,
  ItemStatus,
  OperationItem,
  OperationProgress,
  OperationSummary,
} from '../../contract/features/operations';

/** Statuses after which an item's part of an operation is over. */
export const terminalItemStatuses: ReadonlySet<ItemStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/** What the tracker needs to schedule a flush; tests pass a timer they fire by hand, the app the real one. */
export interface FlushTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimer: FlushTimer = { set: (cb, ms) => setTimeout(cb, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) };

/** Who an operation is about: everything of its summary that never changes. */
export type OperationBase = Pick<OperationSummary, 'operationId' | 'kind' | 'accountId' | 'subject'> & { poolId?: string };

/** How the tracker is built: who it is about, its items, and where its batched events go. */
export interface OperationTrackerOptions {
  base: OperationBase;
  itemIds: readonly string[];
  publish: (progress: OperationProgress) => void;
  /** At most one event per this many ms while items change (default 100: about ten a second). */
  intervalMs?: number;
  timer?: FlushTimer;
  now?: () => Date;
}

/**
 * Keeps each item's progress and the counts per status and outcome, and publishes changes in batches: the first
 * change after a quiet period schedules one flush `intervalMs` later that carries every item changed meanwhile, so
 * 1,000 nodes produce a few dozen events, not thousands. `finish` flushes at once.
 */
export class OperationTracker {
  private readonly items = new Map<string, OperationItem>();
  private readonly counts: Record<ItemStatus, number> = { pending: 0, running: 0, retrying: 0, succeeded: 0, failed: 0, cancelled: 0 };
  private readonly outcomes: Record<string, number> = {};
  private readonly dirty = new Set<string>();
  private readonly startedAt: string;
  private finishedAt: string | undefined;
  private state: OperationSummary['state'] = 'running';
  private error: ItemError | undefined;
  private pending: unknown;
  private readonly timer: FlushTimer;
  private readonly now: () => Date;

  constructor(private readonly options: OperationTrackerOptions) {
    this.timer = options.timer ?? realTimer;
    this.now = options.now ?? (() => new Date());
    this.startedAt = this.now().toISOString();
    for (const id of options.itemIds) {
      if (this.items.has(id)) continue;
      this.items.set(id, { id, status: 'pending', attempts: 0 });
      this.counts.pending++;
    }
  }

  /** Number of distinct items. */
  get total(): number {
    return this.items.size;
  }

  /** The item ids, without duplicates, in the order given. */
  get itemIds(): string[] {
    return [...this.items.keys()];
  }

  /** Whether the operation is still running. */
  get running(): boolean {
    return this.state === 'running';
  }

  /** Records an item's new status (and attempts, outcome, error); a terminal status is final. */
  update(id: string, patch: Partial<Omit<OperationItem, 'id'>>): void {
    const current = this.items.get(id);
    if (!current || terminalItemStatuses.has(current.status)) return;
    const next: OperationItem = { ...current, ...patch };
    if (patch.status && patch.status !== current.status) {
      this.counts[current.status]--;
      this.counts[patch.status]++;
      if (patch.status === 'succeeded' && next.outcome) this.outcomes[next.outcome] = (this.outcomes[next.outcome] ?? 0) + 1;
    }
    if (next.error === undefined) delete next.error;
    if (next.outcome === undefined) delete next.outcome;
    this.items.set(id, next);
    this.dirty.add(id);
    this.schedule();
  }

  /** Ends every item that has not reached a terminal status with `status` (cancelled, or failed with the reason). */
  endRemaining(status: 'cancelled' | 'failed', error?: ItemError): void {
    for (const item of this.items.values()) {
      if (!terminalItemStatuses.has(item.status)) this.update(item.id, error ? { status, error } : { status });
    }
  }

  /** Ends the operation and publishes the last event at once; `failed` carries why the operation itself stopped. */
  finish(state: 'finished' | 'cancelled' | 'failed', error?: ItemError): void {
    this.state = state;
    this.error = error;
    this.finishedAt = this.now().toISOString();
    this.flush();
  }

  /** Counts and state, without items. */
  summary(): OperationSummary {
    const { poolId, ...base } = this.options.base;
    return {
      ...base,
      ...(poolId !== undefined ? { poolId } : {}),
      total: this.items.size,
      counts: { ...this.counts },
      outcomes: { ...this.outcomes },
      state: this.state,
      ...(this.error ? { error: this.error } : {}),
      startedAt: this.startedAt,
      ...(this.finishedAt ? { finishedAt: this.finishedAt } : {}),
    };
  }

  /** The summary with every item (for a renderer that reattaches). */
  snapshot(): OperationProgress {
    return { ...this.summary(), items: [...this.items.values()].map((item) => ({ ...item })) };
  }

  /** One item's progress. */
  item(id: string): OperationItem | undefined {
    return this.items.get(id);
  }

  /** Publishes the items changed since the last event, now. */
  flush(): void {
    if (this.pending !== undefined) this.timer.clear(this.pending);
    this.pending = undefined;
    const items = [...this.dirty].map((id) => ({ ...(this.items.get(id) as OperationItem) }));
    this.dirty.clear();
    this.options.publish({ ...this.summary(), items });
  }

  private schedule(): void {
    if (this.pending !== undefined || !this.running) return;
    this.pending = this.timer.set(() => {
      this.pending = undefined;
      this.flush();
    }, this.options.intervalMs ?? 100);
  }
}
