import { saveBlob } from '../../components/save-file';
import { call } from '../../ipc/client';

/**
 * Reads a whole task file in 1 MiB ranges (binary safe) and hands it to the browser as a download named
 * `<job>-<task>-<path with / as _>`.
 */
export async function downloadTaskFile(accountId: string, jobId: string, taskId: string, path: string): Promise<void> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let from = 0;
  for (;;) {
    const slice = await call('tasks:file-bytes', { accountId, jobId, taskId, path, fromByte: from });
    parts.push(Uint8Array.from(atob(slice.base64), (c) => c.charCodeAt(0)));
    if (slice.end >= slice.size || slice.end <= from) break;
    from = slice.end;
  }
  saveBlob(new Blob(parts, { type: 'application/octet-stream' }), `${jobId}-${taskId}-${path.replaceAll('/', '_')}`);
}
