import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionAll, strandNode } from '../fleet/fleet-fixture';
import { startProvisionFixture, type ProvisionFixture } from '../provision/provision-fixture';
import { call, filesRig, lastItems, nodeDir, randomFile, sha256Of, type FilesRig } from './files-fixture';

let fx: ProvisionFixture;
let rig: FilesRig;
let nodeId: string;
const poolId = 'files-pool';
const user = 'mover';

beforeAll(async () => {
  fx = await startProvisionFixture();
  [nodeId] = (await fx.createSshPool(poolId, 1)) as [string];
  await provisionAll(fx, poolId, user);
  rig = filesRig(fx);
}, 60_000);

afterAll(async () => {
  await rig?.dispose();
  await fx?.stop();
});

const node = () => ({ accountId: fx.accountId, poolId, nodeId });
const ssh = () => ({ ...node(), user });

describe('node file browser (Batch files API)', () => {
  it('lists the node root and one folder with sizes, downloads a folder byte for byte, and refuses to overwrite unless asked', async () => {
    const hashA = randomFile(join(nodeDir(fx, poolId, nodeId), 'shared', 'data', 'a.bin'), 5 * 1024 * 1024 + 17);
    const hashB = randomFile(join(nodeDir(fx, poolId, nodeId), 'shared', 'data', 'deep', 'b.bin'), 1000);

    const root = await call(rig, 'files:list', { ...node(), folder: '' });
    expect(root.entries.filter((e) => e.isDirectory).map((e) => e.name)).toEqual(expect.arrayContaining(['shared', 'startup', 'workitems']));
    const data = await call(rig, 'files:list', { ...node(), folder: 'shared/data' });
    expect(data.entries.map((e) => [e.name, e.isDirectory, e.size])).toEqual([
      ['deep', true, 0],
      ['a.bin', false, 5 * 1024 * 1024 + 17],
    ]);
    expect(data.entries[1]?.modified).toMatch(/^\d{4}-/);

    const { operationId } = await call(rig, 'files:download', { ...node(), paths: ['shared/data'], localDir: rig.localDir, overwrite: false });
    expect((await fx.whenDone(operationId)).counts.succeeded).toBe(2);
    expect(await sha256Of(join(rig.localDir, 'data', 'a.bin'))).toBe(hashA);
    expect(await sha256Of(join(rig.localDir, 'data', 'deep', 'b.bin'))).toBe(hashB);
    expect(lastItems(fx, operationId).get('shared/data/a.bin')?.bytes).toEqual({ done: 5 * 1024 * 1024 + 17, total: 5 * 1024 * 1024 + 17 });

    const again = await call(rig, 'files:download', { ...node(), paths: ['shared/data/a.bin'], localDir: join(rig.localDir, 'data'), overwrite: false });
    const clash = await fx.operations.whenDone(again.operationId);
    expect(clash.counts.failed).toBe(1);
    const item = fx.operations.get(again.operationId).items[0];
    expect(item?.error?.code).toBe('CONFLICT');
    expect(item?.error?.message).toContain('a.bin already exists');
    expect(await sha256Of(join(rig.localDir, 'data', 'a.bin'))).toBe(hashA);
    expect(readdirSync(join(rig.localDir, 'data')).some((n) => n.endsWith('.partial'))).toBe(false);
  });

  it('fetches a node file and an SFTP file for the browser: each offered once under its own id, byte for byte', async () => {
    const hash = randomFile(join(nodeDir(fx, poolId, nodeId), 'shared', 'for-browser.bin'), 3 * 1024 * 1024 + 1);
    const batch = await call(rig, 'files:download-to-browser', { ...node(), path: 'shared/for-browser.bin' });
    const sftp = await call(rig, 'sftp:download-to-browser', { ...ssh(), remotePath: '/shared/for-browser.bin' });
    for (const started of [batch, sftp]) {
      expect(started.href).toMatch(/^\/download\/[A-Za-z0-9_-]{43}$/);
      expect((await fx.whenDone(started.operationId)).outcomes).toEqual({ downloaded: 1 });
      const id = started.href.slice('/download/'.length);
      const offered = rig.downloads.take(id);
      expect(offered?.name).toBe('for-browser.bin');
      expect(offered?.size).toBe(3 * 1024 * 1024 + 1);
      expect(await sha256Of(offered?.path ?? '')).toBe(hash);
      expect(rig.downloads.take(id)).toBeUndefined();
      offered?.release();
    }
    expect(batch.href).not.toBe(sftp.href);
  });

  it('refuses a folder for the browser download up front: a clear error, no transfer started, nothing fetched', async () => {
    randomFile(join(nodeDir(fx, poolId, nodeId), 'shared', 'tree', 'inside.bin'), 4096);
    const before = fx.operations.list({ accountId: fx.accountId, poolId }).length;
    await expect(call(rig, 'files:download-to-browser', { ...node(), path: 'shared/tree' })).rejects.toMatchObject({
      code: 'FILE_ERROR',
      message: `shared/tree on ${nodeId} is a folder: the browser saves single files. Download it to a folder instead.`,
    });
    await expect(call(rig, 'sftp:download-to-browser', { ...ssh(), remotePath: '/shared/tree' })).rejects.toMatchObject({
      code: 'FILE_ERROR',
      message: expect.stringContaining('/shared/tree on '),
      details: { reason: 'folder' },
    });
    expect(fx.operations.list({ accountId: fx.accountId, poolId })).toHaveLength(before);
  });

  it('deletes a node file so the next listing no longer shows it', async () => {
    randomFile(join(nodeDir(fx, poolId, nodeId), 'shared', 'gone.txt'), 10);
    await call(rig, 'files:delete', { ...node(), path: 'shared/gone.txt', recursive: false });
    const shared = await call(rig, 'files:list', { ...node(), folder: 'shared' });
    expect(shared.entries.map((e) => e.name)).not.toContain('gone.txt');
  });
});

