import type { FileChunk } from '../../contract/features/batch-models';
import type { ByteRange } from './rest/operations/node-file-operations';
import { wholeCharacters } from './utf8-range';

/** A file the Batch files API serves (a node file or a task file): its size now, and a byte range of it. */
export interface RangedFile {
  size(): Promise<number>;
  bytes(range: ByteRange): Promise<Buffer>;
}

/** Which part of a file to read: from `fromByte`, or its last `maxBytes` when `tail` is set. */
export interface RangeRequest {
  fromByte?: number;
  maxBytes: number;
  tail: boolean;
}

/** The byte range a request covers in a file of `size` bytes (empty at the end of the file). */
export function rangeFor(request: RangeRequest, size: number): ByteRange {
  const start = request.tail ? Math.max(0, size - request.maxBytes) : Math.min(request.fromByte ?? 0, size);
  return { start, end: Math.min(size, start + request.maxBytes) };
}

/**
 * Reads a range of a file with `ocp-range` and cuts it on whole UTF-8 characters, so a tail of a multi-gigabyte log
 * is a slice, never a download, and the next read (from `end`) starts exactly where this one stopped.
 */
export async function readTextRange(file: RangedFile, path: string, request: RangeRequest): Promise<FileChunk> {
  const size = await file.size();
  const { start, end: stop } = rangeFor(request, size);
  if (stop <= start) return { path, size, start: size, end: size, text: '' };
  // A server that ignores the range still must not flood the renderer: keep at most the bytes asked for.
  const bytes = (await file.bytes({ start, end: stop })).subarray(0, stop - start);
  const { skipHead, dropTail } = wholeCharacters(bytes, start === 0, start + bytes.length >= size);
  const text = Buffer.from(bytes.subarray(skipHead, bytes.length - dropTail)).toString('utf8');
  return { path, size, start: start + skipHead, end: start + bytes.length - dropTail, text };
}
