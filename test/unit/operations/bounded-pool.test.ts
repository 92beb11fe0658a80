import { describe, expect, it } from 'vitest';
import { AdaptiveLimit, runBounded } from '../../../main/operations/bounded-pool';

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

describe('AdaptiveLimit (whole-pool provisioning backs off when Batch throttles)', () => {
  it('halves the calls in flight when the service throttles and grows back one at a time as calls succeed', async () => {
    let clock = 0;
    const limit = new AdaptiveLimit(16, 2, 1000, () => clock);
    const items = Array.from({ length: 200 }, (_, i) => i);
    let inFlight = 0;
    const peaks: number[] = [];
    await runBounded(items, limit, async (item) => {
      inFlight++;
      peaks[item] = inFlight;
      await new Promise((r) => setImmediate(r));
      inFlight--;
      if (item === 20) {
        // A burst of 429s is one signal: the second within the cool-down does not halve again.
        limit.throttled();
        limit.throttled();
        clock += 5000;
      } else limit.succeeded();
    });
    expect(Math.max(...peaks.slice(0, 20))).toBe(16);
    // Calls already running when the 429 came finish; after them only 8 (then 9, 10, …) run at once.
    expect(Math.max(...peaks.slice(41, 47))).toBe(9);
    expect(Math.max(...peaks.slice(41, 100))).toBeLessThan(16);
    expect(peaks.at(-1)).toBe(16);
    expect(limit.value).toBe(16);
  });

  it('never goes below its floor, and a run with every lane waiting still finishes', async () => {
    let clock = 0;
    const limit = new AdaptiveLimit(8, 3, 0, () => (clock += 10));
    const done: number[] = [];
    await runBounded(Array.from({ length: 30 }, (_, i) => i), limit, async (item) => {
      limit.throttled();
      await new Promise((r) => setImmediate(r));
      done.push(item);
    });
    expect(limit.value).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
