import type { Writable } from 'node:stream';
import type { TransferStarted } from '../../contract/features/files';
import { itemErrorOf, type OperationContext, type OperationRegistry } from '../operations/operation-registry';
import { runItems } from '../operations/run-items';

/** One file of a transfer: its item id (shown to the user), where it lands relative to the target folder, its size. */
export interface TransferFile {
  id: string;
  relative: string;
  size: number;
}

/** Who a transfer belongs to and what it moves. */
export interface TransferSpec<F extends TransferFile = TransferFile> {
  accountId: string;
  poolId: string;
  /** E.g. `upload to tvm-1 as alice`. */
  subject: string;
  files: F[];
  /** Files moved at once (default 3). */
  concurrency?: number;
  /** Runs before the files (opening a connection); its failure fails the operation with what it threw. */
  prepare?: (context: OperationContext) => Promise<void>;
  /** Runs after every file settled (releasing a connection). */
  finished?: () => void;
}

/** Moves one file; calls `progress(bytesDone)` as bytes go; resolves with the outcome (`uploaded`, `downloaded`). */
export type TransferWork<F extends TransferFile> = (file: F, progress: (done: number) => void, signal: AbortSignal) => Promise<string>;

/**
 * Starts a file transfer in the operation registry: one item per file with its bytes moved, a result per file (one
 * file's failure does not stop the rest), cancel through `operations:cancel`, reattach after a renderer reload.
 */
export function runTransfers<F extends TransferFile>(operations: OperationRegistry, spec: TransferSpec<F>, work: TransferWork<F>): TransferStarted {
  return operations.start({
    kind: 'file-transfer',
    accountId: spec.accountId,
    poolId: spec.poolId,
    subject: spec.subject,
    itemIds: spec.files.map((f) => f.id),
    run: async (context) => {
      try {
        await spec.prepare?.(context);
        for (const f of spec.files) context.tracker.update(f.id, { bytes: { done: 0, total: f.size } });
        await runItems(
          context,
          spec.files,
          (f) => f.id,
          (f, callbacks) => work(f, (done) => context.tracker.update(f.id, { bytes: { done, total: f.size } }), callbacks.signal),
          { concurrency: spec.concurrency ?? 3, errorOf: itemErrorOf },
        );
      } finally {
        spec.finished?.();
      }
    },
  });
}

/** Writes one chunk and waits until the stream took it (its callback), so at most one chunk waits in memory. */
export function writeChunk(stream: Writable, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    stream.once('error', onError);
    stream.write(chunk, (error) => {
      stream.off('error', onError);
      if (error) reject(error);
      else resolve();
    });
  });
}

/** Ends a stream and waits until everything written reached its destination. */
export function endStream(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => {
      stream.off('error', reject);
      resolve();
    });
  });
}
