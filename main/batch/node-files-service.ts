import type { FileChunk } from '../../contract/features/batch-models';
import type { BatchClientSource } from '../accounts/batch-client-source';
import { batchCall } from './batch-call';
import { wholeCharacters } from './utf8-range';

/** A read of part of a node file. */
export interface FileReadRequest {
  /** The account whose node it is. */
  accountId: string;
  poolId: string;
  nodeId: string;
  path: string;
  /** First byte to read; ignored when `tail` is set. */
  fromByte?: number;
  maxBytes: number;
  /** Read the last `maxBytes` of the file. */
  tail: boolean;
}

/**
 * Reads node files (start task stdout/stderr) through the Batch files API in byte ranges (`ocp-range`), so a
 * multi-gigabyte log is tailed a slice at a time instead of downloaded whole.
 */
export class NodeFilesService {
  constructor(private readonly source: BatchClientSource) {}

  /** The requested range of the file, cut on whole UTF-8 characters. */
  async read(request: FileReadRequest): Promise<FileChunk> {
    const ctx = await this.source.forAccount(request.accountId);
    const { poolId, nodeId, path, maxBytes } = request;
    const props = await batchCall(ctx, () => ctx.client.file.getPropertiesFromComputeNode(poolId, nodeId, path));
    const size = Number(props.contentLength ?? 0);
    const start = request.tail ? Math.max(0, size - maxBytes) : Math.min(request.fromByte ?? 0, size);
    const stop = Math.min(size, start + maxBytes);
    if (stop <= start) return { path, size, start: size, end: size, text: '' };
    const response = await batchCall(ctx, () =>
      ctx.client.file.getFromComputeNode(poolId, nodeId, path, { fileGetFromComputeNodeOptions: { ocpRange: `bytes=${start}-${stop - 1}` } }),
    );
    // A server that ignores the range still must not flood the renderer: keep at most the bytes asked for.
    const bytes = (await readUpTo(response.readableStreamBody, stop - start)).subarray(0, stop - start);
    const { skipHead, dropTail } = wholeCharacters(bytes, start === 0, start + bytes.length >= size);
    const text = Buffer.from(bytes.subarray(skipHead, bytes.length - dropTail)).toString('utf8');
    return { path, size, start: start + skipHead, end: start + bytes.length - dropTail, text };
  }
}

/** Reads a response body until `limit` bytes, then lets the rest go. */
async function readUpTo(stream: NodeJS.ReadableStream | undefined, limit: number): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    chunks.push(buffer);
    length += buffer.length;
    if (length >= limit) break;
  }
  return Buffer.concat(chunks);
}
