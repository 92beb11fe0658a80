import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvisionFixture, type ProvisionFixture } from './provision-fixture';

const ctx = { trusted: true, origin: 'test', connectionId: 'test' };
let fx: ProvisionFixture;

// 1,000 nodes take 45-55 s here (2 shared cores, most of it the SDK's and the emulator's CPU and the emulator's
// shutdown): too slow for the suite, so that run is bench/provision-thousand-nodes.bench.ts. This one keeps the
// same path in the suite at a size that runs in seconds.
const nodeCount = 200;

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

    const table = await fx.provisioning.handlers['remote-login:list']({ accountId: fx.accountId, poolId: 'big', refresh: false }, ctx);
    expect(table.rows).toHaveLength(nodeCount);
    expect(table.rows.every((r) => r.ipAddress === '127.0.0.1' && r.port && r.users.fleet?.status === 'created')).toBe(true);
    expect(new Set(table.rows.map((r) => r.port)).size).toBe(nodeCount);
    await fx.setFaults({});
  });
});
