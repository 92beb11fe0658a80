import { execFile } from 'node:child_process';
import { lstat, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeRuntime } from '../../../../emulator/node-runtime/runtime';
import { connectClient, createRuntimeFixture, createSshFixture, type SshFixture } from './runtime-fixture';

const run = promisify(execFile);

describe('SFTP on an emulated node', () => {
  let fixture: SshFixture;

  beforeAll(async () => {
    fixture = await createSshFixture('ops');
    await fixture.runtime.runStartTask(fixture.node, { commandLine: 'echo from the start task' });
  });
  afterAll(() => fixture.dispose());

  it('lists the node folder as / and reads the start task output', async () => {
    const client = await fixture.login();
    const sftp = await new Promise<SFTPWrapper>((resolve, reject) => client.sftp((e, s) => (e ? reject(e) : resolve(s))));
    const call = <T>(fn: (cb: (error: Error | null | undefined, value: T) => void) => void) =>
      new Promise<T>((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value))));
    const done = (fn: (cb: (error?: Error | null) => void) => void) =>
      new Promise<void>((resolve, reject) => fn((error) => (error ? reject(error) : resolve())));
    expect(await call<string>((cb) => sftp.realpath('.', cb))).toBe('/');
    const names = (await call<{ filename: string }[]>((cb) => sftp.readdir('/', cb))).map((entry) => entry.filename);
    expect(names).toEqual(expect.arrayContaining(['startup', 'shared', 'workitems', 'applications', 'fsmounts']));
    const text = await call<Buffer>((cb) => sftp.readFile('/startup/stdout.txt', cb));
    expect(text.toString()).toBe('from the start task\n');
    expect((await call<{ size: number }>((cb) => sftp.stat('/startup/stdout.txt', cb))).size).toBe(text.length);
    const above = await call<{ filename: string }[]>((cb) => sftp.readdir('/../../..', cb));
    expect(above.map((entry) => entry.filename).sort()).toEqual([...names].sort()); // `..` stops at the node root
    await done((cb) => sftp.mkdir('/shared/in', cb));
    await done((cb) => sftp.writeFile('/shared/in/a.txt', 'uploaded', cb));
    await done((cb) => sftp.rename('/shared/in/a.txt', '/shared/in/b.txt', cb));
    const nodeDir = fixture.runtime.nodeDir(fixture.node);
    expect(await readFile(path.join(nodeDir, 'shared', 'in', 'b.txt'), 'utf8')).toBe('uploaded');
    await done((cb) => sftp.unlink('/shared/in/b.txt', cb));
    await done((cb) => sftp.rmdir('/shared/in', cb));
    await expect(done((cb) => sftp.stat('/shared/in', cb))).rejects.toThrow(/No such file/);
    client.end();
  });

  it('serves the OpenSSH sftp client', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'sftp-cli-'));
    try {
      await writeFile(path.join(work, 'id'), fixture.key.privateKey, { mode: 0o600 });
      await writeFile(path.join(work, 'batch'), `cd startup\nls\nget stdout.txt ${path.join(work, 'got.txt')}\n`);
      const options = ['BatchMode=yes', 'StrictHostKeyChecking=no', 'UserKnownHostsFile=/dev/null', 'IdentitiesOnly=yes'];
      const args = [...options.flatMap((option) => ['-o', option]), '-i', path.join(work, 'id')];
      args.push('-P', String(fixture.port), '-b', path.join(work, 'batch'), 'ops@127.0.0.1');
      const { stdout } = await run('sftp', args, { timeout: 30_000 });
      expect(stdout).toContain('stdout.txt');
      expect(await readFile(path.join(work, 'got.txt'), 'utf8')).toBe('from the start task\n');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it('serves OpenSSH scp (which speaks SFTP) both ways', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'scp-cli-'));
    try {
      await writeFile(path.join(work, 'id'), fixture.key.privateKey, { mode: 0o600 });
      await writeFile(path.join(work, 'up.txt'), 'sent by scp\n');
      const options = ['BatchMode=yes', 'StrictHostKeyChecking=no', 'UserKnownHostsFile=/dev/null', 'IdentitiesOnly=yes'];
      const args = [...options.flatMap((option) => ['-o', option]), '-i', path.join(work, 'id'), '-P', String(fixture.port)];
      await run('scp', [...args, path.join(work, 'up.txt'), 'ops@127.0.0.1:/shared/up.txt'], { timeout: 30_000 });
      const nodeDir = fixture.runtime.nodeDir(fixture.node);
      expect(await readFile(path.join(nodeDir, 'shared', 'up.txt'), 'utf8')).toBe('sent by scp\n');
      await run('scp', [...args, 'ops@127.0.0.1:/startup/stdout.txt', path.join(work, 'down.txt')], { timeout: 30_000 });
      expect(await readFile(path.join(work, 'down.txt'), 'utf8')).toBe('from the start task\n');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

describe('node host keys', () => {
  it('stay the same across runtime restarts and reimage, and change once the node is removed', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'host-keys-'));
    const first = await createRuntimeFixture(root);
    const original = await hostKeyOf(first.runtime, first.node);
    await first.runtime.shutdown();
    const second = await createRuntimeFixture(root);
    expect(await hostKeyOf(second.runtime, second.node)).toBe(original);
    await second.runtime.wipeNode(second.node);
    await second.runtime.prepareNode(second.node);
    expect(await hostKeyOf(second.runtime, second.node)).toBe(original);
    await second.runtime.removeNode(second.node);
    await second.runtime.prepareNode(second.node);
    expect(await hostKeyOf(second.runtime, second.node)).not.toBe(original);
    await second.dispose();
    await rm(root, { recursive: true, force: true });
  });
});

