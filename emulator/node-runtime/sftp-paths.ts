import type { Stats } from 'node:fs';
import path from 'node:path';
import type { Attributes } from 'ssh2';
// Default import: ssh2 is CommonJS and its named exports are invisible to Node's native ESM loader.
import ssh2 from 'ssh2';

const { utils } = ssh2;

const { STATUS_CODE } = utils.sftp;

/**
 * Maps a client path onto the node folder. The client sees the node root as `/` (like a chroot), and `..` can
 * never climb above it because the path is normalised against `/` before it is joined to the root.
 */
export function toRealPath(root: string, clientPath: string): string {
  return path.join(root, toVirtualPath(clientPath));
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
