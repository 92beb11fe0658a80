import type { FileChunk } from '../../contract/features/batch-models';
import type { BatchClientSource } from './batch-client-source';
import { restCall } from './rest-call';
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
    const endpoint = ctx.account.endpoint;
    const props = await restCall(endpoint, () => ctx.rest.nodeFiles.getProperties(poolId, nodeId, path));
    const size = props.contentLength;
    const start = request.tail ? Math.max(0, size - maxBytes) : Math.min(request.fromByte ?? 0, size);
    const stop = Math.min(size, start + maxBytes);
    if (stop <= start) return { path, size, start: size, end: size, text: '' };
    const response = await restCall(endpoint, () => ctx.rest.nodeFiles.get(poolId, nodeId, path, { range: { start, end: stop } }));
    // A server that ignores the range still must not flood the renderer: keep at most the bytes asked for.
    const bytes = response.content.subarray(0, stop - start);
    const { skipHead, dropTail } = wholeCharacters(bytes, start === 0, start + bytes.length >= size);
    const text = Buffer.from(bytes.subarray(skipHead, bytes.length - dropTail)).toString('utf8');
    return { path, size, start: start + skipHead, end: start + bytes.length - dropTail, text };
  }
}
