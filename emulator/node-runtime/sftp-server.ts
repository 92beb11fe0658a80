import { constants as fsConstants, promises as fs, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import type { Attributes, SFTPWrapper } from 'ssh2';
// Default import: ssh2 is CommonJS and its named exports are invisible to Node's native ESM loader.
import ssh2 from 'ssh2';
import { confinedPath, longName, statusFor, toAttributes, toVirtualPath } from './sftp-paths';

const { utils } = ssh2;

const { STATUS_CODE } = utils.sftp;
/** Largest READ answered at once; OpenSSH asks for 32 KiB, the cap only guards against absurd requests. */
const MAX_READ = 256 * 1024;
const NAMES_PER_READDIR = 100;

type OpenHandle = { kind: 'file'; file: fs.FileHandle } | { kind: 'dir'; dir: string; entries?: Dirent[] };

/**
 * Serves the SFTP subsystem on one channel, rooted in the node folder (which the client sees as `/`, like a chroot):
 * `..` cannot climb above it, and symlinks are resolved and must stay inside it (see `confinedPath`).
 */
export function serveSftp(sftp: SFTPWrapper, root: string, log: (message: string) => void): void {
  const handles = new Map<number, OpenHandle>();
  let nextHandle = 1;
  /** The real path of a client path, following a final symlink (stat, open, opendir, setstat). */
  const real = (clientPath: string): Promise<string> => confinedPath(root, clientPath, true);
  /** The real path of a client path without following a final symlink (calls that act on the link itself). */
  const linkPath = (clientPath: string): Promise<string> => confinedPath(root, clientPath, false);
  const lookup = (handle: Buffer): OpenHandle | undefined =>
    handle.length === 4 ? handles.get(handle.readUInt32BE(0)) : undefined;
  const issue = (entry: OpenHandle): Buffer => {
    const id = nextHandle++;
    handles.set(id, entry);
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(id, 0);
    return buffer;
  };
  /** Runs one request; any file-system error becomes the matching SFTP status instead of a crash. */
  const answer = (reqId: number, work: () => Promise<void>): void => {
    work().catch((error: unknown) => {
      const status = statusFor(error);
      if (status.code === STATUS_CODE.FAILURE) log(`sftp request failed: ${(error as Error).message}`);
      sftp.status(reqId, status.code, status.message);
    });
  };
  const ok = (reqId: number): void => sftp.status(reqId, STATUS_CODE.OK);
  /** Runs a file-system call whose only answer is OK (or the error's status). */
  const perform = (reqId: number, work: () => Promise<unknown>): void =>
    answer(reqId, async () => {
      await work();
      ok(reqId);
    });
  const sendStats = (reqId: number, stat: () => Promise<Stats>): void =>
    answer(reqId, async () => sftp.attrs(reqId, toAttributes(await stat())));
  const badHandle = (reqId: number): void => sftp.status(reqId, STATUS_CODE.FAILURE, 'Invalid handle');

  sftp.on('REALPATH', (reqId, clientPath) => {
    const virtual = toVirtualPath(clientPath);
    sftp.name(reqId, [{ filename: virtual, longname: virtual, attrs: {} as Attributes }]);
  });
  sftp.on('STAT', (reqId, p) => sendStats(reqId, async () => fs.stat(await real(p))));
  sftp.on('LSTAT', (reqId, p) => sendStats(reqId, async () => fs.lstat(await linkPath(p))));
  sftp.on('OPEN', (reqId, p, flags, attrs) =>
    answer(reqId, async () => {
      const mode = openFlags(flags);
      if (mode === undefined) return void sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED, 'Open for neither reading nor writing');
      const file = await fs.open(await real(p), mode, attrs?.mode ?? 0o644);
      sftp.handle(reqId, issue({ kind: 'file', file }));
    }),
  );
  sftp.on('READ', (reqId, handle, offset, length) =>
    answer(reqId, async () => {
      const entry = lookup(handle);
      if (entry?.kind !== 'file') return void badHandle(reqId);
      const buffer = Buffer.alloc(Math.min(length, MAX_READ));
      const { bytesRead } = await entry.file.read(buffer, 0, buffer.length, offset);
      if (bytesRead === 0) return void sftp.status(reqId, STATUS_CODE.EOF);
      sftp.data(reqId, buffer.subarray(0, bytesRead));
    }),
  );
  sftp.on('WRITE', (reqId, handle, offset, data) =>
    answer(reqId, async () => {
      const entry = lookup(handle);
      if (entry?.kind !== 'file') return void badHandle(reqId);
      await entry.file.write(data, 0, data.length, offset);
      ok(reqId);
    }),
  );
  sftp.on('FSTAT', (reqId, handle) =>
    answer(reqId, async () => {
      const entry = lookup(handle);
      if (!entry) return void badHandle(reqId);
      const stats = entry.kind === 'file' ? await entry.file.stat() : await fs.stat(entry.dir);
      sftp.attrs(reqId, toAttributes(stats));
    }),
  );
  sftp.on('CLOSE', (reqId, handle) =>
    answer(reqId, async () => {
      const entry = lookup(handle);
      if (!entry) return void badHandle(reqId);
      handles.delete(handle.readUInt32BE(0));
      if (entry.kind === 'file') await entry.file.close();
      ok(reqId);
    }),
  );
  sftp.on('OPENDIR', (reqId, p) =>
    answer(reqId, async () => {
      const dir = await real(p);
      if (!(await fs.stat(dir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      sftp.handle(reqId, issue({ kind: 'dir', dir }));
    }),
  );
  sftp.on('READDIR', (reqId, handle) =>
    answer(reqId, async () => {
      const entry = lookup(handle);
      if (entry?.kind !== 'dir') return void badHandle(reqId);
      entry.entries ??= await fs.readdir(entry.dir, { withFileTypes: true });
      const batch = entry.entries.splice(0, NAMES_PER_READDIR);
      if (batch.length === 0) return void sftp.status(reqId, STATUS_CODE.EOF);
      const names = [];
      for (const dirent of batch) {
        const stats = await fs.lstat(path.join(entry.dir, dirent.name)).catch(() => undefined);
        if (!stats) continue; // removed since the listing was read
        names.push({ filename: dirent.name, longname: longName(dirent.name, stats), attrs: toAttributes(stats) });
      }
      sftp.name(reqId, names);
    }),
  );
  sftp.on('MKDIR', (reqId, p, attrs) => perform(reqId, async () => fs.mkdir(await linkPath(p), attrs?.mode)));
  sftp.on('RMDIR', (reqId, p) => perform(reqId, async () => fs.rmdir(await linkPath(p))));
  sftp.on('REMOVE', (reqId, p) => perform(reqId, async () => fs.unlink(await linkPath(p))));
  sftp.on('RENAME', (reqId, from, to) => perform(reqId, async () => fs.rename(await linkPath(from), await linkPath(to))));
  sftp.on('SETSTAT', (reqId, p, attrs) => perform(reqId, async () => applyAttributes(await real(p), attrs)));
  sftp.on('FSETSTAT', (reqId, handle, attrs) =>
    answer(reqId, async () => {
      const entry = lookup(handle);
      if (!entry) return void badHandle(reqId);
      if (entry.kind === 'dir') await applyAttributes(entry.dir, attrs);
      else {
        if (attrs.mode !== undefined) await entry.file.chmod(attrs.mode & 0o7777);
        if (attrs.size !== undefined) await entry.file.truncate(attrs.size);
        if (attrs.atime !== undefined && attrs.mtime !== undefined) await entry.file.utimes(attrs.atime, attrs.mtime);
      }
      ok(reqId);
    }),
  );
  sftp.on('READLINK', (reqId, p) =>
    answer(reqId, async () => {
      const target = await fs.readlink(await linkPath(p));
      sftp.name(reqId, [{ filename: target, longname: target, attrs: {} as Attributes }]);
    }),
  );
  sftp.on('SYMLINK', (reqId) => sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED, 'Symbolic links are not supported'));
  // OpenSSH's sftp sends EOF when done and waits for the server to close the channel; scp (which runs sftp) also
  // checks the subsystem's exit status, which sshd sends before closing: without it scp exits 1 after a good copy.
  sftp.on('end', () => {
    sendExitStatus(sftp, 0);
    sftp.end();
  });
  sftp.on('close', () => {
    for (const entry of handles.values()) if (entry.kind === 'file') void entry.file.close().catch(() => undefined);
    handles.clear();
  });
}

/** Sends `exit-status` on the SFTP channel (ssh2's server-side SFTPWrapper has no public call for it). */
function sendExitStatus(sftp: SFTPWrapper, status: number): void {
  const channel = sftp as unknown as { _protocol?: { exitStatus(id: number, code: number): void }; outgoing?: { id?: number } };
  if (channel._protocol && channel.outgoing?.id !== undefined) channel._protocol.exitStatus(channel.outgoing.id, status);
}

/**
 * SFTP open flags as `fs.open` flags. Any combination a client sends works (ssh2's own table lacks some: scp, which
 * speaks SFTP, opens for write+create without truncate); undefined when the open neither reads nor writes.
 */
function openFlags(flags: number): number | undefined {
  const { OPEN_MODE } = utils.sftp;
  const reads = (flags & OPEN_MODE.READ) !== 0;
  const writes = (flags & OPEN_MODE.WRITE) !== 0;
  if (!reads && !writes) return undefined;
  let result = reads && writes ? fsConstants.O_RDWR : writes ? fsConstants.O_WRONLY : fsConstants.O_RDONLY;
  if (flags & OPEN_MODE.APPEND) result |= fsConstants.O_APPEND;
  if (flags & OPEN_MODE.CREAT) result |= fsConstants.O_CREAT;
  if (flags & OPEN_MODE.TRUNC) result |= fsConstants.O_TRUNC;
  if (flags & OPEN_MODE.EXCL) result |= fsConstants.O_EXCL;
  return result;
}

async function applyAttributes(target: string, attrs: Attributes): Promise<void> {
  if (attrs.mode !== undefined) await fs.chmod(target, attrs.mode & 0o7777);
  if (attrs.size !== undefined) await fs.truncate(target, attrs.size);
  if (attrs.atime !== undefined && attrs.mtime !== undefined) await fs.utimes(target, attrs.atime, attrs.mtime);
}
