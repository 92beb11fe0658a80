import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isSafeClientEnvName, nodeEnvironment } from '../../../../emulator/node-runtime/node-env';
import { nodePaths } from '../../../../emulator/node-runtime/node-paths';
import { homeFolderName } from '../../../../emulator/node-runtime/shell-session';
import { confinedPath, toVirtualPath } from '../../../../emulator/node-runtime/sftp-paths';
import { assertStartTask, effectiveRetries } from '../../../../emulator/node-runtime/start-task';
import { NodeRuntime } from '../../../../emulator/node-runtime/runtime';

describe('node folder layout', () => {
  it('puts a node under <root>/<pool>/<node> with its host key outside the wiped folder', () => {
    const paths = nodePaths('/data', { poolId: 'p', nodeId: 'n_d' });
    expect(paths).toMatchObject({
      root: '/data/p/n_d',
      startup: '/data/p/n_d/startup',
      startupWorkingDir: '/data/p/n_d/startup/wd',
    });
    expect(paths.hostKey.startsWith(paths.root)).toBe(false);
  });

  it.each(['..', '.', 'a/b', '', 'a b', '../x', 'x'.repeat(257)])('refuses the id %j, which could leave its folder', (bad) => {
    expect(() => nodePaths('/data', { poolId: bad, nodeId: 'n' })).toThrow(/Invalid poolId/);
    expect(() => nodePaths('/data', { poolId: 'p', nodeId: bad })).toThrow(/Invalid nodeId/);
  });

  it('refuses a bad SSH port and a runtime without a root folder', async () => {
    expect(() => new NodeRuntime({ rootDir: '', usersOf: () => [] })).toThrow(/rootDir/);
    const runtime = new NodeRuntime({ rootDir: '/nonexistent-root', usersOf: () => [] });
    await expect(runtime.openSsh({ poolId: 'p', nodeId: 'n' }, 70000)).rejects.toThrow(/Invalid SSH port/);
  });
});

describe('node environment', () => {
  it('holds the Batch variables, its own host name, and nothing of the emulator process but PATH and LANG', () => {
    const node = { poolId: 'p', nodeId: 'n' };
    const env = nodeEnvironment(node, nodePaths('/data', node), { AZ_BATCH_ACCOUNT_URL: 'http://127.0.0.1:1' });
    expect(Object.keys(env).sort()).toEqual([
      'AZ_BATCH_ACCOUNT_URL', 'AZ_BATCH_NODE_ID', 'AZ_BATCH_NODE_MOUNTS_DIR', 'AZ_BATCH_NODE_ROOT_DIR',
      'AZ_BATCH_NODE_SHARED_DIR', 'AZ_BATCH_NODE_STARTUP_DIR', 'AZ_BATCH_NODE_STARTUP_WORKING_DIR', 'AZ_BATCH_POOL_ID',
      'HOSTNAME', 'LANG', 'PATH',
    ]);
    expect(env.PATH?.startsWith('/data/p/n/.emulator/bin:')).toBe(true);
    expect(env.AZ_BATCH_NODE_SHARED_DIR).toBe('/data/p/n/shared');
  });

  it('lets clients set locale variables only', () => {
    expect(['LANG', 'LC_ALL', 'LC_TIME', 'TZ'].every(isSafeClientEnvName)).toBe(true);
    expect(['PATH', 'LD_PRELOAD', 'BASH_ENV', 'AZ_BATCH_NODE_ID', 'HOME'].some(isSafeClientEnvName)).toBe(false);
  });

  it('turns any user name into a harmless home folder name', () => {
    expect(homeFolderName('alice')).toBe('alice');
    expect(homeFolderName('..')).toBe('_..');
    expect(homeFolderName('a/b c')).toBe('a_b_c');
  });
});

describe('SFTP paths', () => {
  it('shows the node folder as / so that .. stops there', () => {
    expect(toVirtualPath('.')).toBe('/');
    expect(toVirtualPath('../../etc/passwd')).toBe('/etc/passwd');
  });

  it('follows symlinks inside the node folder but refuses those that lead out of it, dangling ones included', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'sftp-root-'));
    try {
      await mkdir(path.join(root, 'shared'));
      await writeFile(path.join(root, 'shared', 'a.txt'), 'a');
      await symlink(path.join(root, 'shared'), path.join(root, 'inside'));
      await symlink('/etc', path.join(root, 'etc-link'));
      await symlink(path.join(tmpdir(), `nowhere-${Date.now()}`, 'x.txt'), path.join(root, 'dangling'));
      const real = await realpath(root);
      expect(await confinedPath(root, '/', true)).toBe(real);
      expect(await confinedPath(root, '../..', true)).toBe(real);
      expect(await confinedPath(root, '/inside/a.txt', true)).toBe(path.join(real, 'shared', 'a.txt'));
      expect(await confinedPath(root, '/../../shared/new.txt', true)).toBe(path.join(real, 'shared', 'new.txt'));
      await expect(confinedPath(root, '/etc-link/passwd', true)).rejects.toMatchObject({ code: 'EACCES' });
      await expect(confinedPath(root, '/etc-link', true)).rejects.toMatchObject({ code: 'EACCES' });
      await expect(confinedPath(root, '/dangling', true)).rejects.toMatchObject({ code: 'EACCES' });
      // Acting on the link itself (unlink, lstat, rename) stays possible: it lives inside the folder.
      expect(await confinedPath(root, '/etc-link', false)).toBe(path.join(real, 'etc-link'));
      await expect(confinedPath(root, '/etc-link/passwd', false)).rejects.toMatchObject({ code: 'EACCES' });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('start task limits', () => {
  it('caps unlimited and very large retry counts', () => {
    expect(effectiveRetries(undefined)).toBe(0);
    expect(effectiveRetries(2)).toBe(2);
    expect(effectiveRetries(-1)).toBe(3);
    expect(effectiveRetries(1000)).toBe(10);
  });

  it('names what is wrong with a start task it cannot run', () => {
    expect(() => assertStartTask({ commandLine: ' ' })).toThrow(/commandLine/);
    expect(() => assertStartTask({ commandLine: 'x', maxTaskRetryCount: -2 })).toThrow(/maxTaskRetryCount/);
    expect(() => assertStartTask({ commandLine: 'x', environmentSettings: [{ name: '1X' }] })).toThrow(/"1X"/);
  });
});
