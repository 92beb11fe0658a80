import type { TransferStarted } from '../../contract/features/files';
import { ContractFailure } from '../../contract/result';
import type { OperationRegistry } from '../operations/operation-registry';
import type { SshConnectionKey, SshConnections } from '../ssh/connection-pool';
import { RemoteUpload } from './remote-upload';
import { openSftpSession } from './sftp-session';
import { runTransfers } from './transfer-run';

/** One file whose bytes the renderer sends: the writer main opened for it, and how far it got. */
interface IncomingFile {
  size: number;
  written: number;
  /** Set once main opened the remote file; each chunk writes through it. */
  writer?: (chunk: Buffer) => Promise<void>;
  opened: Deferred<void>;
  done: Deferred<void>;
  /** Settles when the file is complete on the node (renamed into place) or failed: the last chunk answers then. */
  settled: Deferred<void>;
  lastChunkAt: number;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  // Nobody may be waiting yet: a rejection is read later (or never, after a cancel).
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** How long a file may wait for its next chunk before it fails (the window that sent it was closed or reloaded). */
const idleLimitMs = 60_000;

/**
 * Uploads whose bytes come from the renderer (the browser's files, which have no path main could read): the
 * operation opens each file in turn and the renderer sends it with `sftp:upload-chunk`, awaiting each answer, so at
 * most one chunk (≤ 1 MiB) per file is in memory on either side.
 */
export class ChunkUploads {
  private readonly uploads = new Map<string, Map<string, IncomingFile>>();

  constructor(
    private readonly connections: SshConnections,
    private readonly operations: OperationRegistry,
    private readonly stallMs?: number,
  ) {}

  /** Starts the operation; files are uploaded one after another in the order given. */
  async start(request: SshConnectionKey & { remoteDir: string; files: { path: string; size: number }[]; overwrite: boolean }): Promise<TransferStarted> {
    const session = await openSftpSession(this.connections, request, { stallMs: this.stallMs });
    const upload = new RemoteUpload(session, request.remoteDir, request.overwrite);
    const incoming = new Map<string, IncomingFile>();
    for (const f of request.files) incoming.set(f.path, { size: f.size, written: 0, opened: deferred(), done: deferred(), settled: deferred(), lastChunkAt: Date.now() });
    const files = request.files.map((f) => ({ id: f.path, relative: f.path, size: f.size }));
    let operationId = '';
    const started = runTransfers(
      this.operations,
      {
        accountId: request.accountId,
        poolId: request.poolId,
        subject: `upload to ${request.nodeId} as ${request.user}`,
        files,
        concurrency: 1,
        finished: () => {
          const over = new ContractFailure('CANCELLED', 'The upload ended before this file was sent (it was cancelled or the connection closed).');
          for (const entry of incoming.values()) entry.opened.reject(over);
          session.end();
          this.uploads.delete(operationId);
        },
      },
      (file, progress, signal) => {
        const entry = incoming.get(file.id) as IncomingFile;
        const onAbort = () => entry.done.reject(new ContractFailure('CANCELLED', `The upload of ${file.id} was cancelled.`));
        signal.addEventListener('abort', onAbort, { once: true });
        return upload
          .file(file.relative, async (write) => {
            entry.writer = async (chunk) => {
              await write(chunk);
              progress(entry.written + chunk.length);
            };
            entry.lastChunkAt = Date.now();
            entry.opened.resolve();
            if (entry.size === 0) entry.done.resolve();
            const idle = setInterval(() => {
              if (Date.now() - entry.lastChunkAt > idleLimitMs) {
                entry.done.reject(new ContractFailure('FILE_ERROR', `The upload of ${file.id} stopped: no bytes came from the window for ${idleLimitMs / 1000} s (was it closed or reloaded?).`));
              }
            }, 5_000);
            try {
              await entry.done.promise;
            } finally {
              clearInterval(idle);
            }
          })
          .then(
            (outcome) => (entry.settled.resolve(), outcome),
            (error: unknown) => {
              entry.opened.reject(error);
              entry.settled.reject(error);
              throw error;
            },
          )
          .finally(() => signal.removeEventListener('abort', onAbort));
      },
    );
    operationId = started.operationId;
    this.uploads.set(operationId, incoming);
    return started;
  }

  /** Writes the next chunk of one file; answers once the node acknowledged it. */
  async chunk(request: { operationId: string; path: string; offset: number; data: string }): Promise<{ written: number }> {
    const entry = this.entry(request.operationId, request.path);
    if (request.offset !== entry.written) {
      throw new ContractFailure('CONFLICT', `${request.path}: expected bytes from ${entry.written}, got ${request.offset}; send the file in order.`);
    }
    const bytes = Buffer.from(request.data, 'base64');
    if (entry.written + bytes.length > entry.size) throw new ContractFailure('CONFLICT', `${request.path} is bigger than the ${entry.size} bytes announced.`);
    await entry.opened.promise;
    entry.lastChunkAt = Date.now();
    await (entry.writer as (chunk: Buffer) => Promise<void>)(bytes);
    entry.written += bytes.length;
    if (entry.written === entry.size) {
      entry.done.resolve();
      await entry.settled.promise;
    }
    return { written: entry.written };
  }

  /** The renderer could not read one file: it fails with the reason, the others go on. */
  abortFile(request: { operationId: string; path: string; reason: string }): { aborted: boolean } {
    const entry = this.entry(request.operationId, request.path);
    entry.done.reject(new ContractFailure('FILE_ERROR', `Could not read ${request.path} on this computer: ${request.reason}`, { reason: 'unreadable' }));
    entry.opened.reject(new ContractFailure('CANCELLED', `${request.path} was not uploaded.`));
    return { aborted: true };
  }

  private entry(operationId: string, path: string): IncomingFile {
    const entry = this.uploads.get(operationId)?.get(path);
    if (!entry) throw new ContractFailure('NOT_FOUND', `No upload of ${path} is waiting in operation ${operationId} (it finished, failed or was cancelled).`);
    return entry;
  }
}
