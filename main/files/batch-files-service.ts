import type { FileEntry, FolderListing, TransferStarted } from '../../contract/features/files';
import type { BatchClientSource } from '../batch/batch-client-source';
import type { BatchNodeFile } from '../batch/rest/models/files';
import { restCall } from '../batch/rest-call';
import type { OperationRegistry } from '../operations/operation-registry';
import { endStream, runTransfers, writeChunk, type TransferFile } from './transfer-run';
import { fileFailure, folderRefused } from './file-failure';
import { openLocalTarget } from './local-target';

/** A node of an account. */
export interface NodeRef {
  accountId: string;
  poolId: string;
  nodeId: string;
}

/** Bytes read per ranged request: big enough to keep the pipe busy, small enough that memory stays flat. */
const rangeBytes = 4 * 1024 * 1024;

/** Sorts folders first, then by name (what every file browser does). */
export function byFolderThenName(a: FileEntry, b: FileEntry): number {
  if (a.isDirectory !== b.isDirectory) return a.isDirectory ? -1 : 1;
  return a.name.localeCompare(b.name);
}

function toEntry(file: BatchNodeFile): FileEntry {
  const full = file.name ?? '';
  return {
    name: full.split('/').pop() ?? full,
    path: full,
    isDirectory: file.isDirectory === true,
    size: Number(file.properties?.contentLength ?? 0),
    ...(file.properties?.lastModified ? { modified: file.properties.lastModified } : {}),
  };
}

/**
 * A node's files through the Batch files API (no SSH needed, works for nodes without a public endpoint): one folder at
 * a time with every page of the listing, delete, and downloads by ranged reads into `.partial` files as operations.
 */
export class BatchFilesService {
  constructor(
    private readonly source: BatchClientSource,
    private readonly operations: OperationRegistry,
  ) {}

  /**
   * One folder: the root with `recursive=false`; a sub-folder with `recursive=true` and `startswith(name,'folder/')`
   * (the files API has no per-folder listing), keeping only its direct children.
   */
  async list(request: NodeRef & { folder: string }): Promise<FolderListing> {
    const files = await this.listRaw(request, request.folder);
    const prefix = request.folder ? `${request.folder}/` : '';
    const entries = files
      .filter((f) => (f.name ?? '').startsWith(prefix) && !(f.name ?? '').slice(prefix.length).includes('/') && (f.name ?? '') !== request.folder)
      .map(toEntry)
      .sort(byFolderThenName);
    return { path: request.folder, entries };
  }

  /** Deletes a file, or a folder with its content when `recursive`. */
  async delete(request: NodeRef & { path: string; recursive: boolean }): Promise<{ deleted: true }> {
    const ctx = await this.source.forAccount(request.accountId);
    await restCall(ctx.account.endpoint, () => ctx.rest.nodeFiles.delete(request.poolId, request.nodeId, request.path, { recursive: request.recursive }));
    return { deleted: true };
  }

  /** Starts downloading `paths` (files, or folders with everything under them) into `localDir`; with `filesOnly` a folder is refused. */
  async download(request: NodeRef & { paths: string[]; localDir: string; overwrite: boolean }, filesOnly = false): Promise<TransferStarted> {
    const ctx = await this.source.forAccount(request.accountId);
    const { poolId, nodeId } = request;
    const endpoint = ctx.account.endpoint;
    const files: TransferFile[] = [];
    for (const p of request.paths) {
      const props = await restCall(endpoint, () => ctx.rest.nodeFiles.getProperties(poolId, nodeId, p));
      const base = p.split('/').slice(0, -1).join('/');
      const strip = (name: string) => (base ? name.slice(base.length + 1) : name);
      if (filesOnly && props.isDirectory) throw folderRefused(p, nodeId);
      if (!props.isDirectory) files.push({ id: p, relative: strip(p), size: props.contentLength });
      else {
        for (const f of await this.listRaw(request, p)) {
          if (!f.isDirectory && f.name) files.push({ id: f.name, relative: strip(f.name), size: Number(f.properties?.contentLength ?? 0) });
        }
      }
    }
    return runTransfers(this.operations, { accountId: request.accountId, poolId, subject: `download from ${nodeId}`, files }, async (file, progress, signal) => {
      const target = await openLocalTarget(request.localDir, file.relative, request.overwrite);
      try {
        for (let start = 0; start < file.size; start += rangeBytes) {
          const end = Math.min(file.size, start + rangeBytes);
          const part = await restCall(endpoint, () => ctx.rest.nodeFiles.get(poolId, nodeId, file.id, { range: { start, end }, signal }));
          await writeChunk(target.stream, part.content);
          progress(end);
        }
        await endStream(target.stream);
        await target.commit();
        return 'downloaded';
      } catch (error) {
        await target.discard();
        throw fileFailure(error, target.path, 'this computer');
      }
    });
  }

  private async listRaw(request: NodeRef, folder: string): Promise<BatchNodeFile[]> {
    const ctx = await this.source.forAccount(request.accountId);
    const options = folder ? { recursive: true, filter: `startswith(name,'${folder.replace(/'/g, "''")}/')` } : { recursive: false };
    return restCall(ctx.account.endpoint, () => ctx.rest.nodeFiles.list(request.poolId, request.nodeId, options));
  }
}
