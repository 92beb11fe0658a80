import { setMaxListeners } from 'node:events';
import type { BatchServiceClient } from '@azure/batch';
import type { NodeProgressStatus, OperationSummary } from '../../contract/features/provision';
import type { RetryPolicy } from '../batch/retry';
import { toBatchFailure } from '../batch/service-error';
import type { EventEmitter } from '../events';
import { runBounded } from './bounded-pool';
import type { NodeCallOptions } from './node-user-calls';
import type { Operation } from './operation-registry';
import { ProgressTracker } from './progress-tracker';

/** One node's work: resolves with the node's final status, throws what Batch said. */
export type NodeJob = (client: BatchServiceClient, nodeId: string, options: NodeCallOptions) => Promise<NodeProgressStatus>;

/** Everything one operation run needs. */
export interface RunOperationInput {
  operationId: string;
  kind: OperationSummary['kind'];
  poolId: string;
  userName: string;
  nodeIds: readonly string[];
  client: BatchServiceClient;
  endpoint: string;
  job: NodeJob;
  /** Called for each node that reached a terminal status (failed and cancelled included). */
  settled: (nodeId: string, status: NodeProgressStatus, error?: { code: string; message: string; serviceCode?: string }) => Promise<void>;
  /** Called once when every node is done, before the last event. */
  finished: () => Promise<void>;
  events: EventEmitter;
  /** Told about every retry (the service logs it: throttling is what operators ask about). */
  retried?: (nodeId: string, attemptNo: number, delayMs: number, error: unknown) => void;
  concurrency: number;
  retryPolicy?: RetryPolicy;
  progressIntervalMs?: number;
}

/**
 * Starts an operation in the background: every node goes pending → running (→ retrying) → a terminal status, with at
 * most `concurrency` requests in flight and batched `provision:progress` events. Cancelling stops new nodes at once
 * and aborts requests in flight; those nodes end `cancelled` (a request the service already received may still apply).
 */
export function startOperation(input: RunOperationInput): Operation {
  const controller = new AbortController();
  const tracker = new ProgressTracker({
    base: { operationId: input.operationId, kind: input.kind, poolId: input.poolId, userName: input.userName },
    nodeIds: input.nodeIds,
    publish: (progress) => input.events.emit('provision:progress', progress),
    intervalMs: input.progressIntervalMs,
  });
  const signal = controller.signal;
  // Every request in flight and every retry wait listens on this one signal: dozens at once is by design.
  setMaxListeners(0, signal);

  const runNode = async (nodeId: string): Promise<void> => {
    tracker.update(nodeId, { status: 'running' });
    try {
      const status = await input.job(input.client, nodeId, {
        signal,
        policy: input.retryPolicy,
        onAttempt: (attempts) => tracker.update(nodeId, { attempts, ...(attempts > 1 ? { status: 'running' } : {}) }),
        onRetry: (attemptNo, delayMs, error) => {
          tracker.update(nodeId, { status: 'retrying' });
          input.retried?.(nodeId, attemptNo, delayMs, error);
        },
      });
      tracker.update(nodeId, { status });
      await input.settled(nodeId, status);
    } catch (error) {
      if (signal.aborted) {
        tracker.update(nodeId, { status: 'cancelled' });
        return;
      }
      const failure = toBatchFailure(error, input.endpoint);
      const serviceCode = typeof failure.details?.serviceCode === 'string' ? failure.details.serviceCode : undefined;
      const nodeError = { code: failure.code, message: failure.message, ...(serviceCode ? { serviceCode } : {}) };
      tracker.update(nodeId, { status: 'failed', error: nodeError });
      await input.settled(nodeId, 'failed', nodeError);
    }
  };

  const done = (async (): Promise<OperationSummary> => {
    await runBounded(tracker.nodeIds, input.concurrency, runNode, signal);
    if (signal.aborted) tracker.cancelRemaining();
    await input.finished().catch(() => undefined);
    tracker.finish(signal.aborted ? 'cancelled' : 'finished');
    return tracker.summary();
  })();
  return { tracker, controller, done };
}
