import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvisionFixture, type ProvisionFixture } from './provision-fixture';

const ctx = { trusted: true, origin: 'test', connectionId: 'test' };
let fx: ProvisionFixture;

// 1,000 nodes take 45-55 s here (2 shared cores, most of it the SDK's and the emulator's CPU and the emulator's
// shutdown): too slow for the suite, so that run is bench/provision-thousand-nodes.bench.ts. This one keeps the
// same path in the suite at a size that runs in seconds.
const nodeCount = 200;

/** Counts calls of one method of the app's real client from now on (the calls still go to the emulator). */
function countCalls<T extends object>(target: T, method: keyof T & string): () => number {
  const original = target[method] as (...args: unknown[]) => unknown;
  let calls = 0;
  Object.assign(target, { [method]: (...args: unknown[]) => (calls++, original.apply(target, args)) });
  return () => calls;
}

beforeAll(async () => {
  fx = await startProvisionFixture();
  await fx.createSshPool('big', nodeCount, { timeoutMs: 50_000 });
}, 60_000);
afterAll(async () => fx?.stop());

describe(`a ${nodeCount}-node pool`, () => {
  it('gets the user on every node through 50 ms of injected latency, with batched progress along the way', async () => {
    await fx.setFaults({ latencyMs: 50 });
    const { operationId, total } = await fx.provisioning.handlers['provision:apply']({ accountId: fx.accountId, poolId: 'big', nodes: 'all', userName: 'fleet', auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false }, ctx);
    expect(total).toBe(nodeCount);
    const summary = await fx.whenDone(operationId);
    expect(summary.outcomes).toEqual({ created: nodeCount });
    const events = fx.progress.filter((p) => p.operationId === operationId);
    // Progress arrived while it ran (not only at the end), and batched: far fewer events than node changes.
    expect(events.filter((e) => e.state === 'running').length).toBeGreaterThan(1);
    expect(events.length).toBeLessThan(nodeCount / 2);
    const created = events.map((e) => e.outcomes.created ?? 0);
    expect(created).toEqual([...created].sort((a, b) => a - b));

    // The table comes from the node list (each node's inbound endpoint for port 22), not one request per node.
    const settingsCalls = countCalls(fx.rest.nodes, 'getRemoteLoginSettings');
    const table = await fx.provisioning.handlers['remote-login:list']({ accountId: fx.accountId, poolId: 'big', refresh: true }, ctx);
    expect(table.rows).toHaveLength(nodeCount);
    expect(table.rows.every((r) => r.ipAddress === '127.0.0.1' && r.port && r.users.fleet?.status === 'created')).toBe(true);
    expect(new Set(table.rows.map((r) => r.port)).size).toBe(nodeCount);
    expect(settingsCalls()).toBe(0);
    // …and each address is the one Batch's remote login settings give for that node.
    for (const row of table.rows.slice(0, 5)) {
      const settings = await fx.rest.nodes.getRemoteLoginSettings('big', row.nodeId);
      expect([row.ipAddress, row.port]).toEqual([settings.remoteLoginIPAddress, settings.remoteLoginPort]);
    }
    await fx.setFaults({});
  });
});
