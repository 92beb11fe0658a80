import type { FileChunk } from '../../contract/features/batch-models';
import type { TaskFileBytes, TaskFileEntry } from '../../contract/features/jobs-models';
import type { BatchClientSource } from '../batch/batch-client-source';
import { rangeFor, readTextRange, type RangedFile, type RangeRequest } from '../batch/ranged-read';
import { restCall } from '../batch/rest-call';

/** A task file a request names. */
export interface TaskFileRef {
  accountId: string;
  jobId: string;
  taskId: string;
  path: string;
}

/**
 * A task's files through the Batch files API: the folder listing, stdout/stderr tails as text on whole UTF-8 characters
 * (ranged reads with `ocp-range`, followed from the previous `end` while the task runs), and raw byte slices for
 * downloads. Nothing is read whole.
 */
export class TaskFilesService {
  constructor(private readonly source: BatchClientSource) {}

  /** The task folder's entries (with `wd/…` when recursive). */
  async list(request: { accountId: string; jobId: string; taskId: string; recursive: boolean }): Promise<TaskFileEntry[]> {
    const ctx = await this.source.forAccount(request.accountId);
    const files = await restCall(ctx.account.endpoint, () => ctx.rest.taskFiles.list(request.jobId, request.taskId, { recursive: request.recursive }));
    return files
      .filter((f) => f.name)
      .map((f) => ({
        name: f.name as string,
        isDirectory: f.isDirectory === true,
        ...(f.properties?.contentLength !== undefined ? { size: Number(f.properties.contentLength) } : {}),
        ...(f.properties?.lastModified ? { lastModified: f.properties.lastModified } : {}),
      }));
  }

  /** A range of the file as text (a tail with `tail`). */
  async read(request: TaskFileRef & RangeRequest): Promise<FileChunk> {
    return readTextRange(await this.file(request), request.path, request);
  }

  /** Raw bytes from `fromByte` (at most `maxBytes`), base64, for a download read slice after slice. */
  async bytes(request: TaskFileRef & { fromByte: number; maxBytes: number }): Promise<TaskFileBytes> {
    const file = await this.file(request);
    const size = await file.size();
    const range = rangeFor({ fromByte: request.fromByte, maxBytes: request.maxBytes, tail: false }, size);
    const bytes = range.end > range.start ? (await file.bytes(range)).subarray(0, range.end - range.start) : Buffer.alloc(0);
    return { path: request.path, size, start: range.start, end: range.start + bytes.length, base64: bytes.toString('base64') };
  }

  private async file(ref: TaskFileRef): Promise<RangedFile> {
    const ctx = await this.source.forAccount(ref.accountId);
    const { jobId, taskId, path } = ref;
    const endpoint = ctx.account.endpoint;
    return {
      size: async () => (await restCall(endpoint, () => ctx.rest.taskFiles.getProperties(jobId, taskId, path))).contentLength,
      bytes: async (range) => (await restCall(endpoint, () => ctx.rest.taskFiles.get(jobId, taskId, path, { range }))).content,
    };
  }
}
