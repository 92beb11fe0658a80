import { z } from 'zod';
import { invoke } from '../channel';
import { accountIdSchema } from './accounts';
import { nodeFilePathSchema } from './batch';
import { nodeIdSchema, nodeUserNameSchema, poolIdSchema } from './provision';

/** One entry of a folder listing (Batch files API or SFTP). */
export interface FileEntry {
  /** The entry's name inside its folder. */
  name: string;
  /** Its full path (Batch: relative to the node root; SFTP: absolute on the node). */
  path: string;
  isDirectory: boolean;
  /** Bytes (0 for folders). */
  size: number;
  /** ISO time of the last change, when the service says. */
  modified?: string;
}

/** A folder's entries, folders first then by name. */
export interface FolderListing {
  /** The folder listed (SFTP: resolved, e.g. `.` becomes the user's home). */
  path: string;
  entries: FileEntry[];
}

/** The node whose files a request is about. */
const nodeRef = { accountId: accountIdSchema, poolId: poolIdSchema, nodeId: nodeIdSchema };
/** The node and the SSH user whose connection SFTP rides on. */
const sshRef = { ...nodeRef, user: nodeUserNameSchema };

/** A folder of a node's Batch files: '' is the node root (startup, shared, workitems, …). */
const batchFolderSchema = z.union([z.literal(''), nodeFilePathSchema]);

/** An absolute local path on the machine running Batch Deck's main process. */
export const localPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), { message: 'A local path must be absolute, like /home/me/Downloads.' });

/** A path on the node for SFTP: absolute, or relative to the user's home. */
export const remotePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), { message: 'A remote path cannot contain a NUL character.' });

/** A relative path of a file being uploaded from the browser (folders keep their structure): no `..`, no leading `/`. */
export const uploadRelativePathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && p.split('/').every((s) => s !== '' && s !== '..' && s !== '.'), {
    message: 'An uploaded file path is relative (like data/a.csv), without . or .. segments.',
  });

/** Largest base64 chunk one `files:upload-chunk` call carries (1 MiB of bytes). */
export const maxUploadChunkBytes = 1024 * 1024;

/** An operation just started: main's id and the number of items (files) it has. */
export interface TransferStarted {
  operationId: string;
  total: number;
}

/** A download for the browser has started: its operation, and the single-use address (`/download/<id>`) to fetch once it succeeded. */
export interface BrowserDownloadStarted extends TransferStarted {
  href: string;
}

/** Channels of the node file browser (Batch files API) and SFTP transfers; progress and cancel go through `operations:*`. */
export const filesChannels = {
  /** One folder of a node's Batch files (every page of the service's listing), folders first. */
  'files:list': invoke(z.object({ ...nodeRef, folder: batchFolderSchema }).strict()).returns<FolderListing>(),
  /** Deletes a node file, or a folder with everything in it when `recursive` (the service refuses some, e.g. startup). */
  'files:delete': invoke(z.object({ ...nodeRef, path: nodeFilePathSchema, recursive: z.boolean().default(false) }).strict()).returns<{ deleted: true }>(),
  /** Downloads node files or folders (Batch files API, ranged reads) into a local folder, as an operation with a result per file. */
  'files:download': invoke(
    z.object({ ...nodeRef, paths: z.array(nodeFilePathSchema).min(1).max(100), localDir: localPathSchema, overwrite: z.boolean().default(false) }).strict(),
  ).returns<TransferStarted>(),
  /**
   * Web host: fetches one node file (Batch files API) into a temp file main owns, as an operation; once it succeeded
   * the page fetches `href` (single use, a few minutes) and the browser saves it. A folder downloads into a folder instead.
   */
  'files:download-to-browser': invoke(z.object({ ...nodeRef, path: nodeFilePathSchema }).strict()).returns<BrowserDownloadStarted>(),
  /** Where downloads go unless the user picks another folder (the user's Downloads folder), and whether a native picker exists. */
  'files:local-defaults': invoke(z.object({}).strict()).returns<{ downloadDir: string; nativePicker: boolean }>(),
  /** Asks the host for a folder with its native dialog (Electron); `path` is absent when the user cancelled or the host has none. */
  'files:pick-folder': invoke(z.object({ title: z.string().max(200).default('Choose a folder') }).strict()).returns<{ path?: string }>(),
  /** One folder on the node over SFTP; `path` `.` is the user's home. */
  'sftp:list': invoke(z.object({ ...sshRef, path: remotePathSchema.default('.') }).strict()).returns<FolderListing>(),
  /** Downloads remote files or folders over SFTP into a local folder, streamed, as an operation with a result per file. */
  'sftp:download': invoke(
    z.object({ ...sshRef, remotePaths: z.array(remotePathSchema).min(1).max(100), localDir: localPathSchema, overwrite: z.boolean().default(false) }).strict(),
  ).returns<TransferStarted>(),
  /** Web host: fetches one remote file over SFTP into a temp file main owns; the page then fetches `href` once (see files:download-to-browser). */
  'sftp:download-to-browser': invoke(z.object({ ...sshRef, remotePath: remotePathSchema }).strict()).returns<BrowserDownloadStarted>(),
  /** Uploads local files or folders (paths on this machine: Electron drops, the bench) into a remote folder over SFTP. */
  'sftp:upload-local': invoke(
    z.object({ ...sshRef, localPaths: z.array(localPathSchema).min(1).max(100), remoteDir: remotePathSchema, overwrite: z.boolean().default(false) }).strict(),
  ).returns<TransferStarted>(),
  /**
   * Starts an upload whose bytes come from the renderer (a browser's files): each file is then sent with
   * `sftp:upload-chunk` in order, one chunk awaited at a time, so neither side holds more than a chunk.
   */
  'sftp:upload-start': invoke(
    z
      .object({
        ...sshRef,
        remoteDir: remotePathSchema,
        files: z.array(z.object({ path: uploadRelativePathSchema, size: z.number().int().min(0) }).strict()).min(1).max(10_000),
        overwrite: z.boolean().default(false),
      })
      .strict(),
  ).returns<TransferStarted>(),
  /** The next bytes of one file of an upload started with `sftp:upload-start` (base64, ≤ 1 MiB); answers once they are written (the last chunk: once the file is complete on the node). */
  'sftp:upload-chunk': invoke(
    z
      .object({
        operationId: z.string().min(1).max(100),
        path: uploadRelativePathSchema,
        offset: z.number().int().min(0),
        data: z.string().max(Math.ceil(maxUploadChunkBytes / 3) * 4),
      })
      .strict(),
  ).returns<{ written: number }>(),
  /** The renderer could not read a file it was uploading (it names the file); that file fails, the others go on. */
  'sftp:upload-abort-file': invoke(
    z.object({ operationId: z.string().min(1).max(100), path: uploadRelativePathSchema, reason: z.string().max(500) }).strict(),
  ).returns<{ aborted: boolean }>(),
};
