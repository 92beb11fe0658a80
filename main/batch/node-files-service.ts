import type { FileChunk } from '../../contract/features/batch-models';
import type { BatchClientSource } from './batch-client-source';
import { readTextRange } from './ranged-read';
import { restCall } from './rest-call';

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
    const { poolId, nodeId, path } = request;
    const endpoint = ctx.account.endpoint;
    return readTextRange(
      {
        size: async () => (await restCall(endpoint, () => ctx.rest.nodeFiles.getProperties(poolId, nodeId, path))).contentLength,
        bytes: async (range) => (await restCall(endpoint, () => ctx.rest.nodeFiles.get(poolId, nodeId, path, { range }))).content,
      },
      path,
      request,
    );
  }
}
