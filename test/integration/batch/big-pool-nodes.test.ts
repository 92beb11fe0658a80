import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchServices, type BatchServices } from '../../../main/batch/batch-feature';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { nodeActionsFor } from '../../helpers/node-actions';
import { countCalls, countRequests, emulatorSource, jammyPool, nodeListPage, recordingEvents, eventually } from './emulator-source';

/** The account every call names: the one emulatorSource serves. */
const account = 'sandbox';

let emulator: EmulatorProcess;
let services: BatchServices;
let source: ReturnType<typeof emulatorSource>;
const events = recordingEvents();
const nodeList = { calls: 0 };

beforeAll(async () => {
  emulator = await startEmulatorProcess({ timeScale: 0.01 });
  source = emulatorSource(emulator);
  // Count the node list pages requested (first pages and next links) to see when the service re-lists.
  countRequests(source.rest, nodeListPage, nodeList);
  services = createBatchServices(source, events);
});

afterAll(async () => {
  await emulator?.stop();
});

describe('a 10,000-node pool', () => {
  it('lists every node in pages of 1,000, then refreshes from node counts without listing the nodes again', async () => {
    await services.pools.create(account, jammyPool({ id: 'big', targetDedicatedNodes: 10_000 }));
    await eventually(async () => ((await services.pools.get(account, 'big')).allocationState === 'steady' ? true : undefined), 60_000);
    const idle = await eventually(async () => {
      const counts = (await services.pools.get(account, 'big')).nodeCounts?.dedicated;
      return counts?.idle === 10_000 ? counts : undefined;
    }, 60_000);
    expect(idle.total).toBe(10_000);

    nodeList.calls = 0;
    const first = await services.nodes.list(account, 'big');
    if (first.unchanged) throw new Error('expected rows');
    expect(first.rows).toHaveLength(10_000);
    expect(new Set(first.rows.map((r) => r[0])).size).toBe(10_000);
    expect(nodeList.calls).toBe(10);
    const progress = events.seen.filter((e) => e.event === 'nodes:list-progress').map((e) => (e.payload as { loaded: number }).loaded);
    expect(progress.slice(-10)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);

    const again = await services.nodes.list(account, 'big', first.version);
    expect(again.unchanged).toBe(true);
    expect(nodeList.calls).toBe(10);

    const forced = await services.nodes.list(account, 'big', first.version, true);
    expect(forced).toMatchObject({ unchanged: true, version: first.version });
    expect(nodeList.calls).toBe(20);
  });

  it('removing 250 selected nodes sends one request per 100 nodes and the next refresh lists again', async () => {
    const before = await services.nodes.list(account, 'big', undefined, true);
    if (before.unchanged) throw new Error('expected rows');
    nodeList.calls = 0;
    const removals = { calls: 0 };
    countCalls(source.rest.pools, 'removeNodes', removals);
    const chosen = before.rows.slice(0, 250).map((r) => r[0]);
    const actions = nodeActionsFor(source, services.nodes, events, { concurrency: 8, steadyPollMs: 100, steadyTimeoutMs: 30_000 });
    const { summary, items } = await actions.run({ accountId: account, poolId: 'big', action: 'remove', target: { nodeIds: chosen } });
    expect(summary, JSON.stringify(items.find((i) => i.error))).toMatchObject({ state: 'finished', total: 250, outcomes: { accepted: 250 } });
    expect(removals.calls).toBe(3);
    const after = await services.nodes.list(account, 'big', before.version);
    expect(after.unchanged).toBe(false);
    expect(nodeList.calls).toBeGreaterThanOrEqual(10);
  });
});
