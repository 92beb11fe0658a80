import { describe, expect, it } from 'vitest';
import { runBounded } from '../../../main/operations/bounded-pool';

/** A deferred promise the test settles by hand, so concurrency is observed without timers. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('runBounded (the concurrency limit of whole-pool provisioning)', () => {
  it('never has more than the limit in flight and still processes every node once, in order of start', async () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    await runBounded(items, 7, async (item) => {
      started.push(item);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
    });
    expect(peak).toBe(7);
    expect(started).toEqual(items);
  });

  it('starts no new node after cancel, lets running ones finish, and reports the ones never started', async () => {
    const controller = new AbortController();
    const gates = Array.from({ length: 10 }, deferred);
    const finished: number[] = [];
    const run = runBounded(
      gates.map((_, i) => i),
      3,
      async (i) => {
        await gates[i]!.promise;
        finished.push(i);
      },
      controller.signal,
    );
    await new Promise((r) => setImmediate(r));
    controller.abort();
    for (const gate of gates) gate.resolve();
    const { notStarted } = await run;
    expect(finished.sort()).toEqual([0, 1, 2]);
    expect(notStarted).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('with fewer nodes than the limit starts them all at once', async () => {
    let concurrent = 0;
    let peak = 0;
    await runBounded([1, 2], 32, async () => {
      peak = Math.max(peak, ++concurrent);
      await new Promise((r) => setImmediate(r));
      concurrent--;
    });
    expect(peak).toBe(2);
  });

  it('rethrows a bug in a worker only after every started call settled', async () => {
    const settled: number[] = [];
    await expect(
      runBounded([0, 1, 2], 3, async (i) => {
        await new Promise((r) => setImmediate(r));
        if (i === 0) throw new Error('bug');
        await new Promise((r) => setImmediate(r));
        settled.push(i);
      }),
    ).rejects.toThrow('bug');
    expect(settled.sort()).toEqual([1, 2]);
  });

  it('refuses a limit that is not a positive integer', async () => {
    await expect(runBounded([1], 0, async () => undefined)).rejects.toThrow(/positive integer/);
  });
});
