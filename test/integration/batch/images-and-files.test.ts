import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchServices, type BatchServices } from '../../../main/batch/batch-feature';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { emulatorSource, jammyPool, recordingEvents, eventually } from './emulator-source';

/** The account every call names: the one emulatorSource serves. */
const account = 'sandbox';

let emulator: EmulatorProcess;
let services: BatchServices;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ timeScale: 0.01 });
  services = createBatchServices(emulatorSource(emulator), recordingEvents());
});

afterAll(async () => {
  await emulator?.stop();
});

describe('supported images', () => {
  it('lists every supported image with its agent SKU, and serves the cached list until a refresh', async () => {
    const first = await services.images.list(account, false);
    const jammy = first.images.find((i) => i.sku === '22_04-lts' && i.offer === '0001-com-ubuntu-server-jammy');
    expect(jammy).toMatchObject({ nodeAgentSkuId: 'batch.node.ubuntu 22.04', osType: 'linux', verification: 'verified', architecture: 'x64' });
    expect(first.images.some((i) => i.architecture === 'arm64' && i.nodeAgentSkuId.endsWith('arm64'))).toBe(true);
    expect(first.images.some((i) => i.endOfLife !== undefined)).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    const cached = await services.images.list(account, false);
    expect(cached.fetchedAt).toBe(first.fetchedAt);
    const refreshed = await services.images.list(account, true);
    expect(refreshed.fetchedAt > first.fetchedAt).toBe(true);
    expect(refreshed.images).toHaveLength(first.images.length);
  });
});

describe('start task output', () => {
  it('tails a large output by byte ranges and reads onward from where the last slice ended', async () => {
    await services.pools.create(
      account,
      jammyPool({ id: 'noisy', startTask: { commandLine: 'seq 1 100000; printf "é%.0s" $(seq 1 3000)', useShell: true } }),
    );
    const nodeId = await eventually(async () => {
      const result = await services.nodes.list(account, 'noisy', undefined, true);
      return !result.unchanged && result.rows[0]?.[1] === 'idle' ? result.rows[0][0] : undefined;
    });
    const tail = await services.nodeFiles.read({ accountId: account, poolId: 'noisy', nodeId, path: 'startup/stdout.txt', maxBytes: 1001, tail: true });
    expect(tail.size).toBeGreaterThan(500_000);
    expect(tail.end).toBe(tail.size);
    expect(tail.text).toMatch(/^é+$/);
    expect(tail.end - tail.start).toBeLessThanOrEqual(1001);
    const head = await services.nodeFiles.read({ accountId: account, poolId: 'noisy', nodeId, path: 'startup/stdout.txt', fromByte: 0, maxBytes: 12, tail: false });
    expect(head.text).toBe('1\n2\n3\n4\n5\n6\n');
    const next = await services.nodeFiles.read({ accountId: account, poolId: 'noisy', nodeId, path: 'startup/stdout.txt', fromByte: head.end, maxBytes: 6, tail: false });
    expect(next.start).toBe(12);
    expect(next.text).toBe('7\n8\n9\n');
    const past = await services.nodeFiles.read({ accountId: account, poolId: 'noisy', nodeId, path: 'startup/stdout.txt', fromByte: tail.size, maxBytes: 100, tail: false });
    expect(past).toMatchObject({ text: '', start: tail.size, end: tail.size });
  });
});
