/**
 * Runs `worker` over `items` with at most `limit` calls in flight, in order of `items`. Once `signal` aborts no new
 * item starts; calls already running finish on their own (they get the signal too). Resolves after every started call
 * settled, with the items that never started. A worker that throws is a bug: the first such error is rethrown after
 * the rest settled, so no call is left running behind the caller's back.
 */
export async function runBounded<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<{ notStarted: T[] }> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Concurrency limit must be a positive integer, got ${limit}`);
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted && !firstError) {
      const index = next++;
      try {
        await worker(items[index] as T, index);
      } catch (error) {
        firstError ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (firstError) throw firstError.error;
  return { notStarted: items.slice(next) };
}
