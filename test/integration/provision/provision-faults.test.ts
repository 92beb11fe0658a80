import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvisionFixture, type ProvisionFixture } from './provision-fixture';

const ctx = { trusted: true, origin: 'test', connectionId: 'test' };
let fx: ProvisionFixture;
let nodeIds: string[];

beforeAll(async () => {
  // Many attempts so a node that draws the fault several times in a row still gets through; short backoff so a
  // 503 without Retry-After would be retried quickly — the waits logged below come from Retry-After.
  fx = await startProvisionFixture({ retry: { maxRetries: 11, retryDelayMs: 20, maxRetryDelayMs: 5_000 } });
  nodeIds = await fx.createSshPool('busy', 4);
});
afterAll(async () => fx?.stop());

async function provision(userName: string) {
  const { operationId } = await fx.provisioning.handlers['provision:apply']({ accountId: fx.accountId, poolId: 'busy', nodes: 'all', userName, auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false }, ctx);
  const summary = await fx.whenDone(operationId);
  return { operationId, summary, events: fx.progress.filter((p) => p.operationId === operationId) };
}

/** Every user call answers the fault until each node has been refused once; then the faults are cleared. */
async function provisionThroughFault(userName: string, fault: Record<string, unknown>) {
  await fx.setFaults({ ...fault, pathPrefix: '/pools/busy/nodes/' });
  const { operationId } = await fx.provisioning.handlers['provision:apply']({ accountId: fx.accountId, poolId: 'busy', nodes: 'all', userName, auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false }, ctx);
  await expect.poll(() => fx.operations.get(operationId).items.every((n) => n.status === 'retrying' || n.attempts > 1), { timeout: 20_000 }).toBe(true);
  await fx.setFaults({});
  const summary = await fx.whenDone(operationId);
  return { operationId, summary, events: fx.progress.filter((p) => p.operationId === operationId) };
}

describe('provisioning under Batch throttling', () => {
  it('retries 429 TooManyRequests after the Retry-After the service sent, and every node ends created', async () => {
    const { operationId, summary, events } = await provisionThroughFault('throttled', { rate429: 1, retryAfterSeconds: 2 });
    expect(summary.outcomes).toEqual({ created: 4 });
    const nodes = fx.operations.get(operationId).items;
    expect(nodes.every((n) => n.attempts > 1)).toBe(true);
    expect(events.some((e) => e.items.some((n) => n.status === 'retrying'))).toBe(true);
    const retryLines = fx.logLines.filter((l) => l.includes(operationId) && l.includes('retrying'));
    expect(retryLines.length).toBeGreaterThan(0);
    for (const line of retryLines) expect(line).toMatch(/429 TooManyRequests on attempt \d+, retrying in 2000 ms \(Retry-After 2 s\)/);
  });

  it('retries 503 ServerBusy the same way', async () => {
    const { operationId, summary } = await provisionThroughFault('busy503', { rate503: 1, retryAfterSeconds: 1 });
    expect(summary.outcomes).toEqual({ created: 4 });
    expect(fx.operations.get(operationId).items.every((n) => n.attempts > 1)).toBe(true);
    const retryLines = fx.logLines.filter((l) => l.includes(operationId) && l.includes('retrying'));
    expect(retryLines.length).toBeGreaterThan(0);
    for (const line of retryLines) expect(line).toMatch(/503 ServerBusy on attempt \d+, retrying in 1000 ms \(Retry-After 1 s\)/);
  });

  it('keeps each node\'s error when Batch refuses it, and still finishes the others', async () => {
    await fx.client.sendRequest({ method: 'POST', url: `${fx.emulator.endpoint}/_emulator/pools/busy/nodes/${nodeIds[0]}/state`, body: { state: 'unusable' } });
    const { summary, operationId } = await provision('partial');
    expect(summary.outcomes).toEqual({ created: 3 });
    expect(summary.counts.failed).toBe(1);
    const failed = fx.operations.get(operationId).items.find((n) => n.status === 'failed')!;
    expect(failed).toMatchObject({ id: nodeIds[0], error: { code: 'BATCH_ERROR', serviceCode: 'NodeStateUnusable' } });
    const table = await fx.provisioning.handlers['remote-login:list']({ accountId: fx.accountId, poolId: 'busy', refresh: true }, ctx);
    const row = table.rows.find((r) => r.nodeId === nodeIds[0])!;
    expect(row.users.partial).toMatchObject({ status: 'failed', error: { serviceCode: 'NodeStateUnusable' } });
    expect(row.unavailable).toMatchObject({ code: 'NOT_READY' });
  });

  it('cancel stops the run: nodes not yet reached end cancelled, and nothing is left running', async () => {
    await fx.setFaults({ latencyMs: 400, pathPrefix: '/pools/busy/nodes/' });
    const { operationId } = await fx.provisioning.handlers['provision:apply']({ accountId: fx.accountId, poolId: 'busy', nodes: nodeIds.slice(1), userName: 'cancelme', auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false }, ctx);
    expect(await fx.operations.cancel(operationId)).toBe(true);
    const summary = await fx.whenDone(operationId);
    await fx.setFaults({});
    expect(summary.state).toBe('cancelled');
    expect(summary.counts.cancelled).toBe(3);
    expect(summary.counts.running + summary.counts.pending + summary.counts.retrying).toBe(0);
    expect(await fx.operations.cancel(operationId)).toBe(false);
    expect(fx.operations.list({ accountId: fx.accountId, poolId: 'busy' })[0]).toMatchObject({ operationId, state: 'cancelled' });
  });
});
