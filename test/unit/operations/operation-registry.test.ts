import { describe, expect, it } from 'vitest';
import type { OperationProgress } from '../../../contract/features/operations';
import { ContractFailure } from '../../../contract/result';
import { EventBus } from '../../../main/events';
import type { Logger } from '../../../main/log';
import { OperationRegistry } from '../../../main/operations/operation-registry';
import { runItems } from '../../../main/operations/run-items';

function makeRegistry(keepFinished?: number) {
  const events = new EventBus();
  const published: OperationProgress[] = [];
  events.connect('test', (name, payload) => name === 'operations:progress' && published.push(payload as OperationProgress));
  const errors: string[] = [];
  const log: Logger = { info: () => undefined, warn: () => undefined, error: (_area, message) => errors.push(message) };
  return { registry: new OperationRegistry({ events, log, ...(keepFinished ? { keepFinished } : {}) }), published, errors };
}

const errorOf = (error: unknown) => ({ code: 'BATCH_ERROR', message: error instanceof Error ? error.message : String(error) });

describe('the operation registry', () => {
  it('gives each operation an id from main and a result per item, success and failure side by side', async () => {
    const { registry, published } = makeRegistry();
    const { operationId, total } = registry.start({
      kind: 'node-action', accountId: 'acc-1', poolId: 'p', subject: 'reboot', itemIds: ['a', 'b', 'b', 'c'],
      run: (ctx) => runItems(ctx, ctx.tracker.itemIds, (id) => id, async (id) => {
        if (id === 'b') throw new Error('NodeNotFound');
        return 'accepted';
      }, { concurrency: 2, errorOf }),
    });
    expect(total).toBe(3);
    const summary = await registry.whenDone(operationId);
    expect(summary).toMatchObject({ state: 'finished', outcomes: { accepted: 2 }, counts: { succeeded: 2, failed: 1 } });
    expect(registry.get(operationId).items.find((i) => i.id === 'b')).toMatchObject({ status: 'failed', error: { message: 'NodeNotFound' } });
    expect(published.at(-1)).toMatchObject({ operationId, state: 'finished' });
  });

  it('an operation whose work stops says why, and every item it never reached says so too', async () => {
    const { registry } = makeRegistry();
    const { operationId } = registry.start({
      kind: 'node-action', accountId: 'acc-1', subject: 'remove', itemIds: ['a', 'b'],
      run: async (ctx) => {
        ctx.tracker.update('a', { status: 'succeeded', outcome: 'accepted' });
        throw new ContractFailure('CONFLICT', 'Pool p did not become steady; removal stopped.');
      },
    });
    const summary = await registry.whenDone(operationId);
    expect(summary).toMatchObject({ state: 'failed', error: { code: 'CONFLICT' }, counts: { succeeded: 1, failed: 1 } });
    expect(registry.get(operationId).items.find((i) => i.id === 'b')!.error!.message).toContain('did not become steady');
  });

  it('lists only the named account\'s operations, newest first, and keeps a bounded number of finished ones', async () => {
    const { registry } = makeRegistry(2);
    const ids: string[] = [];
    for (const accountId of ['x', 'y', 'x', 'x']) {
      const { operationId } = registry.start({ kind: 'provision-apply', accountId, poolId: 'p', subject: 'ops', itemIds: ['n'], run: async (ctx) => ctx.tracker.update('n', { status: 'succeeded', outcome: 'created' }) });
      await registry.whenDone(operationId);
      ids.push(operationId);
    }
    expect(registry.list({ accountId: 'x' }).map((s) => s.operationId)).toEqual([ids[3], ids[2]]);
    expect(registry.list({ accountId: 'x', kind: 'node-action' })).toEqual([]);
    expect(() => registry.get(ids[0]!)).toThrow(ContractFailure);
  });

  it('a failing clean-up after the work is logged, and the operation still finishes', async () => {
    const { registry, errors } = makeRegistry();
    const { operationId } = registry.start({
      kind: 'provision-remove', accountId: 'x', subject: 'ops', itemIds: ['n'],
      run: async (ctx) => ctx.tracker.update('n', { status: 'succeeded', outcome: 'removed' }),
      finished: async () => {
        throw new Error('disk full');
      },
    });
    expect((await registry.whenDone(operationId)).state).toBe('finished');
    expect(errors.join('\n')).toContain('finishing failed');
  });

  it('shutting down cancels what still runs and waits for it to end', async () => {
    const { registry } = makeRegistry();
    const { operationId } = registry.start({
      kind: 'node-action', accountId: 'x', subject: 'reboot', itemIds: ['a', 'b'],
      run: (ctx) => runItems(ctx, ctx.tracker.itemIds, (id) => id, (_id, { signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))), { concurrency: 1, errorOf }),
    });
    await registry.dispose();
    expect(registry.get(operationId)).toMatchObject({ state: 'cancelled', counts: { cancelled: 2 } });
  });
});
