import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { withRetry } from '../../../../main/batch/retry';

/** An error shaped like ms-rest-js's RestError, with an optional Retry-After header. */
function restError(statusCode: number | undefined, retryAfter?: string): Error {
  const headers = new Map(retryAfter ? [['retry-after', retryAfter]] : []);
  return Object.assign(new Error(`HTTP ${statusCode}`), { statusCode, response: { headers: { get: (n: string) => headers.get(n) } } });
}

/** Fails with the given errors in turn, then succeeds. */
function flaky(errors: Error[]) {
  let calls = 0;
  return {
    attempt: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return 'done';
    },
    calls: () => calls,
  };
}

const fast = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 50 };

describe('withRetry', () => {
  it('waits what Retry-After asks on a 429, then succeeds', async () => {
    const delays: number[] = [];
    const op = flaky([restError(429, '0'), restError(503)]);
    const result = await withRetry(op.attempt, { policy: fast, onRetry: (_n, delay) => delays.push(delay), random: () => 1 });
    expect(result).toBe('done');
    expect(op.calls()).toBe(3);
    expect(delays).toEqual([0, 2]);
  });

  it('does not retry a request the service refused for a reason retrying cannot fix', async () => {
    const op = flaky([restError(409)]);
    await expect(withRetry(op.attempt, { policy: fast })).rejects.toThrow('HTTP 409');
    expect(op.calls()).toBe(1);
  });

  it('gives up after the last attempt with the service error', async () => {
    const op = flaky([restError(503), restError(503), restError(503), restError(503), restError(503)]);
    await expect(withRetry(op.attempt, { policy: fast })).rejects.toThrow('HTTP 503');
    expect(op.calls()).toBe(4);
  });

  it('stops waiting when cancelled and leaves no listener behind after normal waits', async () => {
    const controller = new AbortController();
    const ok = flaky([restError(500), restError(500)]);
    await withRetry(ok.attempt, { policy: fast, signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

    const op = flaky([restError(429, '30'), restError(429, '30')]);
    const running = withRetry(op.attempt, { policy: { ...fast, maxDelayMs: 60_000 }, signal: controller.signal });
    controller.abort(new Error('cancelled by user'));
    await expect(running).rejects.toThrow('cancelled by user');
    expect(op.calls()).toBe(1);
  });
});
