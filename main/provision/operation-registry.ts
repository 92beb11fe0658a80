import type { OperationSummary, ProvisionProgress } from '../../contract/features/provision';
import { ContractFailure } from '../../contract/result';
import type { ProgressTracker } from './progress-tracker';

/** One running or finished operation: its progress, its cancel switch, and the promise that settles when it ends. */
export interface Operation {
  tracker: ProgressTracker;
  controller: AbortController;
  done: Promise<OperationSummary>;
}

/**
 * The operations of this session, newest last. Finished ones are kept (up to `keepFinished`) so a renderer that
 * reloads can still show how the last runs went; running ones are never dropped.
 */
export class OperationRegistry {
  private readonly operations = new Map<string, Operation>();

  constructor(private readonly keepFinished = 50) {}

  /** Adds an operation and forgets the oldest finished ones beyond the limit. */
  add(operation: Operation): void {
    this.operations.set(operation.tracker.summary().operationId, operation);
    const finished = [...this.operations.entries()].filter(([, op]) => !op.tracker.running);
    for (const [id] of finished.slice(0, Math.max(0, finished.length - this.keepFinished))) this.operations.delete(id);
  }

  /** The operation, or NOT_FOUND. */
  get(operationId: string): Operation {
    const operation = this.operations.get(operationId);
    if (!operation) throw new ContractFailure('NOT_FOUND', `There is no provisioning operation ${operationId} in this session.`);
    return operation;
  }

  /** Summaries, newest first, optionally of one pool. */
  summaries(poolId?: string): OperationSummary[] {
    return [...this.operations.values()]
      .map((op) => op.tracker.summary())
      .filter((summary) => poolId === undefined || summary.poolId === poolId)
      .reverse();
  }

  /** Every node's progress of one operation. */
  snapshot(operationId: string): ProvisionProgress {
    return this.get(operationId).tracker.snapshot();
  }

  /** Aborts one operation; false when it had already ended. */
  cancel(operationId: string): boolean {
    const operation = this.get(operationId);
    if (!operation.tracker.running) return false;
    operation.controller.abort(new ContractFailure('CANCELLED', 'Provisioning was cancelled.'));
    return true;
  }

  /** Aborts every running operation and waits until all have ended. */
  async cancelAll(): Promise<void> {
    const running = [...this.operations.values()].filter((op) => op.tracker.running);
    for (const op of running) op.controller.abort(new ContractFailure('CANCELLED', 'Batch Deck is shutting down.'));
    await Promise.allSettled(running.map((op) => op.done));
  }
}
