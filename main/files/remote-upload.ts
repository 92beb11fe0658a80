import { ContractFailure } from '../../contract/result';
import { fileFailure, nameClash } from './file-failure';
import { windowsInFlight } from './sftp-io';
import type { SftpSession } from './sftp-session';

/** Feeds one file's bytes, a chunk at a time; `write` resolves when the node acknowledged the chunk. */
export type UploadFeed = (write: (chunk: Buffer) => Promise<void>) => Promise<void>;

/**
 * Writes uploaded files into one remote folder over an SFTP session: creates sub-folders, refuses an existing name
 * unless the user chose to overwrite, and removes a half-written file when the upload fails or is cancelled.
 */
export class RemoteUpload {
  private folder: Promise<string> | undefined;

  constructor(
    private readonly session: SftpSession,
    private readonly remoteDir: string,
    private readonly overwrite: boolean,
  ) {}

  /** Uploads one file to `relative` under the folder; resolves with the outcome (`uploaded`, `replaced`). */
  async file(relative: string, feed: UploadFeed): Promise<string> {
    const { files, where } = this.session;
    const folder = await this.resolveFolder();
    const remote = `${folder.replace(/\/$/, '')}/${relative}`;
    const partial = `${remote}.partial`;
    let handle: Buffer | undefined;
    let replaced = false;
    try {
      const existing = await files.statOrUndefined(remote);
      if (existing && !this.overwrite) throw nameClash(remote, where);
      if (existing?.isDirectory()) throw new ContractFailure('FILE_ERROR', `${remote} is a folder on ${where}; a file cannot replace it.`, { reason: 'folder' });
      replaced = existing !== undefined;
      await files.mkdirs(remote.slice(0, remote.lastIndexOf('/')) || '/');
      // Bytes go to NAME.partial: a failed or cancelled upload never leaves a file that looks whole, and a file
      // being replaced stays intact until the new one is complete.
      handle = await files.open(partial, 'w');
      let position = 0;
      const opened = handle;
      // A few windows in flight (like OpenSSH's 64 requests): the next chunk is read while the node acknowledges
      // the previous ones, and memory stays bounded by windowsInFlight × 1 MiB.
      const inFlight: Promise<void>[] = [];
      await feed(async (chunk) => {
        const written = files.writeAll(opened, chunk, position);
        written.catch(() => undefined);
        inFlight.push(written);
        position += chunk.length;
        if (inFlight.length >= windowsInFlight) await inFlight.shift();
      });
      await Promise.all(inFlight);
      await files.close(handle);
      handle = undefined;
      if (replaced) await files.unlinkQuietly(remote);
      await files.rename(partial, remote);
      return replaced ? 'replaced' : 'uploaded';
    } catch (error) {
      if (handle) {
        await files.close(handle).catch(() => undefined);
      }
      await files.unlinkQuietly(partial);
      throw this.failure(error, remote);
    }
  }

  private resolveFolder(): Promise<string> {
    this.folder ??= this.session.files.realpath(this.remoteDir).catch((error: unknown) => {
      this.folder = undefined;
      throw fileFailure(error, this.remoteDir, this.session.where);
    });
    return this.folder;
  }

  private failure(error: unknown, remote: string): ContractFailure {
    const closed = this.session.closedReason();
    if (closed) return new ContractFailure('FILE_ERROR', `The upload of ${remote} stopped: the connection to ${this.session.where} closed (${closed}).`, { reason: 'closed' });
    return fileFailure(error, remote, this.session.where);
  }
}
