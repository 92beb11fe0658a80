import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  createSshFixture,
  execOnClient,
  newKeyPair,
  openSshClient,
  userRecord,
  type SshFixture,
} from './runtime-fixture';

describe('SSH logins to an emulated node', () => {
  let fixture: SshFixture;

  beforeAll(async () => {
    fixture = await createSshFixture('alice');
  });
  afterAll(() => fixture.dispose());

  it('lets the OpenSSH client log in with the user key and run a command', async () => {
    const result = await openSshClient(fixture.port, 'alice', fixture.key.privateKey, 'echo hi; echo "$AZ_BATCH_NODE_ID"; pwd');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual(['hi', fixture.node.nodeId, fixture.runtime.nodeDir(fixture.node), '']);
  });

  it('returns the exit code of a remote command to the OpenSSH client', async () => {
    expect((await openSshClient(fixture.port, 'alice', fixture.key.privateKey, 'exit 42')).code).toBe(42);
  });

  it('refuses a key that does not belong to the user', async () => {
    const result = await openSshClient(fixture.port, 'alice', newKeyPair().privateKey, 'echo hi');
    expect(result.code).toBe(255);
    expect(result.stderr).toMatch(/Permission denied/);
  });

  it('refuses a user that is not on the node', async () => {
    expect((await openSshClient(fixture.port, 'mallory', fixture.key.privateKey, 'echo hi')).code).toBe(255);
  });

  it('refuses an expired user', async () => {
    const late = newKeyPair();
    fixture.users.push(userRecord('late', { sshPublicKey: late.publicKey }, -1000));
    expect((await openSshClient(fixture.port, 'late', late.privateKey, 'echo hi')).stderr).toMatch(/Permission denied/);
  });

  it('refuses a user the moment it is removed and ends its open sessions', async () => {
    const bob = newKeyPair();
    fixture.users.push(userRecord('bob', { sshPublicKey: bob.publicKey }));
    const client = await connectClient(fixture.port, { username: 'bob', privateKey: bob.privateKey });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    fixture.users.splice(fixture.users.findIndex((user) => user.name === 'bob'), 1);
    fixture.runtime.endUserSessions(fixture.node, 'bob');
    await closed;
    expect((await openSshClient(fixture.port, 'bob', bob.privateKey, 'echo hi')).code).toBe(255);
  });

  it('lets a password user log in, and refuses a wrong password', async () => {
    fixture.users.push(userRecord('carol', { password: 'S3cret!pass' }));
    const client = await connectClient(fixture.port, { username: 'carol', password: 'S3cret!pass' });
    const result = await execOnClient(client, 'echo "$USER"');
    client.end();
    expect(result.stdout).toBe('carol\n');
    await expect(connectClient(fixture.port, { username: 'carol', password: 'wrong' })).rejects.toThrow(/authentication/i);
  });

  it('drops a connection that keeps guessing passwords', async () => {
    let guesses = 0;
    const attempt = connectClient(fixture.port, {
      username: 'alice',
      authHandler: (_methodsLeft, _partial, next) =>
        next({ type: 'password', username: 'alice', password: `guess${++guesses}` }),
    });
    await expect(attempt).rejects.toThrow();
    expect(guesses).toBeGreaterThanOrEqual(6);
    expect(guesses).toBeLessThan(10);
  });

  it('keeps stdout and stderr apart and reports exit codes when no terminal is asked for', async () => {
    const client = await fixture.login();
    const result = await execOnClient(client, 'echo out; echo err >&2; exit 3');
    const killed = await execOnClient(client, 'kill -TERM $$');
    client.end();
    expect(result).toEqual({ stdout: 'out\n', stderr: 'err\n', code: 3 });
    expect(killed.code).toBeNull();
  });

  it('answers openSsh again with the same port, and moves to a free port when the wanted one is taken', async () => {
    expect(await fixture.runtime.openSsh(fixture.node, fixture.port)).toBe(fixture.port);
    expect(fixture.runtime.sshPort(fixture.node)).toBe(fixture.port);
    const other = { poolId: fixture.node.poolId, nodeId: 'tvmps_other_d' };
    const otherPort = await fixture.runtime.openSsh(other, fixture.port);
    expect(otherPort).not.toBe(fixture.port);
    expect((await openSshClient(otherPort, 'alice', fixture.key.privateKey, 'echo "$AZ_BATCH_NODE_ID"')).stdout).toBe(
      'tvmps_other_d\n',
    );
  });
});
