import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteLoginTable } from '../../../contract/features/provision';
import { listPoolNodes } from '../../../main/provision/node-user-calls';
import { sshRunWithPassword } from '../../helpers/ssh-login';
import { startProvisionFixture, type ProvisionFixture } from './provision-fixture';

const ctx = { trusted: true, origin: 'test', connectionId: 'test' };
const pool = 'users';
let fx: ProvisionFixture;
let n: string[];
/** The password Batch Deck generated for alice on the first apply. */
let original: string;

beforeAll(async () => {
  fx = await startProvisionFixture();
  n = await fx.createSshPool(pool, 5);
}, 60_000);
afterAll(async () => fx?.stop());

const h = () => fx.provisioning.handlers;

async function apply(userName: string, nodes: string[] | 'all', extra: { password?: string; rotatePassword?: boolean; isAdmin?: boolean; managedKey?: boolean } = {}) {
  const auth = extra.managedKey ? { kind: 'managedKey' as const } : { kind: 'password' as const, ...(extra.password ? { password: extra.password } : {}) };
  const started = await h()['provision:apply'](
    { accountId: fx.accountId, poolId: pool, nodes, userName, auth, isAdmin: extra.isAdmin ?? false, rotatePassword: extra.rotatePassword ?? false },
    ctx,
  );
  return { ...started, summary: await fx.whenDone(started.operationId) };
}

async function table(): Promise<RemoteLoginTable> {
  return h()['remote-login:list']({ accountId: fx.accountId, poolId: pool, refresh: false }, ctx);
}

/** Logs in to a node over SSH with the password as an operator would, and runs `echo`. */
async function login(nodeId: string, password: string): Promise<string> {
  const row = (await table()).rows.find((r) => r.nodeId === nodeId)!;
  return (await sshRunWithPassword({ host: row.ipAddress!, port: row.port!, username: 'alice', password }, 'echo in-$((40+2))')).trim();
}

async function passwordFor(nodeId: string): Promise<string> {
  const target = await fx.provisioning.resolver.resolve({ accountId: fx.accountId, poolId: pool, nodeId, userName: 'alice' });
  if (target.auth.kind !== 'password') throw new Error('expected a password login');
  return target.auth.password;
}

async function untilIdle(nodeIds: string[]): Promise<void> {
  await expect.poll(async () => (await listPoolNodes(fx.rest, pool)).filter((x) => nodeIds.includes(x.id)).every((x) => x.state === 'idle'), { timeout: 30_000 }).toBe(true);
}

