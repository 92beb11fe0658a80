import { afterAll, beforeAll } from 'vitest';
import { createBatchRestClient, type BatchRestClient, type BatchRestClientOptions } from '../../../main/batch/rest/batch-rest-client';
import type { BatchPoolCreateOptions } from '../../../main/batch/rest/models/pools';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { eventually } from '../../helpers/eventually';

/** A 2025-06-01 client signing with the emulator's SharedKey (fast retries so tests do not wait on backoff). */
export function restClientFor(emulator: EmulatorProcess, overrides: Partial<BatchRestClientOptions> = {}): BatchRestClient {
  return createBatchRestClient({
    endpoint: emulator.endpoint,
    auth: { kind: 'sharedKey', accountName: emulator.accountName, key: emulator.accountKey },
    retry: { retryDelayMs: 10, maxRetryDelayMs: 50 },
    ...overrides,
  });
}

/** An Ubuntu 24.04 pool body as the service's own examples write it. */
export function noblePool(id: string, overrides: Partial<BatchPoolCreateOptions> = {}): BatchPoolCreateOptions {
  return {
    id,
    vmSize: 'Standard_D2s_v5',
    virtualMachineConfiguration: {
      imageReference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server' },
      nodeAgentSKUId: 'batch.node.ubuntu 24.04',
    },
    targetDedicatedNodes: 1,
    ...overrides,
  };
}

/** Waits until the pool is steady with every dedicated node idle; returns the node ids. */
export async function idleNodes(client: BatchRestClient, poolId: string, count: number): Promise<string[]> {
  return eventually(async () => {
    const nodes = await client.nodes.list(poolId, { select: ['id', 'state'] });
    return nodes.length === count && nodes.every((n) => n.state === 'idle') ? nodes.map((n) => n.id) : undefined;
  }, 60_000);
}

/** Sets the emulator's fault injection through the admin endpoint (loopback, SharedKey-signed like any request). */
export async function setFaults(client: BatchRestClient, faults: Record<string, unknown> | undefined): Promise<void> {
  await client.requester.send(faults ? { method: 'PUT', path: '/_emulator/faults', body: faults, expect: [200] } : { method: 'DELETE', path: '/_emulator/faults', expect: [200] });
}

/** One emulator for a test file (started before its tests, stopped after them) and a SharedKey client for it. */
export function withRestEmulator(): { readonly emulator: EmulatorProcess; readonly client: BatchRestClient } {
  const world = {} as { emulator: EmulatorProcess; client: BatchRestClient };
  beforeAll(async () => {
    world.emulator = await startEmulatorProcess({ timeScale: 0.01 });
    world.client = restClientFor(world.emulator);
  });
  afterAll(async () => {
    await world.emulator?.stop();
  });
  return world;
}
