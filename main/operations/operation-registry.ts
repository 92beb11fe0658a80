import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { ItemError, OperationKind, OperationProgress, OperationSummary } from '../../contract/features/operations';
import { ContractFailure } from '../../contract/result';
import type { EventEmitter } from '../events';
import type { Logger } from '../log';
import { OperationTracker, type FlushTimer } from './operation-tracker';

/** What an operation's work gets: its id, the cancel signal, and the tracker it reports each item to. */
export interface OperationContext {
  operationId: string;
  accountId: string;
  signal: AbortSignal;
  tracker: OperationTracker;
}

/** One long operation to start: who and what it is about, its items, and the work. */
export interface OperationSpec {
  kind: OperationKind;
  accountId: string;
  poolId?: string;
  /** The user name, the action… (shown in progress and lists). */
  subject: string;
  /** What the log says instead of `subject` when the subject is the user's own text (a fleet command may hold a secret). */
  logSubject?: string;
  itemIds: readonly string[];
  /** Does the work; resolves when every item it started has settled. Throwing stops the operation: it ends `failed`. */
  run(context: OperationContext): Promise<void>;
  /** Runs once after the work, before the last event (saving state); its failure is logged, not reported per item. */
  finished?(summary: OperationSummary): Promise<void>;
}

/** How the registry is built. */
export interface OperationRegistryDeps {
  events: EventEmitter;
  log: Logger;
  /** Finished operations kept for reattaching (default 50); running ones are never dropped. */
  keepFinished?: number;
  /** Progress events at most this often per operation (default 100 ms). */
  progressIntervalMs?: number;
  timer?: FlushTimer;
}

interface Entry {
  tracker: OperationTracker;
  controller: AbortController;
  done: Promise<OperationSummary>;
}

/** A thrown value as an item error: a ContractFailure keeps its code, anything else is INTERNAL. */
export function itemErrorOf(error: unknown): ItemError {
  if (error instanceof ContractFailure) {
    const serviceCode = typeof error.details?.serviceCode === 'string' ? error.details.serviceCode : undefined;
    return { code: error.code, message: error.message, ...(serviceCode ? { serviceCode } : {}) };
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Every long operation of this session (provisioning, node actions, and later uploads and task bulk actions): ids from
 * main, batched `operations:progress` events, a snapshot to reattach after a reload, cancel, and a result per item.
 * Operations outlive the call that started them and the renderer that watched them.
 */
export class OperationRegistry {
  private readonly operations = new Map<string, Entry>();

  constructor(private readonly deps: OperationRegistryDeps) {}

  /** Starts the work in the background and answers at once with the new operation's id. */
  start(spec: OperationSpec): { operationId: string; total: number } {
    const operationId = randomUUID();
    const controller = new AbortController();
    // Every request in flight and every retry wait listens on this one signal: dozens at once is by design.
    setMaxListeners(0, controller.signal);
    const tracker = new OperationTracker({
      base: { operationId, kind: spec.kind, accountId: spec.accountId, subject: spec.subject, ...(spec.poolId ? { poolId: spec.poolId } : {}) },
      itemIds: spec.itemIds,
      publish: (progress) => this.deps.events.emit('operations:progress', progress),
      intervalMs: this.deps.progressIntervalMs,
      timer: this.deps.timer,
    });
    const context: OperationContext = { operationId, accountId: spec.accountId, signal: controller.signal, tracker };
    const done = this.drive(spec, context);
    this.operations.set(operationId, { tracker, controller, done });
    this.forgetOldest();
    return { operationId, total: tracker.total };
  }

  /** Summaries of one account's operations, newest first, optionally of one kind or pool. */
  list(filter: { accountId: string; kind?: OperationKind; poolId?: string }): OperationSummary[] {
    return [...this.operations.values()]
      .map((op) => op.tracker.summary())
      .filter((s) => s.accountId === filter.accountId && (!filter.kind || s.kind === filter.kind) && (!filter.poolId || s.poolId === filter.poolId))
      .reverse();
  }

  /** One operation with every item. */
  get(operationId: string): OperationProgress {
    return this.entry(operationId).tracker.snapshot();
  }

  /** Aborts one operation; false when it had already ended. */
  cancel(operationId: string): boolean {
    const operation = this.entry(operationId);
    if (!operation.tracker.running) return false;
    operation.controller.abort(new ContractFailure('CANCELLED', 'The operation was cancelled.'));
    return true;
  }

  /** Resolves when the operation has ended. */
  whenDone(operationId: string): Promise<OperationSummary> {
    return this.entry(operationId).done;
  }

  /** Aborts every running operation and waits until all have ended (app shutdown). */
  async dispose(): Promise<void> {
    const running = [...this.operations.values()].filter((op) => op.tracker.running);
    for (const op of running) op.controller.abort(new ContractFailure('CANCELLED', 'Batch Deck is shutting down.'));
    await Promise.allSettled(running.map((op) => op.done));
  }

  private async drive(spec: OperationSpec, context: OperationContext): Promise<OperationSummary> {
    const { tracker, signal, operationId } = context;
    const log = this.deps.log;
    log.info('operations', `${operationId} ${spec.kind} ${spec.logSubject ?? spec.subject} on ${tracker.total} item(s)${spec.poolId ? ` of pool ${spec.poolId}` : ''}: started`);
    let failure: ItemError | undefined;
    // Yield once so the caller gets the id before the first item runs.
    await Promise.resolve();
    try {
      await spec.run(context);
    } catch (error) {
      if (!signal.aborted) {
        failure = itemErrorOf(error);
        if (failure.code === 'INTERNAL') log.error('operations', `${operationId} stopped by a bug`, error);
      }
    }
    if (failure) tracker.endRemaining('failed', failure);
    else if (signal.aborted) tracker.endRemaining('cancelled');
    else tracker.endRemaining('failed', { code: 'INTERNAL', message: 'The operation ended without reaching this item.' });
    const state = failure ? 'failed' : signal.aborted ? 'cancelled' : 'finished';
    await spec.finished?.(tracker.summary()).catch((error: unknown) => log.error('operations', `${operationId}: finishing failed`, error));
    tracker.finish(state, failure);
    const summary = tracker.summary();
    const counts = Object.entries({ ...summary.outcomes, failed: summary.counts.failed, cancelled: summary.counts.cancelled })
      .filter(([, n]) => n > 0)
      .map(([what, n]) => `${what} ${n}`)
      .join(', ');
    log.info('operations', `${operationId} ${state}: ${counts || 'nothing done'}`);
    return summary;
  }

  private entry(operationId: string): Entry {
    const operation = this.operations.get(operationId);
    if (!operation) throw new ContractFailure('NOT_FOUND', `There is no operation ${operationId} in this session (operations are kept until Batch Deck quits).`);
    return operation;
  }

  private forgetOldest(): void {
    const finished = [...this.operations.entries()].filter(([, op]) => !op.tracker.running);
    for (const [id] of finished.slice(0, Math.max(0, finished.length - (this.deps.keepFinished ?? 50)))) this.operations.delete(id);
  }
}
