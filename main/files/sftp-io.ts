import type { FileEntry, Stats } from 'ssh2';
import type { SFTPWrapper } from 'ssh2';

/** Bytes per SFTP READ/WRITE request when ssh2 states no limit: under the 34,000-byte packet every server takes, headers included. */
const basePieceBytes = 31 * 1024;
/** The largest piece asked for even when the server takes more (OpenSSH takes 254 KiB): 8 pieces per window. */
const maxPieceBytes = 128 * 1024;
/** One window moved at a time; its pieces travel in parallel (OpenSSH's sftp keeps 64 requests of 32 KiB in flight). */
export const windowBytes = 1024 * 1024;
/** Windows in flight at once per file (4 MiB): enough to keep loopback and WAN links busy, small enough to stay flat. */
export const windowsInFlight = 4;

/** The read and write lengths ssh2 negotiated with the server (OpenSSH: 256 KiB less headers; others ≈ 33 KB). */
interface NegotiatedLimits {
  _maxReadLen?: number;
  _maxWriteLen?: number;
}

/**
 * Bytes per request: what the server takes in one READ/WRITE, at most 128 KiB, in whole KiB. A longer request makes
 * ssh2 send the rest only after the first part was answered (in series): a 32 KiB piece to a non-OpenSSH server
 * (limit 31,952 bytes) became two requests, one waiting on the other. An OpenSSH server (every Azure node) takes
 * 128 KiB pieces: a quarter of the requests of 32 KiB ones for the same bytes in flight.
 */
function pieceBytesOf(sftp: SFTPWrapper): { read: number; write: number } {
  const limits = sftp as unknown as NegotiatedLimits;
  const fit = (limit: number | undefined) => (limit === undefined ? basePieceBytes : Math.max(1024, Math.floor(Math.min(limit, maxPieceBytes) / 1024) * 1024));
  return { read: fit(limits._maxReadLen), write: fit(limits._maxWriteLen) };
}

function call<T>(run: (cb: (error: Error | null | undefined, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));
}

/** Promise forms of the SFTP calls transfers use; every request is one in-flight packet on the shared connection. */
export class SftpFiles {
  private readonly pieces: { read: number; write: number };

  /** `stallMs`: a window the node has not answered within this long fails (ETIMEDOUT) instead of waiting forever. */
  constructor(
    private readonly sftp: SFTPWrapper,
    private readonly stallMs = 30_000,
  ) {
    this.pieces = pieceBytesOf(sftp);
  }

  /** The absolute form of `p` (`.` is where the server starts the user: the home folder). */
  realpath(p: string): Promise<string> {
    return this.ask((cb) => this.sftp.realpath(p, cb));
  }

  /** Attributes of `p`, following links; undefined when nothing is there. */
  async statOrUndefined(p: string): Promise<Stats | undefined> {
    try {
      return await this.ask<Stats>((cb) => this.sftp.stat(p, cb));
    } catch (error) {
      if ((error as { code?: unknown }).code === 2) return undefined;
      throw error;
    }
  }

  /** Every entry of a folder. */
  readdir(p: string): Promise<FileEntry[]> {
    return this.ask((cb) => this.sftp.readdir(p, cb));
  }

  /** Creates `p` and its missing parents (like `mkdir -p`). */
  async mkdirs(p: string): Promise<void> {
    const stats = await this.statOrUndefined(p);
    if (stats?.isDirectory()) return;
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    if (parent !== p) await this.mkdirs(parent);
    try {
      await this.ask<void>((cb) => this.sftp.mkdir(p, (error) => cb(error, undefined)));
    } catch (error) {
      // Two files of one upload may create the same folder at once: the other one winning is fine.
      if (!(await this.statOrUndefined(p))?.isDirectory()) throw error;
    }
  }

  /** Removes a file, ignoring one that is already gone. */
  async unlinkQuietly(p: string): Promise<void> {
    await this.ask<void>((cb) => this.sftp.unlink(p, (error) => cb(error, undefined))).catch(() => undefined);
  }

  /** Renames `from` to `to`. */
  rename(from: string, to: string): Promise<void> {
    return this.ask<void>((cb) => this.sftp.rename(from, to, (error) => cb(error, undefined)));
  }

  /** Opens a file (`r`, `w`). */
  open(p: string, flags: 'r' | 'w'): Promise<Buffer> {
    return this.ask((cb) => this.sftp.open(p, flags, cb));
  }

  /** Closes a handle. */
  close(handle: Buffer): Promise<void> {
    return this.ask<void>((cb) => this.sftp.close(handle, (error) => cb(error, undefined)));
  }

  /** Writes all of `data` at `position`, its pieces (31–128 KiB, see pieceBytesOf) in flight together; resolves when the server acknowledged each. */
  async writeAll(handle: Buffer, data: Buffer, position: number): Promise<void> {
    const pieces: Promise<void>[] = [];
    const pieceBytes = this.pieces.write;
    for (let off = 0; off < data.length; off += pieceBytes) {
      const len = Math.min(pieceBytes, data.length - off);
      pieces.push(call<void>((cb) => this.sftp.write(handle, data, off, len, position + off, (error) => cb(error, undefined))));
    }
    await this.deadline(Promise.all(pieces));
  }

  /** Reads up to `length` bytes from `position` (less only at the end of the file), pieces in flight together. */
  async readWindow(handle: Buffer, position: number, length: number): Promise<Buffer> {
    const pieceBytes = this.pieces.read;
    const buffer = Buffer.allocUnsafe(length);
    const pieces: Promise<number>[] = [];
    for (let off = 0; off < length; off += pieceBytes) pieces.push(this.readPiece(handle, buffer, off, Math.min(pieceBytes, length - off), position + off));
    const counts = await this.deadline(Promise.all(pieces));
    // A short piece means the end of the file: everything after it is not file content.
    let total = 0;
    for (const [i, n] of counts.entries()) {
      total += n;
      if (n < Math.min(pieceBytes, length - i * pieceBytes)) break;
    }
    return buffer.subarray(0, total);
  }

  /** One request with the stall deadline. */
  private ask<T>(run: (cb: (error: Error | null | undefined, value: T) => void) => void): Promise<T> {
    return this.deadline(call(run));
  }

  /** `work`, or ETIMEDOUT once the node has said nothing for `stallMs` (a node gone without closing the connection). */
  private deadline<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`no answer for ${this.stallMs / 1000} s`), { code: 'ETIMEDOUT' })), this.stallMs);
    });
    return Promise.race([work, stalled]).finally(() => clearTimeout(timer));
  }

  private async readPiece(handle: Buffer, buffer: Buffer, off: number, len: number, position: number): Promise<number> {
    let done = 0;
    while (done < len) {
      const n = await new Promise<number>((resolve, reject) =>
        this.sftp.read(handle, buffer, off + done, len - done, position + done, (error, bytesRead) => {
          // ssh2 reports the end of the file as an error with code 1 (SSH_FX_EOF).
          if (error) return (error as { code?: unknown }).code === 1 ? resolve(0) : reject(error);
          resolve(bytesRead);
        }),
      );
      if (n === 0) break;
      done += n;
    }
    return done;
  }
}
