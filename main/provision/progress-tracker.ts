import type {
  NodeProgress,
  NodeProgressStatus,
  OperationSummary,
  ProvisionProgress,
} from '../../contract/features/provision';

/** Statuses after which a node's part of an operation is over. */
export const terminalStatuses: ReadonlySet<NodeProgressStatus> = new Set(['created', 'updated', 'removed', 'notPresent', 'failed', 'cancelled']);

/** What the tracker needs to schedule a flush; tests pass fake timers, the app the real ones. */
export interface FlushTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimer: FlushTimer = { set: (cb, ms) => setTimeout(cb, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) };

/** How the tracker is built: who it is about, and where its batched events go. */
export interface ProgressTrackerOptions {
  base: Pick<OperationSummary, 'operationId' | 'kind' | 'poolId' | 'userName'>;
  nodeIds: readonly string[];
  publish: (progress: ProvisionProgress) => void;
  /** At most one event per this many ms while nodes change (default 100). */
  intervalMs?: number;
  timer?: FlushTimer;
  now?: () => Date;
}

/**
 * Keeps each node's progress of one operation and the counts per status, and publishes changes in batches: the first
 * change after a quiet period schedules one flush `intervalMs` later that carries every node changed meanwhile, so a
 * pool of 1,000 nodes produces a few dozen events, not thousands. `finish` flushes at once.
 */
export class ProgressTracker {
  private readonly nodes = new Map<string, NodeProgress>();
  private readonly counts: Record<NodeProgressStatus, number>;
  private readonly dirty = new Set<string>();
  private readonly startedAt: string;
  private finishedAt: string | undefined;
  private state: OperationSummary['state'] = 'running';
  private pending: unknown;
  private readonly timer: FlushTimer;
  private readonly now: () => Date;

  constructor(private readonly options: ProgressTrackerOptions) {
    this.timer = options.timer ?? realTimer;
    this.now = options.now ?? (() => new Date());
    this.startedAt = this.now().toISOString();
    this.counts = { pending: 0, running: 0, retrying: 0, created: 0, updated: 0, removed: 0, notPresent: 0, failed: 0, cancelled: 0 };
    for (const nodeId of options.nodeIds) {
      if (this.nodes.has(nodeId)) continue;
      this.nodes.set(nodeId, { nodeId, status: 'pending', attempts: 0 });
      this.counts.pending++;
    }
  }

  /** Number of distinct nodes in the operation. */
  get total(): number {
    return this.nodes.size;
  }

  /** The node ids, without duplicates, in the order given. */
  get nodeIds(): string[] {
    return [...this.nodes.keys()];
  }

  /** Records a node's new status (and attempts/error); a terminal status is final. */
  update(nodeId: string, patch: Partial<Omit<NodeProgress, 'nodeId'>>): void {
    const current = this.nodes.get(nodeId);
    if (!current || terminalStatuses.has(current.status)) return;
    const next: NodeProgress = { ...current, ...patch };
    if (patch.status && patch.status !== current.status) {
      this.counts[current.status]--;
      this.counts[patch.status]++;
    }
    if (next.error === undefined) delete next.error;
    this.nodes.set(nodeId, next);
    this.dirty.add(nodeId);
    this.schedule();
  }

  /** Marks every node that has not reached a terminal status as cancelled. */
  cancelRemaining(): void {
    for (const node of this.nodes.values()) {
      if (!terminalStatuses.has(node.status)) this.update(node.nodeId, { status: 'cancelled' });
    }
  }

  /** Ends the operation and publishes the last event at once. */
  finish(state: 'finished' | 'cancelled'): void {
    this.state = state;
    this.finishedAt = this.now().toISOString();
    this.flush();
  }

  /** Whether the operation is still running. */
  get running(): boolean {
    return this.state === 'running';
  }

  /** Counts and state, without nodes. */
  summary(): OperationSummary {
    const summary: OperationSummary = {
      ...this.options.base,
      total: this.nodes.size,
      counts: { ...this.counts },
      state: this.state,
      startedAt: this.startedAt,
    };
    if (this.finishedAt) summary.finishedAt = this.finishedAt;
    return summary;
  }

  /** The summary with every node (for a renderer that reattaches). */
  snapshot(): ProvisionProgress {
    return { ...this.summary(), nodes: [...this.nodes.values()].map((n) => ({ ...n })) };
  }

  /** One node's progress. */
  node(nodeId: string): NodeProgress | undefined {
    return this.nodes.get(nodeId);
  }

  /** Publishes the nodes changed since the last event, now. */
  flush(): void {
    if (this.pending !== undefined) this.timer.clear(this.pending);
    this.pending = undefined;
    const nodes = [...this.dirty].map((id) => ({ ...(this.nodes.get(id) as NodeProgress) }));
    this.dirty.clear();
    this.options.publish({ ...this.summary(), nodes });
  }

  private schedule(): void {
    if (this.pending !== undefined || !this.running) return;
    this.pending = this.timer.set(() => {
      this.pending = undefined;
      this.flush();
    }, this.options.intervalMs ?? 100);
  }
}
