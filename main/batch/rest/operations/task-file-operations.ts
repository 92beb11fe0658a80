import { batchPath, type BatchRequester, type CallOptions } from '../batch-requester';
import type { BatchNodeFile, NodeFileContent, NodeFileHeaders } from '../models/files';
import { fileHeaders, type ByteRange, type FileListOptions } from './node-file-operations';

/** `ocp-range` for a byte range (`end` exclusive), as Batch's files API takes it. */
export function rangeHeader(range: ByteRange | undefined): { headers?: Record<string, string> } {
  return range ? { headers: { 'ocp-range': `bytes=${range.start}-${range.end - 1}` } } : {};
}

/** Files in a task's folder: list, read (whole or a range, via `ocp-range`), and properties (HEAD). */
export function taskFileOperations(requester: BatchRequester) {
  const filePath = (jobId: string, taskId: string, path: string) => batchPath`/jobs/${jobId}/tasks/${taskId}/files/` + path.split('/').map(encodeURIComponent).join('/');
  return {
    /** GET /jobs/{jobId}/tasks/{taskId}/files, every page. */
    list: (jobId: string, taskId: string, options: FileListOptions = {}) =>
      requester.listAll<BatchNodeFile>(batchPath`/jobs/${jobId}/tasks/${taskId}/files`, options, options.recursive ? { recursive: 'true' } : {}),
    /** GET …/files/{filePath}: the file's bytes, or only `range`. */
    get: async (jobId: string, taskId: string, path: string, options: CallOptions & { range?: ByteRange } = {}): Promise<NodeFileContent> => {
      const response = await requester.sendForBytes({ method: 'GET', path: filePath(jobId, taskId, path), ...rangeHeader(options.range), expect: [200, 206] }, options);
      return { ...fileHeaders(response.headers), content: response.body };
    },
    /** HEAD …/files/{filePath}: size, times and mode without the content. */
    getProperties: async (jobId: string, taskId: string, path: string, options: CallOptions = {}): Promise<NodeFileHeaders> =>
      fileHeaders((await requester.send({ method: 'HEAD', path: filePath(jobId, taskId, path), expect: [200] }, options)).headers),
  };
}
