import { isTransientStatus, networkCodeOf } from './network-failure';

/** What the retry loop needs to know about a failed attempt. */
export interface RetryableError {
  statusCode?: number;
  /** The network error code (ECONNRESET, ENOTFOUND, …) when the attempt failed on the wire; undefined otherwise. */
  networkCode?: string;
  /** Seconds from a `Retry-After` header, when the service sent one. */
  retryAfterSeconds?: number;
}

/** Retry policy: which failures to retry, how often, and how long to wait. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Defaults for Batch calls: the SDK's own policy is turned off (it ignores Retry-After and never retries 429). */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Reads status and Retry-After from an ms-rest-js RestError (its `response.headers` is an HttpHeaders). */
export function retryInfoOf(error: unknown): RetryableError {
  const shape = error as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } } };
  const header = shape?.response?.headers?.get?.('retry-after');
  const seconds = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
  const statusCode = typeof shape?.statusCode === 'number' ? shape.statusCode : undefined;
  return { statusCode, retryAfterSeconds: seconds, networkCode: statusCode === undefined ? networkCodeOf(error) : undefined };
}

/**
 * True for real network failures (a dropped or refused connection, DNS, timeout) and transient statuses (408, 429,
 * 5xx). Anything else without a status (a TypeError, a bug) is not retried: it would fail the same way again.
 */
export function isRetryable(info: RetryableError): boolean {
  return info.networkCode !== undefined || isTransientStatus(info.statusCode);
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, runs out of attempts, or `signal` aborts.
 * Waits `Retry-After` when the service sends it, else exponential backoff with full jitter.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  options: {
    policy?: RetryPolicy;
    signal?: AbortSignal;
    onRetry?: (attemptNo: number, delayMs: number, error: unknown) => void;
    random?: () => number;
    /** Narrows what is retried (e.g. a create must not be resent after a dropped connection); default {@link isRetryable}. */
    retryIf?: (info: RetryableError) => boolean;
  } = {},
): Promise<T> {
  const policy = options.policy ?? defaultRetryPolicy;
  const random = options.random ?? Math.random;
  for (let attemptNo = 1; ; attemptNo++) {
    try {
      return await attempt();
    } catch (error) {
      const info = retryInfoOf(error);
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      if (attemptNo >= policy.maxAttempts || !(options.retryIf ?? isRetryable)(info)) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNo - 1)) * random();
      const delayMs = info.retryAfterSeconds !== undefined ? Math.min(policy.maxDelayMs, info.retryAfterSeconds * 1000) : backoff;
      options.onRetry?.(attemptNo, delayMs, error);
      await sleep(delayMs, options.signal);
    }
  }
}

/** Waits, or rejects early when the signal aborts; the abort listener is removed either way. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