/** The host key a client sees when it connects (hex), read through ssh2's hostVerifier. */
async function hostKeyOf(runtime: NodeRuntime, node: { poolId: string; nodeId: string }): Promise<string> {
  const port = await runtime.openSsh(node, 0);
  let seen = '';
  await connectClient(port, {
    username: 'nobody',
    hostVerifier: (keyBytes: Buffer) => ((seen = keyBytes.toString('hex')), true),
  }).then(
    (client) => client.end(),
    () => undefined, // authentication fails: only the host key matters here
  );
  return seen;
}

describe('SFTP and symlinks out of the node folder', () => {
  let fixture: SshFixture;

  beforeAll(async () => {
    fixture = await createSshFixture('ops');
  });
  afterAll(() => fixture.dispose());

  it('refuses to list, read or write through a symlink to /etc, and still follows links inside the node', async () => {
    const nodeDir = fixture.runtime.nodeDir(fixture.node);
    await symlink('/etc', path.join(nodeDir, 'shared', 'etc'));
    const outsideFile = path.join(tmpdir(), `sftp-escape-${process.pid}-${Date.now()}.txt`);
    await symlink(outsideFile, path.join(nodeDir, 'shared', 'drop'));
    await symlink(path.join(nodeDir, 'startup'), path.join(nodeDir, 'shared', 'startup-link'));
    const client = await fixture.login();
    const sftp = await new Promise<SFTPWrapper>((resolve, reject) => client.sftp((e, s) => (e ? reject(e) : resolve(s))));
    const call = <T>(fn: (cb: (error: Error | null | undefined, value: T) => void) => void) =>
      new Promise<T>((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value))));
    const done = (fn: (cb: (error?: Error | null) => void) => void) =>
      new Promise<void>((resolve, reject) => fn((error) => (error ? reject(error) : resolve())));
    await expect(call((cb) => sftp.readdir('/shared/etc', cb))).rejects.toThrow(/Permission denied/);
    await expect(call((cb) => sftp.readFile('/shared/etc/hostname', cb))).rejects.toThrow(/Permission denied/);
    await expect(call((cb) => sftp.stat('/shared/etc/passwd', cb))).rejects.toThrow(/Permission denied/);
    await expect(done((cb) => sftp.writeFile('/shared/drop', 'escaped', cb))).rejects.toThrow(/Permission denied/);
    await expect(stat(outsideFile)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await call<{ filename: string }[]>((cb) => sftp.readdir('/shared/startup-link', cb))).map((e) => e.filename)).toContain('wd');
    await done((cb) => sftp.unlink('/shared/etc', cb)); // the link itself lives inside the node and can go
    expect((await lstat('/etc')).isDirectory()).toBe(true);
    client.end();
  });
});
