import os from 'node:os';
import path from 'node:path';
import type { filesChannels } from '../../contract/features/files';
import type { BatchClientSource } from '../batch/batch-client-source';
import type { OperationRegistry } from '../operations/operation-registry';
import type { PartialHandlers } from '../router';
import type { SshConnections } from '../ssh/connection-pool';
import { BatchFilesService } from './batch-files-service';
import { BrowserDownloads } from './browser-downloads';
import { ChunkUploads } from './chunk-uploads';
import { SftpService } from './sftp-service';

/** A native folder picker the host offers (Electron's dialog); the web host has none and the user types the path. */
export type PickFolder = (title: string) => Promise<string | undefined>;

/** What the files feature is built from. */
export interface FilesDeps {
  source: BatchClientSource;
  operations: OperationRegistry;
  /** The shared SSH connections (one per account, pool, node and user) that SFTP rides on. */
  connections: SshConnections;
  pickFolder?: PickFolder;
  /** Where downloads go by default (tests pass a temp folder); the user's Downloads folder otherwise. */
  downloadDir?: string;
  /** How long a node may leave an SFTP window unanswered before that file fails (default 30 s; tests shorten it). */
  stallMs?: number;
}

/** Builds the node file browser (Batch files API) and SFTP transfers, and their contract handlers. */
export function createFiles(deps: FilesDeps): { handlers: PartialHandlers<keyof typeof filesChannels>; downloads: BrowserDownloads } {
  const batchFiles = new BatchFilesService(deps.source, deps.operations);
  const sftp = new SftpService(deps.connections, deps.operations, deps.stallMs);
  const uploads = new ChunkUploads(deps.connections, deps.operations, deps.stallMs);
  const downloadDir = deps.downloadDir ?? path.join(os.homedir(), 'Downloads');
  const downloads = new BrowserDownloads();
  return {
    downloads,
    handlers: {
      'files:list': (request) => batchFiles.list(request),
      'files:delete': (request) => batchFiles.delete(request),
      'files:download': (request) => batchFiles.download(request),
      'files:download-to-browser': ({ path: file, ...node }) =>
        downloads.offer(path.posix.basename(file), (dir) => batchFiles.download({ ...node, paths: [file], localDir: dir, overwrite: true }, true)),
      'files:local-defaults': async () => ({ downloadDir, nativePicker: deps.pickFolder !== undefined }),
      'files:pick-folder': async (request) => {
        const picked = await deps.pickFolder?.(request.title);
        return picked ? { path: picked } : {};
      },
      'sftp:list': (request) => sftp.list(request),
      'sftp:download': (request) => sftp.download(request),
      'sftp:download-to-browser': ({ remotePath, ...ssh }) =>
        downloads.offer(path.posix.basename(remotePath), (dir) => sftp.download({ ...ssh, remotePaths: [remotePath], localDir: dir, overwrite: true }, true)),
      'sftp:upload-local': (request) => sftp.uploadLocal(request),
      'sftp:upload-start': (request) => uploads.start(request),
      'sftp:upload-chunk': (request) => uploads.chunk(request),
      'sftp:upload-abort-file': async (request) => uploads.abortFile(request),
    },
  };
}
