import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { passwordSecretName, passwordVersionsInUse, ProvisionedUserRegistry, toNodeUserState } from '../../../main/provision/user-registry';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bd-users-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the provisioned-user registry', () => {
  it('reads the first format (one status per node, one password per pool) as per-node records, and writes the new one', async () => {
    const dir = dataDir();
    const legacy = {
      version: 1,
      accounts: { acc: { pool: { alice: {
        userName: 'alice', authKind: 'password', isAdmin: true, expiryTime: '2030-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
        nodes: { n1: { status: 'created' }, n2: { status: 'failed', error: { code: 'BATCH_ERROR', message: 'unusable' } }, n3: { status: 'cancelled' } },
      } } } },
    };
    writeFileSync(join(dir, 'provisioned-users.json'), JSON.stringify(legacy));
    const registry = new ProvisionedUserRegistry(dir);
    const alice = (await registry.user('acc', 'pool', 'ALICE'))!;
    expect(alice.passwordVersion).toBe(0);
    expect(alice.nodes.n1).toMatchObject({ status: 'created', present: true, isAdmin: true, passwordVersion: 0, confirmedAt: '2026-01-01T00:00:00.000Z' });
    expect(alice.nodes.n2).toMatchObject({ status: 'failed', present: false });
    expect(alice.nodes.n3).toBeUndefined();
    // The password the first format stored keeps its secret name: nothing to move in the secret store.
    expect(passwordSecretName('acc', 'pool', 'alice', 0)).toBe('provision/password/acc/pool/alice');
    await registry.save();
    expect(JSON.parse(readFileSync(join(dir, 'provisioned-users.json'), 'utf8')).version).toBe(2);
  });

  it('a reimage marks only the nodes that had the user as gone; nodes that left the pool are forgotten', async () => {
    const registry = new ProvisionedUserRegistry(dataDir());
    await registry.upsertUser('acc', 'pool', { userName: 'bob', authKind: 'managedKey', isAdmin: false, expiryTime: '2030-01-01T00:00:00Z', passwordVersion: 0 });
    await registry.setNode('acc', 'pool', 'bob', 'n1', { status: 'created', present: true });
    await registry.setNode('acc', 'pool', 'bob', 'n2', { status: 'failed', present: false });
    expect(await registry.markGone('acc', 'pool', ['n1', 'n2', 'n9'], 'Removed by a reimage.')).toBe(1);
    const bob = (await registry.user('acc', 'pool', 'bob'))!;
    expect(toNodeUserState(bob, bob.nodes.n1!)).toEqual({ status: 'gone', present: false, note: 'Removed by a reimage.' });
    expect(await registry.forgetNodes('acc', 'pool', (id) => id === 'n2')).toBe(1);
    expect(Object.keys(bob.nodes)).toEqual(['n1']);
    expect(await registry.users('other-account', 'pool')).toEqual([]);
  });

  it('keeps every password version a node still has, and flags those nodes as having the old password', async () => {
    const registry = new ProvisionedUserRegistry(dataDir());
    const carol = await registry.upsertUser('acc', 'pool', { userName: 'carol', authKind: 'password', isAdmin: false, expiryTime: '2030-01-01T00:00:00Z', passwordVersion: 2 });
    await registry.setNode('acc', 'pool', 'carol', 'n1', { status: 'updated', present: true, passwordVersion: 2 });
    await registry.setNode('acc', 'pool', 'carol', 'n2', { status: 'failed', present: true, passwordVersion: 1 });
    await registry.setNode('acc', 'pool', 'carol', 'n3', { status: 'gone', present: false, passwordVersion: 0 });
    expect([...passwordVersionsInUse(carol)].sort()).toEqual([1, 2]);
    expect(toNodeUserState(carol, carol.nodes.n2!).stalePassword).toBe(true);
    expect(toNodeUserState(carol, carol.nodes.n1!).stalePassword).toBeUndefined();
  });
});
