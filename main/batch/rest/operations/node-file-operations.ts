import type { RawHttpHeaders } from '@azure/core-rest-pipeline';
import { batchPath, type BatchRequester, type CallOptions, type ListOptions } from '../batch-requester';
import type { BatchNodeFile, NodeFileContent, NodeFileHeaders } from '../models/files';

/** A byte range of a file: `start` inclusive, `end` exclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Listing options: `recursive` lists subdirectories too. */
export interface FileListOptions extends ListOptions {
  recursive?: boolean;
}

/** Files on a node: list, read (whole or a range, via `ocp-range`), and properties (HEAD). */
export function nodeFileOperations(requester: BatchRequester) {
  return {
    /** GET /pools/{poolId}/nodes/{nodeId}/files, every page. */
    list: (poolId: string, nodeId: string, options: FileListOptions = {}) =>
      requester.listAll<BatchNodeFile>(batchPath`/pools/${poolId}/nodes/${nodeId}/files`, options, options.recursive ? { recursive: 'true' } : {}),
    /** GET …/files/{filePath}: the file's bytes, or only `range` (the service answers 200 with just those bytes). */
    get: async (poolId: string, nodeId: string, filePath: string, options: CallOptions & { range?: ByteRange } = {}): Promise<NodeFileContent> => {
      const headers = options.range ? { 'ocp-range': `bytes=${options.range.start}-${options.range.end - 1}` } : undefined;
      const response = await requester.sendForBytes(
        { method: 'GET', path: batchPath`/pools/${poolId}/nodes/${nodeId}/files/${filePath}`, ...(headers ? { headers } : {}), expect: [200, 206] },
        options,
      );
      return { ...fileHeaders(response.headers), content: response.body };
    },
    /** HEAD …/files/{filePath}: size, times and mode without the content. */
    getProperties: async (poolId: string, nodeId: string, filePath: string, options: CallOptions = {}): Promise<NodeFileHeaders> =>
      fileHeaders((await requester.send({ method: 'HEAD', path: batchPath`/pools/${poolId}/nodes/${nodeId}/files/${filePath}`, expect: [200] }, options)).headers),
    /** DELETE …/files/{filePath}: a file, or a folder with its content when `recursive`. */
    delete: async (poolId: string, nodeId: string, filePath: string, options: CallOptions & { recursive?: boolean } = {}): Promise<void> => {
      const query = options.recursive ? { recursive: 'true' } : {};
      await requester.send({ method: 'DELETE', path: batchPath`/pools/${poolId}/nodes/${nodeId}/files/${filePath}`, query, expect: [200] }, options);
    },
  };
}

/** The file headers Batch sends on GET and HEAD (`ocp-creation-time`, `ocp-batch-file-*`, Content-Length, Last-Modified). */
export function fileHeaders(headers: RawHttpHeaders): NodeFileHeaders {
  return {
    contentLength: Number(headers['content-length'] ?? 0),
    isDirectory: headers['ocp-batch-file-isdirectory'] === 'true',
    ...(headers['ocp-creation-time'] ? { creationTime: headers['ocp-creation-time'] } : {}),
    ...(headers['last-modified'] ? { lastModified: headers['last-modified'] } : {}),
    ...(headers['ocp-batch-file-mode'] ? { fileMode: headers['ocp-batch-file-mode'] } : {}),
    ...(headers['ocp-batch-file-url'] ? { fileUrl: headers['ocp-batch-file-url'] } : {}),
  };
}
