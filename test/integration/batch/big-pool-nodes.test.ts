import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolSpecSchema } from '../../../contract/features/batch';
import { createBatchServices, type BatchServices } from '../../../main/batch/batch-feature';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { emulatorSource, recordingEvents, waitFor } from './emulator-source';

let emulator: EmulatorProcess;
let services: BatchServices;
let source: ReturnType<typeof emulatorSource>;
const events = recordingEvents();
let nodeListRequests = 0;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ timeScale: 0.01 });
  source = emulatorSource(emulator);
  // Count the real SDK's list requests (first pages and next links) to see when the service re-lists.
  const list = source.client.computeNode.list.bind(source.client.computeNode);
  const listNext = source.client.computeNode.listNext.bind(source.client.computeNode);
  source.client.computeNode.list = ((...args: Parameters<typeof list>) => (nodeListRequests++, list(...args))) as typeof list;
  source.client.computeNode.listNext = ((...args: Parameters<typeof listNext>) => (nodeListRequests++, listNext(...args))) as typeof listNext;
  services = createBatchServices(source, events, { nodeActions: { concurrency: 8, steadyPollMs: 100, steadyTimeoutMs: 30_000 } });
});

afterAll(async () => {
  await emulator?.stop();
});

describe('a 10,000-node pool', () => {
  it('lists every node in pages of 1,000, then refreshes from node counts without listing the nodes again', async () => {
    await services.pools.create(
      poolSpecSchema.parse({
        id: 'big',
        vmSize: 'Standard_D2s_v5',
        image: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' },
        nodeAgentSkuId: 'batch.node.ubuntu 22.04',
        targetDedicatedNodes: 10_000,
        ssh: { enabled: false },
      }),
    );
    await waitFor(async () => ((await services.pools.get('big')).allocationState === 'steady' ? true : undefined), 60_000);
    const idle = await waitFor(async () => {
      const counts = (await services.pools.get('big')).nodeCounts?.dedicated;
      return counts?.idle === 10_000 ? counts : undefined;
    }, 60_000);
    expect(idle.total).toBe(10_000);

    nodeListRequests = 0;
    const first = await services.nodes.list('big');
    if (first.unchanged) throw new Error('expected rows');
    expect(first.rows).toHaveLength(10_000);
    expect(new Set(first.rows.map((r) => r[0])).size).toBe(10_000);
    expect(nodeListRequests).toBe(10);
    const progress = events.seen.filter((e) => e.event === 'nodes:list-progress').map((e) => (e.payload as { loaded: number }).loaded);
    expect(progress.slice(-10)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);

    const again = await services.nodes.list('big', first.version);
    expect(again.unchanged).toBe(true);
    expect(nodeListRequests).toBe(10);

    const forced = await services.nodes.list('big', first.version, true);
    expect(forced).toMatchObject({ unchanged: true, version: first.version });
    expect(nodeListRequests).toBe(20);
  });

  it('removing 250 selected nodes sends one request per 100 nodes and the next refresh lists again', async () => {
    const before = await services.nodes.list('big', undefined, true);
    if (before.unchanged) throw new Error('expected rows');
    nodeListRequests = 0;
    let removeRequests = 0;
    const removeNodes = source.client.pool.removeNodes.bind(source.client.pool);
    source.client.pool.removeNodes = ((...args: Parameters<typeof removeNodes>) => (removeRequests++, removeNodes(...args))) as typeof removeNodes;
    const chosen = before.rows.slice(0, 250).map((r) => r[0]);
    const result = await services.nodeActions.run({ operationId: 'rm', poolId: 'big', action: 'remove', target: { nodeIds: chosen } });
    expect(result, JSON.stringify(result.failed[0])).toMatchObject({ requested: 250, succeeded: 250, failed: [] });
    expect(removeRequests).toBe(3);
    const after = await services.nodes.list('big', before.version);
    expect(after.unchanged).toBe(false);
    expect(nodeListRequests).toBeGreaterThanOrEqual(10);
  });
});
