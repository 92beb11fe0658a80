import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchServiceClient } from '@azure/batch';
import { startEmulatorProcess, type EmulatorProcess } from '../../../helpers/emulator-process';
import { eventually, failureOf, JAMMY, sdkClient } from './sdk-client';
import { rawRequest } from './raw-request';

let emulator: EmulatorProcess;
let client: BatchServiceClient;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ env: { BATCH_EMULATOR_FAULTS: JSON.stringify({ rate503: 1, retryAfterSeconds: 7, pathPrefix: '/supportedimages' }) } });
  client = sdkClient(emulator);
});
afterAll(async () => emulator?.stop());

async function setFaults(faults: object): Promise<void> {
  const response = await rawRequest(emulator, 'PUT', '/_emulator/faults', { body: faults });
  expect(response.status).toBe(200);
}

describe('faults on demand', () => {
  it('applies BATCH_EMULATOR_FAULTS from the start: 503 ServerBusy with Retry-After on the chosen path only', async () => {
    const error = await failureOf(() => client.account.listSupportedImages());
    expect(error.statusCode).toBe(503);
    expect(error.code).toBe('ServerBusy');
    expect((error as unknown as { response: { headers: { get(n: string): string } } }).response.headers.get('retry-after')).toBe('7');
    expect(await client.pool.list()).toHaveLength(0);
  });

  it('switches to 429 TooManyRequests with Retry-After through the admin endpoint', async () => {
    await setFaults({ rate429: 1, retryAfterSeconds: 3 });
    const error = await failureOf(() => client.pool.list());
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe('TooManyRequests');
  });

  it('answers 429 with Retry-After only as many times as maxFaults says, then lets requests through', async () => {
    await setFaults({ rate429: 1, retryAfterSeconds: 2, maxFaults: 2 });
    for (let i = 0; i < 2; i++) {
      const throttled = await rawRequest(emulator, 'GET', '/pools?api-version=2025-06-01');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('2');
    }
    expect((await rawRequest(emulator, 'GET', '/pools?api-version=2025-06-01')).status).toBe(200);
    expect((await rawRequest(emulator, 'GET', '/_emulator/faults')).json).toMatchObject({ rate429: 1, maxFaults: 2, injected: 2 });
  });

  it('answers 500 InternalError and drops connections when told to', async () => {
    await setFaults({ rate500: 1 });
    expect((await failureOf(() => client.pool.list())).statusCode).toBe(500);
    await setFaults({ rateDrop: 1 });
    const dropped = await failureOf(() => client.pool.list());
    expect(dropped.statusCode).toBeUndefined();
  });

  it('adds latency and still answers, then clears every fault', async () => {
    await setFaults({ latencyMs: 50, latencyJitterMs: 50 });
    expect(await client.pool.list()).toHaveLength(0);
    expect((await rawRequest(emulator, 'DELETE', '/_emulator/faults')).json).toEqual({ injected: 0 });
    expect((await client.account.listSupportedImages()).length).toBeGreaterThan(10);
  });

  it('refuses a fault config with unknown keys or rates above 1', async () => {
    for (const bad of [{ rate429: 2 }, { surprise: true }, { rate429: 0.6, rate503: 0.6 }]) {
      const response = await rawRequest(emulator, 'PUT', '/_emulator/faults', { body: bad });
      expect(response.status).toBe(400);
    }
  });

  it('refuses admin calls that are not signed with the account key', async () => {
    expect((await rawRequest(emulator, 'PUT', '/_emulator/faults', { body: { rate500: 1 }, key: false })).status).toBe(401);
    const wrong = Buffer.alloc(64, 1).toString('base64');
    expect((await rawRequest(emulator, 'PUT', '/_emulator/faults', { body: { rate500: 1 }, key: wrong })).status).toBe(403);
    expect(await client.pool.list()).toHaveLength(0);
  });

  it('makes a node unusable on demand: users cannot be added until a reboot recovers it', async () => {
    await client.pool.add({ id: 'fragile', vmSize: 'standard_d2s_v3', virtualMachineConfiguration: JAMMY, targetLowPriorityNodes: 2 });
    const [first, second] = await eventually(async () => {
      const nodes = await client.computeNode.list('fragile');
      return nodes.length === 2 && nodes.every((n) => n.state === 'idle') ? nodes.map((n) => n.id as string) : undefined;
    });
    const set = await rawRequest(emulator, 'POST', `/_emulator/pools/fragile/nodes/${first}/state`, { body: { state: 'unusable' } });
    expect(set.json).toMatchObject({ state: 'unusable' });
    expect((await client.computeNode.get('fragile', first as string)).state).toBe('unusable');
    expect((await failureOf(() => client.computeNode.addUser('fragile', first as string, { name: 'u1', password: 'pw-0123456' }))).code).toBe('NodeStateUnusable');
    const counts = await client.account.listPoolNodeCounts();
    expect(counts[0]?.lowPriority).toMatchObject({ unusable: 1, idle: 1 });
    await client.computeNode.reboot('fragile', first as string);
    await eventually(async () => ((await client.computeNode.get('fragile', first as string)).state === 'idle' ? true : undefined));
    await rawRequest(emulator, 'POST', `/_emulator/pools/fragile/nodes/${second}/state`, { body: { state: 'preempted' } });
    expect((await client.computeNode.get('fragile', second as string)).state).toBe('preempted');
  });
});
