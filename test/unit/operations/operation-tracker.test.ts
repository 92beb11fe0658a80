import { describe, expect, it } from 'vitest';
import type { OperationProgress } from '../../../contract/features/operations';
import { OperationTracker, type FlushTimer } from '../../../main/operations/operation-tracker';

/** A timer the test fires by hand: no waiting, no timing assertions. */
function manualTimer(): FlushTimer & { fire(): void; scheduled: number } {
  let callback: (() => void) | undefined;
  const timer = {
    scheduled: 0,
    set(cb: () => void) {
      callback = cb;
      timer.scheduled++;
      return cb;
    },
    clear() {
      callback = undefined;
    },
    fire() {
      const cb = callback;
      callback = undefined;
      cb?.();
    },
  };
  return timer;
}

function tracker(nodeIds: string[]) {
  const events: OperationProgress[] = [];
  const timer = manualTimer();
  const progress = new OperationTracker({
    base: { operationId: 'op-1', kind: 'provision-apply', accountId: 'acc-1', poolId: 'pool-a', subject: 'ops' },
    itemIds: nodeIds,
    publish: (p) => events.push(p),
    timer,
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { progress, events, timer };
}

describe('operation progress', () => {
  it('starts with every node pending, counted once even when a node is listed twice', () => {
    const { progress } = tracker(['n1', 'n2', 'n2', 'n3']);
    expect(progress.total).toBe(3);
    expect(progress.summary().counts.pending).toBe(3);
    expect(progress.summary().state).toBe('running');
  });

  it('batches many node changes into one event that carries only the nodes that changed', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => `node-${i}`);
    const { progress, events, timer } = tracker(nodes);
    for (const id of nodes.slice(0, 400)) progress.update(id, { status: 'running' });
    for (const id of nodes.slice(0, 300)) progress.update(id, { status: 'succeeded', outcome: 'created', attempts: 1 });
    expect(events).toHaveLength(0);
    expect(timer.scheduled).toBe(1);
    timer.fire();
    expect(events).toHaveLength(1);
    expect(events[0]!.items).toHaveLength(400);
    expect(events[0]!.counts).toMatchObject({ pending: 600, running: 100, succeeded: 300 });
    expect(events[0]!.outcomes).toEqual({ created: 300 });
  });

  it('keeps counts consistent through retries, failures with what Batch said, and cancel', () => {
    const { progress, timer, events } = tracker(['a', 'b', 'c', 'd']);
    progress.update('a', { status: 'running', attempts: 1 });
    progress.update('a', { status: 'retrying' });
    progress.update('a', { status: 'running', attempts: 2 });
    progress.update('a', { status: 'succeeded', outcome: 'updated' });
    progress.update('b', { status: 'failed', error: { code: 'BATCH_ERROR', message: 'The node is unusable.', serviceCode: 'NodeStateUnusable' } });
    progress.update('c', { status: 'running' });
    progress.endRemaining('cancelled');
    progress.finish('cancelled');
    const last = events.at(-1)!;
    expect(last.state).toBe('cancelled');
    expect(last.finishedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(last.counts).toMatchObject({ pending: 0, running: 0, retrying: 0, succeeded: 1, failed: 1, cancelled: 2 });
    expect(last.outcomes).toEqual({ updated: 1 });
    expect(Object.values(last.counts).reduce((a, b) => a + b, 0)).toBe(4);
    expect(progress.item('a')).toMatchObject({ status: 'succeeded', outcome: 'updated', attempts: 2 });
    expect(progress.item('b')!.error!.serviceCode).toBe('NodeStateUnusable');
    timer.fire();
    expect(events.at(-1)).toBe(last);
  });

  it('treats a final status as final: a late update does not move a node back', () => {
    const { progress } = tracker(['a']);
    progress.update('a', { status: 'succeeded', outcome: 'created' });
    progress.update('a', { status: 'running' });
    progress.update('ghost', { status: 'running' });
    expect(progress.item('a')!.status).toBe('succeeded');
    expect(progress.summary().counts).toMatchObject({ succeeded: 1, running: 0 });
  });

  it('finishing publishes at once, and a snapshot has every item for a renderer that reattaches', () => {
    const { progress, events } = tracker(['a', 'b']);
    progress.update('a', { status: 'succeeded', outcome: 'created' });
    progress.update('b', { status: 'failed', error: { code: 'BATCH_ERROR', message: 'gone' } });
    progress.finish('finished');
    expect(events).toHaveLength(1);
    expect(events[0]!.state).toBe('finished');
    expect(progress.snapshot().items.map((n) => n.status)).toEqual(['succeeded', 'failed']);
  });
});
