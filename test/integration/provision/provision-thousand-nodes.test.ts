import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvisionFixture, type ProvisionFixture } from './provision-fixture';

const ctx = { trusted: true, origin: 'test', connectionId: 'test' };
let fx: ProvisionFixture;

beforeAll(async () => {
  fx = await startProvisionFixture();
  await fx.createSshPool('big', 1000, { timeoutMs: 50_000 });
}, 60_000);
afterAll(async () => fx?.stop());

describe('a 1,000-node pool', () => {
  it('gets the user on every node through 50 ms of injected latency, with batched progress along the way', async () => {
    await fx.setFaults({ latencyMs: 50 });
    const { operationId, total } = await fx.provisioning.handlers['provision:apply']({ poolId: 'big', nodes: 'all', userName: 'fleet', auth: { kind: 'managedKey' }, isAdmin: false }, ctx);
    expect(total).toBe(1000);
    const summary = await fx.provisioning.service.whenDone(operationId);
    expect(summary.counts).toMatchObject({ created: 1000, failed: 0 });
    const events = fx.progress.filter((p) => p.operationId === operationId);
    // Progress arrived while it ran (not only at the end), and batched: far fewer events than node changes.
    expect(events.filter((e) => e.state === 'running').length).toBeGreaterThan(1);
    expect(events.length).toBeLessThan(200);
    const created = events.map((e) => e.counts.created);
    expect(created).toEqual([...created].sort((a, b) => a - b));

    const table = await fx.provisioning.handlers['remote-login:list']({ poolId: 'big', refresh: false }, ctx);
    expect(table.rows).toHaveLength(1000);
    expect(table.rows.every((r) => r.ipAddress === '127.0.0.1' && r.port && r.users.fleet?.status === 'created')).toBe(true);
    expect(new Set(table.rows.map((r) => r.port)).size).toBe(1000);
    await fx.setFaults({});
  });
});
