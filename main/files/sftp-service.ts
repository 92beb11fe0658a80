import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileEntry, FolderListing, TransferStarted } from '../../contract/features/files';
import type { OperationRegistry } from '../operations/operation-registry';
import type { SshConnectionKey, SshConnections } from '../ssh/connection-pool';
import { byFolderThenName } from './batch-files-service';
import { fileFailure, folderRefused } from './file-failure';
import { openLocalTarget } from './local-target';
import { windowBytes, windowsInFlight } from './sftp-io';
import { openSftpSession, type SftpSession } from './sftp-session';
import { endStream, runTransfers, writeChunk, type TransferFile } from './transfer-run';
import { ContractFailure } from '../../contract/result';
import { RemoteUpload } from './remote-upload';

const here = 'this computer';
/** S_IFMT and S_IFDIR of a POSIX mode. */
const typeMask = 0o170000;
const folderType = 0o040000;

/** A file to move with where it is on both sides. */
interface PathPair extends TransferFile {
  from: string;
}

/** `a/b` joined POSIX style (remote paths). */
function remoteJoin(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/**
 * SFTP over the node's shared SSH connection: list folders from the user's home, and move files and folders both ways
 * as operations (one item per file, bytes as they go, cancel, overwrite only when asked). Everything streams a 1 MiB
 * window at a time, so a 1 GB file never sits in memory.
 */
export class SftpService {
  constructor(
    private readonly connections: SshConnections,
    private readonly operations: OperationRegistry,
    private readonly stallMs?: number,
  ) {}

  /** One remote folder, folders first. */
  async list(request: SshConnectionKey & { path: string }): Promise<FolderListing> {
    const session = await openSftpSession(this.connections, request, { stallMs: this.stallMs });
    try {
      const folder = await session.files.realpath(request.path).catch((error: unknown) => {
        throw fileFailure(error, request.path, session.where);
      });
      const raw = await session.files.readdir(folder).catch((error: unknown) => {
        throw fileFailure(error, folder, session.where);
      });
      const entries: FileEntry[] = raw
        .filter((e) => e.filename !== '.' && e.filename !== '..')
        .map((e) => ({
          name: e.filename,
          path: remoteJoin(folder, e.filename),
          isDirectory: ((e.attrs.mode ?? 0) & typeMask) === folderType,
          size: e.attrs.size ?? 0,
          ...(e.attrs.mtime ? { modified: new Date(e.attrs.mtime * 1000).toISOString() } : {}),
        }))
        .sort(byFolderThenName);
      return { path: folder, entries };
    } finally {
      session.end();
    }
  }

  /** Starts downloading remote files or folders into `localDir`; with `filesOnly` (a browser download) a folder is refused. */
  async download(
    request: SshConnectionKey & { remotePaths: string[]; localDir: string; overwrite: boolean },
    filesOnly = false,
  ): Promise<TransferStarted> {
    const session = await openSftpSession(this.connections, request, { stallMs: this.stallMs });
    let files: PathPair[];
    try {
      files = [];
      for (const p of request.remotePaths) await this.collectRemote(session, await session.files.realpath(p), '', files, filesOnly ? p : undefined);
    } catch (error) {
      session.end();
      throw fileFailure(error, request.remotePaths.join(', '), session.where);
    }
    const spec = { accountId: request.accountId, poolId: request.poolId, subject: `download from ${request.nodeId} as ${request.user}`, files, finished: () => session.end() };
    return runTransfers(this.operations, spec, async (file, progress, signal) => {
      const target = await openLocalTarget(request.localDir, file.relative, request.overwrite);
      let handle: Buffer | undefined;
      try {
        const opened = await session.files.open(file.from, 'r');
        handle = opened;
        // The next windows are read while this one is written; the file is taken at the size it was listed with.
        const ahead: Promise<Buffer>[] = [];
        let asked = 0;
        const readAhead = () => {
          while (ahead.length < windowsInFlight && asked < file.size) {
            const window = session.files.readWindow(opened, asked, Math.min(windowBytes, file.size - asked));
            window.catch(() => undefined);
            ahead.push(window);
            asked += windowBytes;
          }
        };
        readAhead();
        for (let done = 0; ahead.length > 0; ) {
          if (signal.aborted) throw new ContractFailure('CANCELLED', `The download of ${file.from} was cancelled.`);
          const data = await (ahead.shift() as Promise<Buffer>);
          if (data.length === 0) break;
          // Ask for the next window before writing this one: the node keeps sending while the disk writes.
          readAhead();
          await writeChunk(target.stream, data);
          done += data.length;
          progress(done);
        }
        await endStream(target.stream);
        await target.commit();
        return 'downloaded';
      } catch (error) {
        await target.discard();
        throw failureOf(error, file.from, session, target.path);
      } finally {
        if (handle) await session.files.close(handle).catch(() => undefined);
      }
    });
  }

  /** Starts uploading local files or folders (paths on this computer) into `remoteDir`. */
  async uploadLocal(request: SshConnectionKey & { localPaths: string[]; remoteDir: string; overwrite: boolean }): Promise<TransferStarted> {
    const files: PathPair[] = [];
    for (const p of request.localPaths) await collectLocal(p, path.basename(p), files);
    const session = await openSftpSession(this.connections, request, { stallMs: this.stallMs });
    const upload = new RemoteUpload(session, request.remoteDir, request.overwrite);
    const spec = { accountId: request.accountId, poolId: request.poolId, subject: `upload to ${request.nodeId} as ${request.user}`, files, finished: () => session.end() };
    return runTransfers(this.operations, spec, (file, progress, signal) =>
      upload.file(file.relative, async (write) => {
        const source = createReadStream(file.from, { highWaterMark: windowBytes, signal });
        let done = 0;
        try {
          for await (const chunk of source) {
            await write(chunk as Buffer);
            done += (chunk as Buffer).length;
            progress(done);
          }
        } catch (error) {
          throw signal.aborted ? error : fileFailure(error, file.from, here);
        }
      }),
    );
  }

  /** Walks a remote file or folder into files with their relative paths; `refuseFolder` (the path as asked) refuses a folder. */
  private async collectRemote(session: SftpSession, remote: string, prefix: string, out: PathPair[], refuseFolder?: string): Promise<void> {
    const stats = await session.files.statOrUndefined(remote);
    if (!stats) throw nameMissing(remote, session.where);
    if (refuseFolder !== undefined && stats.isDirectory()) throw folderRefused(refuseFolder, session.where);
    const name = prefix ? `${prefix}/${path.posix.basename(remote)}` : path.posix.basename(remote);
    if (!stats.isDirectory()) return void out.push({ id: remote, from: remote, relative: name, size: stats.size });
    for (const entry of await session.files.readdir(remote)) {
      if (entry.filename === '.' || entry.filename === '..') continue;
      await this.collectRemote(session, remoteJoin(remote, entry.filename), name, out);
    }
  }
}

/** Walks a local file or folder into files with their relative paths. */
async function collectLocal(local: string, relative: string, out: PathPair[]): Promise<void> {
  const stats = await stat(local).catch((error: unknown) => {
    throw fileFailure(error, local, here);
  });
  if (!stats.isDirectory()) return void out.push({ id: local, from: local, relative, size: stats.size });
  const names = await readdir(local).catch((error: unknown) => {
    throw fileFailure(error, local, here);
  });
  for (const name of names.sort()) await collectLocal(path.join(local, name), `${relative}/${name}`, out);
}

function nameMissing(remote: string, where: string): ContractFailure {
  return new ContractFailure('FILE_ERROR', `${remote} does not exist on ${where}.`, { reason: 'missing' });
}

/** What the user reads when a download failed: a dropped connection says so, else what the file system said. */
function failureOf(error: unknown, remote: string, session: SftpSession, local: string): ContractFailure {
  const closed = session.closedReason();
  if (closed) return new ContractFailure('FILE_ERROR', `The download of ${remote} stopped: the connection to ${session.where} closed (${closed}). Nothing was kept.`, { reason: 'closed' });
  // ssh2 gives SFTP statuses as numbers; the local file system gives errno strings.
  return typeof (error as { code?: unknown } | null)?.code === 'number' ? fileFailure(error, remote, session.where) : fileFailure(error, local, here);
}