describe('node users are kept per node, and no password is replaced behind the operator\'s back', () => {
  it('applying a password user again to more nodes reuses its password: the first nodes still log in with it', async () => {
    expect((await apply('alice', n.slice(0, 3))).summary.outcomes).toEqual({ created: 3 });
    original = await passwordFor(n[0]!);
    expect(await login(n[0]!, original)).toBe('in-42');

    expect((await apply('alice', n.slice(3, 5))).summary.outcomes).toEqual({ created: 2 });
    for (const nodeId of n) expect(await passwordFor(nodeId)).toBe(original);
    expect(await login(n[1]!, original)).toBe('in-42');
    expect(await login(n[4]!, original)).toBe('in-42');
    for (const row of (await table()).rows) expect(row.users.alice).toMatchObject({ status: 'created', present: true, isAdmin: false });
  });

  it('a different typed password is refused unless the operator asks to change it, and nothing changes', async () => {
    await expect(apply('alice', [n[0]!], { password: 'Another-Password-123' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Change the password') });
    // Switching the sign-in kind would leave nodes with a credential nobody holds: refused too.
    await expect(apply('alice', [n[0]!], { managedKey: true })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('signs in with a password') });
    expect(await passwordFor(n[0]!)).toBe(original);
    expect(await login(n[0]!, original)).toBe('in-42');
  });

  it('rotatePassword changes it on every node that has the user, and names the node it could not reach', async () => {
    await fx.client.sendRequest({ method: 'POST', url: `${fx.emulator.endpoint}/_emulator/pools/${pool}/nodes/${n[4]}/state`, body: { state: 'unusable' } });
    const rotated = 'Rotated-Password-42!';
    const { total, summary, operationId } = await apply('alice', [n[0]!], { password: rotated, rotatePassword: true });
    expect(total).toBe(5);
    expect(summary.outcomes).toEqual({ updated: 4 });
    expect(summary.counts.failed).toBe(1);
    expect(fx.operations.get(operationId).items.find((i) => i.status === 'failed')).toMatchObject({ id: n[4], error: { serviceCode: 'NodeStateUnusable' } });

    expect(await login(n[1]!, rotated)).toBe('in-42');
    await expect(login(n[1]!, original)).rejects.toThrow(/authentication/i);
    const rows = (await table()).rows;
    expect(rows.find((r) => r.nodeId === n[4])!.users.alice).toMatchObject({ status: 'failed', present: true, stalePassword: true });
    expect(rows.find((r) => r.nodeId === n[1])!.users.alice).toMatchObject({ status: 'updated', present: true });
    expect(rows.find((r) => r.nodeId === n[1])!.users.alice!.stalePassword).toBeUndefined();
    // The node the change could not reach still has the old password, and Batch Deck still holds it for that node.
    expect(await passwordFor(n[4]!)).toBe(original);
    expect(await passwordFor(n[0]!)).toBe(rotated);
  });

  it('a reimage started from Batch Deck leaves the table saying the user is gone from that node', async () => {
    const { operationId, total } = await fx.nodeActions.start({ accountId: fx.accountId, poolId: pool, action: 'reimage', target: { nodeIds: [n[4]!] } });
    expect(total).toBe(1);
    expect((await fx.whenDone(operationId)).outcomes).toEqual({ accepted: 1 });
    const row = (await table()).rows.find((r) => r.nodeId === n[4])!;
    expect(row.users.alice).toMatchObject({ status: 'gone', present: false, note: expect.stringContaining('reimage') });
    await expect(passwordFor(n[4]!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await untilIdle([n[4]!]);
    expect((await table()).rows.find((r) => r.nodeId === n[4])!.users.alice).toMatchObject({ status: 'gone', present: false });
  });

  it('a reimage done elsewhere is found when the table is read again, while a reboot keeps the user', async () => {
    const before = (await table()).rows.find((r) => r.nodeId === n[2])!.users.alice!.confirmedAt!;
    await fx.client.computeNode.reimage(pool, n[3]!);
    await fx.client.computeNode.reboot(pool, n[2]!);
    await untilIdle([n[2]!, n[3]!]);
    const rows = (await table()).rows;
    expect(rows.find((r) => r.nodeId === n[3])!.users.alice).toMatchObject({ status: 'gone', present: false, note: expect.stringContaining('booted at') });
    const rebooted = rows.find((r) => r.nodeId === n[2])!.users.alice!;
    expect(rebooted).toMatchObject({ status: 'updated', present: true });
    expect(Date.parse(rebooted.confirmedAt!)).toBeGreaterThan(Date.parse(before));
    expect(await login(n[2]!, 'Rotated-Password-42!')).toBe('in-42');
  });

  it('applying again without a password puts the same password back on the reimaged nodes', async () => {
    expect((await apply('alice', [n[3]!, n[4]!])).summary.outcomes).toEqual({ created: 2 });
    expect(await login(n[4]!, 'Rotated-Password-42!')).toBe('in-42');
    expect((await table()).rows.every((r) => r.users.alice?.present === true && !r.users.alice.stalePassword)).toBe(true);
  });

  it('changing isAdmin re-adds the user as an administrator on the node (Batch cannot update it in place)', async () => {
    expect((await apply('bob', [n[0]!], { managedKey: true })).summary.outcomes).toEqual({ created: 1 });
    expect((await apply('bob', [n[0]!], { managedKey: true, isAdmin: true })).summary.outcomes).toEqual({ recreated: 1 });
    expect((await table()).rows.find((r) => r.nodeId === n[0])!.users.bob).toMatchObject({ status: 'recreated', present: true, isAdmin: true });
    // What the emulator's node holds now, from its own state file.
    const nodeUsers = () => {
      const state = JSON.parse(readFileSync(join(fx.emulator.dataDir, 'state.json'), 'utf8')) as { nodes: { id: string; users: { name: string; isAdmin: boolean }[] }[] };
      return state.nodes.find((x) => x.id === n[0])!.users.find((u) => u.name === 'bob');
    };
    await expect.poll(nodeUsers, { timeout: 10_000 }).toMatchObject({ isAdmin: true });
    expect((await apply('bob', [n[0]!], { managedKey: true, isAdmin: true })).summary.outcomes).toEqual({ updated: 1 });
  });

  it('a node removed from the pool through the registry takes its user records along', async () => {
    const { operationId } = await fx.nodeActions.start({ accountId: fx.accountId, poolId: pool, action: 'remove', target: { nodeIds: [n[4]!] } });
    expect((await fx.whenDone(operationId)).outcomes).toEqual({ accepted: 1 });
    expect((await fx.provisioning.registry.user(fx.accountId, pool, 'alice'))!.nodes[n[4]!]).toBeUndefined();
  });
});

describe('node actions run in the operation registry', () => {
  it('answers at once with main\'s id, can be cancelled, and a reloaded renderer reattaches with every node\'s result', async () => {
    await fx.setFaults({ latencyMs: 1500, pathPrefix: `/pools/${pool}/nodes/` });
    const targets = n.slice(0, 4);
    const { operationId, total } = await fx.nodeActions.start({ accountId: fx.accountId, poolId: pool, action: 'disable-scheduling', target: { nodeIds: targets } });
    expect(total).toBe(4);
    expect(fx.operations.list({ accountId: fx.accountId, poolId: pool })[0]).toMatchObject({ operationId, kind: 'node-action', subject: 'disable-scheduling', state: 'running' });
    expect(fx.operations.cancel(operationId)).toBe(true);
    const summary = await fx.whenDone(operationId);
    await fx.setFaults({});
    expect(summary.state).toBe('cancelled');
    expect(summary.counts.cancelled).toBe(4);
    expect(fx.operations.cancel(operationId)).toBe(false);

    const { operationId: second } = await fx.nodeActions.start({ accountId: fx.accountId, poolId: pool, action: 'enable-scheduling', target: { nodeIds: targets } });
    await fx.whenDone(second);
    // What a renderer gets after a reload: the list (newest first) and each operation's items.
    expect(fx.operations.list({ accountId: fx.accountId, kind: 'node-action', poolId: pool }).map((s) => s.operationId).slice(0, 2)).toEqual([second, operationId]);
    const snapshot = fx.operations.get(second);
    expect(snapshot.items.map((i) => i.id).sort()).toEqual([...targets].sort());
    expect(snapshot.items.every((i) => i.status === 'succeeded' && i.outcome === 'accepted')).toBe(true);
    expect(fx.progress.filter((p) => p.operationId === second).at(-1)).toMatchObject({ state: 'finished', outcomes: { accepted: 4 } });
    expect(fx.operations.list({ accountId: 'another-account' })).toEqual([]);
  });

  it('a node that refuses the action gets its own error; the others still take it', async () => {
    await fx.client.sendRequest({ method: 'POST', url: `${fx.emulator.endpoint}/_emulator/pools/${pool}/nodes/${n[0]}/state`, body: { state: 'unusable' } });
    const { operationId } = await fx.nodeActions.start({ accountId: fx.accountId, poolId: pool, action: 'disable-scheduling', target: { nodeIds: n.slice(0, 3) } });
    const summary = await fx.whenDone(operationId);
    expect(summary).toMatchObject({ state: 'finished', outcomes: { accepted: 2 } });
    expect(fx.operations.get(operationId).items.find((i) => i.id === n[0])).toMatchObject({ status: 'failed', error: { code: 'BATCH_ERROR' } });
  });

  it('an account that no longer exists is refused before anything starts', async () => {
    await expect(fx.nodeActions.start({ accountId: 'removed-account', poolId: pool, action: 'reboot', target: { nodeIds: [n[1]!] } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h()['remote-login:list']({ accountId: 'removed-account', poolId: pool, refresh: false }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
