import type { ItemError } from '../../contract/features/operations';
import type { RetryNotice } from '../batch/rest/call-registry';
import { AdaptiveLimit, runBounded } from './bounded-pool';
import type { OperationContext } from './operation-registry';

/** What one item's work gets: the operation's cancel signal and hooks that make attempts and retries visible. */
export interface ItemCallbacks {
  signal: AbortSignal;
  /** Call before each request's first attempt (the UI shows attempts). */
  onAttempt: (attemptNo: number) => void;
  /** Call when the client is about to resend after a 429/503/5xx or a dropped connection. */
  onRetry: (notice: RetryNotice) => void;
}

/** How {@link runItems} runs. */
export interface RunItemsOptions {
  /** Requests in flight at once: fixed, or adaptive (halved when the service throttles, raised as calls succeed). */
  concurrency: number | AdaptiveLimit;
  /** Turns what an item threw into what the user reads (what Batch said). */
  errorOf: (error: unknown) => ItemError;
  /** Told about every retry (services log it: throttling is what operators ask about). */
  retried?: (itemId: string, notice: RetryNotice) => void;
  /** Told when an item ended, success or failure (cancelled items are not reported: nothing is known about them). */
  settled?: (itemId: string, result: { outcome: string } | { error: ItemError }) => void | Promise<void>;
}

/**
 * Runs `work` for `items` of an operation with at most `concurrency` in flight: each goes pending → running
 * (→ retrying) → succeeded with the outcome `work` returns, or failed with what it threw. Cancelling stops new items at
 * once and aborts requests in flight; those items end `cancelled` (a request the service already received may still
 * apply). One item's failure never stops the others.
 */
export async function runItems<T>(
  context: OperationContext,
  items: readonly T[],
  idOf: (item: T) => string,
  work: (item: T, callbacks: ItemCallbacks) => Promise<string>,
  options: RunItemsOptions,
): Promise<void> {
  const { tracker, signal } = context;
  const adaptive = options.concurrency instanceof AdaptiveLimit ? options.concurrency : undefined;
  await runBounded(
    items,
    options.concurrency,
    async (item) => {
      const id = idOf(item);
      tracker.update(id, { status: 'running' });
      try {
        const outcome = await work(item, {
          signal,
          onAttempt: (attempts) => tracker.update(id, { attempts, ...(attempts > 1 ? { status: 'running' } : {}) }),
          onRetry: (notice) => {
            // The resend is attempt retry + 1; the item shows it as retrying until it is answered.
            tracker.update(id, { status: 'retrying', attempts: notice.retry + 1 });
            if (notice.statusCode === 429 || notice.statusCode === 503) adaptive?.throttled();
            options.retried?.(id, notice);
          },
        });
        tracker.update(id, { status: 'succeeded', outcome });
        adaptive?.succeeded();
        await options.settled?.(id, { outcome });
      } catch (error) {
        if (signal.aborted) {
          tracker.update(id, { status: 'cancelled' });
          return;
        }
        const itemError = options.errorOf(error);
        tracker.update(id, { status: 'failed', error: itemError });
        await options.settled?.(id, { error: itemError });
      }
    },
    signal,
  );
}
