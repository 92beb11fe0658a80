import { execFile } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvisionFixture, type ProvisionFixture } from './provision-fixture';

const run = promisify(execFile);
let fx: ProvisionFixture;
let nodeIds: string[];

beforeAll(async () => {
  fx = await startProvisionFixture();
  nodeIds = await fx.createSshPool('ssh-pool', 3);
});
afterAll(async () => fx?.stop());

/** What a user of the handlers gets: each call as the router would make it. */
function handlers() {
  return fx.provisioning.handlers;
}
const ctx = { trusted: true, origin: 'test', connectionId: 'test' };

describe('provisioning a managed-key user on a whole emulator pool', () => {
  it('creates the user on every node with progress, and the table shows each node with IP and port', async () => {
    const { operationId, total } = await handlers()['provision:apply']({ accountId: fx.accountId, poolId: 'ssh-pool', nodes: 'all', userName: 'ops', auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false }, ctx);
    expect(total).toBe(3);
    const summary = await fx.whenDone(operationId);
    expect(summary).toMatchObject({ state: 'finished', total: 3 });
    expect(summary.outcomes.created).toBe(3);
    const events = fx.progress.filter((p) => p.operationId === operationId);
    expect(events.at(-1)!.state).toBe('finished');
    expect(new Set(events.flatMap((e) => e.items.map((n) => n.id)))).toEqual(new Set(nodeIds));

    const table = await handlers()['remote-login:list']({ accountId: fx.accountId, poolId: 'ssh-pool', refresh: false }, ctx);
    expect(table.rows.map((r) => r.nodeId).sort()).toEqual([...nodeIds].sort());
    for (const row of table.rows) {
      expect(row.ipAddress).toBe('127.0.0.1');
      expect(row.port).toBeGreaterThan(0);
      expect(row.users.ops).toMatchObject({ status: 'created', present: true, isAdmin: false });
    }
    expect(new Set(table.rows.map((r) => r.port)).size).toBe(3);
    expect(table.users).toEqual([expect.objectContaining({ userName: 'ops', authKind: 'managedKey', isAdmin: false })]);
  });

  it('lets the OpenSSH client log in with the exported key (mode 0600) and run a command on a node', async () => {
    mkdirSync(join(fx.home, '.ssh'), { recursive: true });
    const exported = await handlers()['keys:export-private']({ accountId: fx.accountId, path: '~/.ssh/batch-deck-sandbox_ed25519', overwrite: false }, ctx);
    expect(exported.path).toBe(join(fx.home, '.ssh', 'batch-deck-sandbox_ed25519'));
    expect(statSync(exported.path).mode & 0o777).toBe(0o600);
    const { command, keyFileNeeded } = await handlers()['remote-login:ssh-command']({ accountId: fx.accountId, poolId: 'ssh-pool', nodeId: nodeIds[1]!, userName: 'ops' }, ctx);
    expect(keyFileNeeded).toBe(false);
    expect(command).toMatch(new RegExp(`^ssh -i ${exported.path} -p \\d+ ops@127\\.0\\.0\\.1$`));
    const [, ...args] = command.split(' ');
    const options = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'IdentitiesOnly=yes', '-o', 'LogLevel=ERROR'];
    const { stdout } = await run('ssh', [...options, ...args, 'echo provisioned-$((6*7))'], { timeout: 20_000 });
    expect(stdout.trim()).toBe('provisioned-42');
  });

  it('the login resolver gives the terminal the node address, the user and the managed private key', async () => {
    const target = await fx.provisioning.resolver.resolve({ accountId: fx.accountId, poolId: 'ssh-pool', nodeId: nodeIds[0]!, userName: 'ops' });
    const table = await handlers()['remote-login:list']({ accountId: fx.accountId, poolId: 'ssh-pool', refresh: false }, ctx);
    const row = table.rows.find((r) => r.nodeId === nodeIds[0])!;
    expect(target).toMatchObject({ host: '127.0.0.1', port: row.port, username: 'ops', label: `ssh-pool / ${nodeIds[0]}`, hostKeyId: `[127.0.0.1]:${row.port}` });
    expect(target.auth.kind).toBe('privateKey');
    await expect(fx.provisioning.resolver.resolve({ accountId: fx.accountId, poolId: 'ssh-pool', nodeId: nodeIds[0]!, userName: 'nobody2' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('provisioning the same user again updates it on every node (NodeUserExists handled by PUT)', async () => {
    const { operationId } = await handlers()['provision:apply']({ accountId: fx.accountId, poolId: 'ssh-pool', nodes: 'all', userName: 'ops', auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false }, ctx);
    const summary = await fx.whenDone(operationId);
    expect(summary.outcomes).toEqual({ updated: 3 });
    const table = await handlers()['remote-login:list']({ accountId: fx.accountId, poolId: 'ssh-pool', refresh: true }, ctx);
    expect(table.rows.every((r) => r.users.ops?.status === 'updated')).toBe(true);
  });

  it('a password user gets a strong generated password kept only in the secret store, never in logs or events', async () => {
    const { operationId } = await handlers()['provision:apply']({ accountId: fx.accountId, poolId: 'ssh-pool', nodes: [nodeIds[0]!], userName: 'pw_user', auth: { kind: 'password' }, isAdmin: true, rotatePassword: false }, ctx);
    expect((await fx.whenDone(operationId)).outcomes.created).toBe(1);
    const target = await fx.provisioning.resolver.resolve({ accountId: fx.accountId, poolId: 'ssh-pool', nodeId: nodeIds[0]!, userName: 'pw_user' });
    if (target.auth.kind !== 'password') throw new Error('expected a password login');
    expect(target.auth.password).toHaveLength(24);
    expect(JSON.stringify(fx.progress)).not.toContain(target.auth.password);
    expect(fx.logLines.join('\n')).not.toContain(target.auth.password);
  });

  it('removes the user from the same nodes, and the table no longer lists it', async () => {
    const { operationId } = await handlers()['provision:remove']({ accountId: fx.accountId, poolId: 'ssh-pool', nodes: 'all', userName: 'ops' }, ctx);
    expect((await fx.whenDone(operationId)).outcomes.removed).toBe(3);
    await expect.poll(async () => (await handlers()['remote-login:list']({ accountId: fx.accountId, poolId: 'ssh-pool', refresh: false }, ctx)).users.map((u) => u.userName)).toEqual(['pw_user']);
    const again = await handlers()['provision:remove']({ accountId: fx.accountId, poolId: 'ssh-pool', nodes: [nodeIds[2]!], userName: 'ops' }, ctx);
    expect((await fx.whenDone(again.operationId)).outcomes.notPresent).toBe(1);
  });

  it('a node of a pool without an SSH NAT pool says it has no SSH endpoint (the Nov 2025 change)', async () => {
    const [nodeId] = await fx.createSshPool('no-ssh', 1, { ssh: false });
    const table = await handlers()['remote-login:list']({ accountId: fx.accountId, poolId: 'no-ssh', refresh: false }, ctx);
    expect(table.rows[0]).toMatchObject({ nodeId, state: 'idle', unavailable: { code: 'NO_SSH_ENDPOINT' } });
    expect(table.rows[0]!.unavailable!.message).toContain('30 November 2025');
    await expect(handlers()['remote-login:ssh-command']({ accountId: fx.accountId, poolId: 'no-ssh', nodeId: nodeId!, userName: 'pw_user' }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { operationId } = await handlers()['provision:apply']({ accountId: fx.accountId, poolId: 'no-ssh', nodes: 'all', userName: 'ops2', auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false }, ctx);
    await fx.whenDone(operationId);
    await expect(fx.provisioning.resolver.resolve({ accountId: fx.accountId, poolId: 'no-ssh', nodeId: nodeId!, userName: 'ops2' })).rejects.toMatchObject({ code: 'NO_SSH_ENDPOINT' });
  });

  it('bad input changes nothing: an unknown pool, an expiry in the past', async () => {
    await expect(handlers()['provision:apply']({ accountId: fx.accountId, poolId: 'missing', nodes: 'all', userName: 'x1', auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false }, ctx)).rejects.toMatchObject({
      code: 'BATCH_ERROR',
      details: expect.objectContaining({ serviceCode: 'PoolNotFound' }),
    });
    await expect(
      handlers()['provision:apply']({ accountId: fx.accountId, poolId: 'ssh-pool', nodes: 'all', userName: 'x1', auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false, expiryTime: '2001-01-01T00:00:00Z' }, ctx),
    ).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    const table = await handlers()['remote-login:list']({ accountId: fx.accountId, poolId: 'ssh-pool', refresh: false }, ctx);
    expect(table.users.map((u) => u.userName)).not.toContain('x1');
  });
});
