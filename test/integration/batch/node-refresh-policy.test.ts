import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodesService, defaultNodeRefreshPolicy } from '../../../main/batch/nodes-service';
import { PoolsService } from '../../../main/batch/pools-service';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { countCalls, emulatorSource, eventually } from './emulator-source';

/** The account every call names: the one emulatorSource serves. */
const account = 'sandbox';

let emulator: EmulatorProcess;
let source: ReturnType<typeof emulatorSource>;
const listRequests = { calls: 0 };
let now = 1_000_000;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ timeScale: 0.01 });
  source = emulatorSource(emulator);
  countCalls(source.rest.nodes, 'list', listRequests);
});

afterAll(async () => {
  await emulator?.stop();
});

describe('refreshing a big pool while its counts keep moving', () => {
  it('lists again only after the gap its size earns, and at once when forced', async () => {
    const pools = new PoolsService(source);
    const nodes = new NodesService(source, pools, { emit: () => undefined }, { ...defaultNodeRefreshPolicy, smallPoolNodes: 100, relistMsPerNode: 10, minRelistMs: 1000 }, () => now);
    await source.client.pool.add({
      id: 'growing',
      vmSize: 'standard_d2s_v5',
      virtualMachineConfiguration: { imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
      targetDedicatedNodes: 300,
    });
    await eventually(async () => ((await pools.get(account, 'growing')).nodeCounts?.dedicated.idle === 300 ? true : undefined));
    const first = await nodes.list(account, 'growing');
    expect(listRequests.calls).toBe(1);

    await source.client.pool.resize('growing', { targetDedicatedNodes: 350 });
    await eventually(async () => ((await pools.get(account, 'growing')).nodeCounts?.dedicated.total === 350 ? true : undefined));
    now += 2000; // counts moved, but 300 nodes × 10 ms = 3 s has not passed
    expect(await nodes.list(account, 'growing', first.version)).toMatchObject({ unchanged: true });
    expect(listRequests.calls).toBe(1);

    now += 1500;
    const later = await nodes.list(account, 'growing', first.version);
    expect(later.unchanged).toBe(false);
    expect(listRequests.calls).toBe(2);

    await nodes.list(account, 'growing', later.version, true);
    expect(listRequests.calls).toBe(3);
  });
});