describe('SFTP over the shared connection', () => {
  it('uploads a local file and folder, then downloads them back with the same sha256', async () => {
    const src = join(rig.localDir, 'up');
    const hashBig = randomFile(join(src, 'big.bin'), 24 * 1024 * 1024 + 5);
    const hashSmall = randomFile(join(src, 'nested', 'small.txt'), 3);
    const home = `/home/${user}`;
    const up = await call(rig, 'sftp:upload-local', { ...ssh(), localPaths: [src], remoteDir: home, overwrite: false });
    await fx.whenDone(up.operationId);
    expect(fx.operations.get(up.operationId).items.map((i) => [i.status, i.outcome ?? i.error?.message])).toEqual([
      ['succeeded', 'uploaded'],
      ['succeeded', 'uploaded'],
    ]);
    const onNode = join(nodeDir(fx, poolId, nodeId), 'home', user, 'up');
    expect(await sha256Of(join(onNode, 'big.bin'))).toBe(hashBig);
    expect(await sha256Of(join(onNode, 'nested', 'small.txt'))).toBe(hashSmall);

    const listing = await call(rig, 'sftp:list', { ...ssh(), path: `${home}/up` });
    expect(listing.entries.map((e) => [e.name, e.isDirectory, e.size])).toEqual([
      ['nested', true, expect.any(Number)],
      ['big.bin', false, 24 * 1024 * 1024 + 5],
    ]);

    const back = join(rig.localDir, 'back');
    const down = await call(rig, 'sftp:download', { ...ssh(), remotePaths: [`${home}/up`], localDir: back, overwrite: false });
    expect((await fx.whenDone(down.operationId)).outcomes).toEqual({ downloaded: 2 });
    expect(await sha256Of(join(back, 'up', 'big.bin'))).toBe(hashBig);
    expect(await sha256Of(join(back, 'up', 'nested', 'small.txt'))).toBe(hashSmall);
  });

  it('takes a browser upload chunk by chunk, asks before replacing a file, and replaces it when told to', async () => {
    const first = Buffer.from('first version\n');
    const send = async (data: Buffer, overwrite: boolean) => {
      const started = await call(rig, 'sftp:upload-start', { ...ssh(), remoteDir: `/home/${user}`, files: [{ path: 'drop/note.txt', size: data.length }], overwrite });
      const chunk = call(rig, 'sftp:upload-chunk', { operationId: started.operationId, path: 'drop/note.txt', offset: 0, data: data.toString('base64') });
      return { started, chunk };
    };
    const a = await send(first, false);
    await a.chunk;
    expect((await fx.whenDone(a.started.operationId)).outcomes).toEqual({ uploaded: 1 });
    const onNode = join(nodeDir(fx, poolId, nodeId), 'home', user, 'drop', 'note.txt');
    expect(readFileSync(onNode, 'utf8')).toBe('first version\n');

    const b = await send(Buffer.from('second\n'), false);
    await expect(b.chunk).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('note.txt already exists') });
    expect(readFileSync(onNode, 'utf8')).toBe('first version\n');

    const c = await send(Buffer.from('second\n'), true);
    await c.chunk;
    expect((await fx.whenDone(c.started.operationId)).outcomes).toEqual({ replaced: 1 });
    expect(readFileSync(onNode, 'utf8')).toBe('second\n');
  });

  it('cancelling an upload stops it and leaves no half-written file on the node', async () => {
    randomFile(join(rig.localDir, 'cancel', 'huge.bin'), 96 * 1024 * 1024);
    const { operationId } = await call(rig, 'sftp:upload-local', { ...ssh(), localPaths: [join(rig.localDir, 'cancel', 'huge.bin')], remoteDir: `/home/${user}`, overwrite: false });
    const started = Date.now();
    while (!((lastItems(fx, operationId).get(join(rig.localDir, 'cancel', 'huge.bin'))?.bytes?.done ?? 0) > 0) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
    fx.operations.cancel(operationId);
    const summary = await fx.whenDone(operationId);
    expect(summary.state).toBe('cancelled');
    expect(summary.counts.cancelled).toBe(1);
    const home = join(nodeDir(fx, poolId, nodeId), 'home', user);
    expect(existsSync(join(home, 'huge.bin'))).toBe(false);
    expect(existsSync(join(home, 'huge.bin.partial'))).toBe(false);
  });

  it('a path that leads outside the node folder is permission denied, naming the file, and changes nothing', async () => {
    mkdirSync(join(nodeDir(fx, poolId, nodeId), 'home', user), { recursive: true });
    symlinkSync('/etc', join(nodeDir(fx, poolId, nodeId), 'home', user, 'escape'));
    const down = await call(rig, 'sftp:download', { ...ssh(), remotePaths: [`/home/${user}/drop/note.txt`], localDir: join(rig.localDir, 'perm'), overwrite: false });
    await fx.whenDone(down.operationId);
    const up = call(rig, 'sftp:upload-local', { ...ssh(), localPaths: [join(rig.localDir, 'perm', 'note.txt')], remoteDir: `/home/${user}/escape`, overwrite: false });
    const { operationId } = await up;
    await fx.whenDone(operationId);
    const item = fx.operations.get(operationId).items[0];
    expect(item?.status).toBe('failed');
    expect(item?.error?.code).toBe('FILE_ERROR');
    expect(item?.error?.message).toMatch(/Permission denied for .*escape/);
    expect(existsSync('/etc/note.txt')).toBe(false);
  });

  it('a node that goes away mid-upload fails that file with a message naming it, and leaves no file under its name', async () => {
    const [goneNode] = (await fx.createSshPool('files-gone', 1)) as [string];
    await provisionAll(fx, 'files-gone', user);
    const local = join(rig.localDir, 'gone', 'lost.bin');
    randomFile(local, 64 * 1024 * 1024);
    const gone = { accountId: fx.accountId, poolId: 'files-gone', nodeId: goneNode, user };
    const { operationId } = await call(rig, 'sftp:upload-local', { ...gone, localPaths: [local], remoteDir: `/home/${user}`, overwrite: false });
    const started = Date.now();
    while (!((lastItems(fx, operationId).get(local)?.bytes?.done ?? 0) > 0) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
    await strandNode(fx, 'files-gone', goneNode, 'unusable');
    await fx.whenDone(operationId);
    const item = fx.operations.get(operationId).items[0];
    expect(item?.status).toBe('failed');
    expect(item?.error?.code).toBe('FILE_ERROR');
    expect(item?.error?.message).toContain(`/home/${user}/lost.bin`);
    // Whichever is noticed first: the node not answering, or the shared connection closing under the upload.
    expect(item?.error?.message).toMatch(/stopped answering while moving|stopped: the connection to node .* closed/);
    expect(existsSync(join(nodeDir(fx, 'files-gone', goneNode), 'home', user, 'lost.bin'))).toBe(false);
  });
});
