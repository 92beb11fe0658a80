import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import type { Attributes } from 'ssh2';
// Default import: ssh2 is CommonJS and its named exports are invisible to Node's native ESM loader.
import ssh2 from 'ssh2';

const { utils } = ssh2;

const { STATUS_CODE } = utils.sftp;

function outside(): NodeJS.ErrnoException {
  return Object.assign(new Error('The path leads outside the node folder'), { code: 'EACCES' });
}

function within(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot + path.sep);
}

/**
 * Maps a client path onto the node folder and checks the real path, symlinks resolved, as the files API does: a
 * symlink inside the node folder may point elsewhere inside it, but never out of it (EACCES, which the client sees as
 * permission denied). `follow: false` is for calls that act on a link itself (lstat, unlink, rename, readlink, mkdir,
 * rmdir): only the folder that holds it must be inside. A dangling link is refused when followed, so creating a file
 * through it cannot write outside either.
 */
export async function confinedPath(root: string, clientPath: string, follow: boolean): Promise<string> {
  const realRoot = await fs.realpath(root);
  const virtual = toVirtualPath(clientPath);
  if (virtual === '/') return realRoot;
  const lexical = path.join(realRoot, virtual);
  const parent = await fs.realpath(path.dirname(lexical));
  if (!within(realRoot, parent)) throw outside();
  const candidate = path.join(parent, path.basename(lexical));
  if (!follow) return candidate;
  try {
    const real = await fs.realpath(candidate);
    if (!within(realRoot, real)) throw outside();
    return real;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const link = await fs.lstat(candidate).catch(() => undefined);
    if (link?.isSymbolicLink()) throw outside();
    return candidate;
  }
}

/** The normalised absolute path the client should see (`REALPATH`). */
export function toVirtualPath(clientPath: string): string {
  return path.posix.resolve('/', clientPath.replace(/\\/g, '/') || '.');
}

/** SFTP attributes of a file as the protocol carries them (times in whole seconds). */
export function toAttributes(stats: Stats): Attributes {
  return {
    mode: stats.mode,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
    atime: Math.floor(stats.atimeMs / 1000),
    mtime: Math.floor(stats.mtimeMs / 1000),
  };
}

/** An `ls -l` style line, which OpenSSH's `sftp ls -l` prints as is. */
export function longName(name: string, stats: Stats): string {
  const date = stats.mtime.toUTCString().slice(5, 16);
  return `${modeString(stats)} ${String(stats.nlink).padStart(4)} ${String(stats.uid).padEnd(8)} ${String(
    stats.gid,
  ).padEnd(8)} ${String(stats.size).padStart(8)} ${date} ${name}`;
}

function modeString(stats: Stats): string {
  const type = stats.isDirectory() ? 'd' : stats.isSymbolicLink() ? 'l' : '-';
  const bits = 'rwxrwxrwx';
  let perms = '';
  for (let i = 0; i < 9; i++) perms += stats.mode & (1 << (8 - i)) ? bits[i] : '-';
  return type + perms;
}

/** The SFTP status for a failed file-system call. */
export function statusFor(error: unknown): { code: number; message: string } {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { code: STATUS_CODE.NO_SUCH_FILE, message: 'No such file' };
  if (code === 'EACCES' || code === 'EPERM') {
    return { code: STATUS_CODE.PERMISSION_DENIED, message: 'Permission denied' };
  }
  return { code: STATUS_CODE.FAILURE, message: code ? `Failure (${code})` : 'Failure' };
}
