import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchServices } from '../../../main/batch/batch-feature';
import { EventBus } from '../../../main/events';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { emulatorSource } from '../../helpers/emulator-source';
import { nodeActionsFor } from '../../helpers/node-actions';

let emulator: EmulatorProcess;

beforeAll(async () => {
  // Realistic timing: a new pool stays `resizing` for 45-90 s, so a removal waits for it to be steady.
  emulator = await startEmulatorProcess({ timeScale: 1 });
});
afterAll(async () => emulator?.stop());

describe('a removal waiting for its pool to be steady', () => {
  it('keeps one abort listener however long it polls, and a cancel ends it at once', async () => {
    const source = emulatorSource(emulator);
    const events = new EventBus();
    const batch = createBatchServices(source, events);
    await source.client.pool.add({
      id: 'slow',
      vmSize: 'standard_d2s_v3',
      virtualMachineConfiguration: { imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
      targetDedicatedNodes: 1,
    });
    // Every poll of the pool's allocation state carries the operation's signal: count who listens on it then.
    const listeners: number[] = [];
    const get = source.rest.pools.get;
    source.rest.pools.get = (poolId, options) => {
      if (options?.signal) listeners.push(getEventListeners(options.signal, 'abort').length);
      return get(poolId, options);
    };
    const actions = nodeActionsFor(source, batch.nodes, events, { concurrency: 8, steadyPollMs: 5, steadyTimeoutMs: 60_000 });
    const { operationId } = await actions.service.start({ accountId: source.account.id, poolId: 'slow', action: 'remove', target: { nodeIds: ['tvmps_any_d'] } });
    await expect.poll(() => listeners.length, { timeout: 20_000 }).toBeGreaterThan(100);
    expect(actions.operations.get(operationId)).toMatchObject({ state: 'running', counts: { running: 1 } });
    // Before: one more listener per poll (a 30-minute wait at 3 s piled up 600). Now each wait removes its own.
    expect(Math.max(...listeners)).toBeLessThanOrEqual(Math.min(...listeners) + 1);
    expect(actions.operations.cancel(operationId)).toBe(true);
    const summary = await actions.operations.whenDone(operationId);
    expect(summary).toMatchObject({ state: 'cancelled', counts: { cancelled: 1 } });
  });
});
