import { useQuery } from '@tanstack/react-query';
import { maxUploadChunkBytes } from '../../../contract/features/files';
import { call } from '../../ipc/client';

/** A node of the scoped account. */
export interface NodeScope {
  accountId: string;
  poolId: string;
  nodeId: string;
}

/** A node and the SSH user whose connection SFTP uses. */
export interface SshScope extends NodeScope {
  user: string;
}

/** One folder of a node's Batch files ('' = the node root). */
export function useBatchFolder(scope: NodeScope, folder: string) {
  return useQuery({
    queryKey: ['files:list', scope.accountId, scope.poolId, scope.nodeId, folder] as const,
    queryFn: () => call('files:list', { ...scope, folder }),
  });
}

/** One remote folder over SFTP (`.` = the user's home). */
export function useSftpFolder(scope: SshScope | undefined, path: string) {
  return useQuery({
    queryKey: ['sftp:list', scope?.accountId, scope?.poolId, scope?.nodeId, scope?.user, path] as const,
    queryFn: () => call('sftp:list', { ...(scope as SshScope), path }),
    enabled: scope !== undefined,
    retry: false,
  });
}

/** Where downloads go by default, and whether the host has a native folder picker. */
export function useLocalDefaults() {
  return useQuery({ queryKey: ['files:local-defaults'], queryFn: () => call('files:local-defaults', {}), staleTime: Infinity });
}

/** A browser file with the path it keeps under the target folder (folders dropped keep their structure). */
export interface PickedFile {
  path: string;
  file: File;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with a whole MiB of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Uploads browser files over SFTP: main opens each file in turn and this sends it a chunk (≤ 1 MiB) at a time,
 * awaiting each answer, so a 1 GB file never sits in memory here or in main. A file the browser cannot read fails
 * with its name; the others go on. Resolves with the operation id once every byte was handed over.
 */
export async function uploadBrowserFiles(scope: SshScope, remoteDir: string, files: PickedFile[], overwrite: boolean, onStarted: (operationId: string) => void): Promise<void> {
  const { operationId } = await call('sftp:upload-start', { ...scope, remoteDir, overwrite, files: files.map((f) => ({ path: f.path, size: f.file.size })) });
  onStarted(operationId);
  for (const { path, file } of files) {
    try {
      for (let offset = 0; offset < file.size; offset += maxUploadChunkBytes) {
        const bytes = new Uint8Array(await file.slice(offset, offset + maxUploadChunkBytes).arrayBuffer());
        await call('sftp:upload-chunk', { operationId, path, offset, data: toBase64(bytes) });
      }
    } catch (error) {
      // A failure main reported (clash, permission, cancel) is already on the item; a read failure here is told to main.
      if (error instanceof DOMException) await call('sftp:upload-abort-file', { operationId, path, reason: error.message }).catch(() => undefined);
    }
  }
}

/** The files of a drop (folders walked, their structure kept as `folder/sub/file`). */
export async function droppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => e !== null && e !== undefined);
  if (entries.length === 0) return [...transfer.files].map((file) => ({ path: file.name, file }));
  const out: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ path, file });
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, path);
    }
  };
  for (const entry of entries) await walk(entry, '');
  return out;
}

/** Files chosen with an `<input type=file>` (a folder input gives `webkitRelativePath`). */
export function pickedFiles(list: FileList | null): PickedFile[] {
  return [...(list ?? [])].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** Bytes as a short human size (1.5 MB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
