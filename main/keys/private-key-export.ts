import { chmod, mkdir, open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { z } from 'zod';
import { ContractFailure } from '../../contract/result';
import { JsonFile } from '../store/json-file';

/** Expands a leading `~/` and insists on an absolute path, so the key never lands relative to some working folder. */
export function resolveExportPath(raw: string, home: string = homedir()): string {
  const trimmed = raw.trim();
  const expanded = trimmed === '~' ? home : trimmed.startsWith('~/') ? join(home, trimmed.slice(2)) : trimmed;
  if (!isAbsolute(expanded)) {
    throw new ContractFailure('INVALID_PAYLOAD', `"${raw}" is not an absolute path. Name the key file in full, e.g. ~/.ssh/batch-deck_ed25519.`);
  }
  if (expanded.includes('\0')) throw new ContractFailure('INVALID_PAYLOAD', 'The key file path contains a NUL character.');
  return normalize(expanded);
}

/**
 * Creates `~/.ssh` (mode 0700, as OpenSSH wants it) when the key goes there and it does not exist yet: a fresh
 * machine has none until ssh first runs. Any other missing folder stays an error (a typo should not make folders).
 */
export async function ensureSshFolder(path: string, home: string = homedir()): Promise<void> {
  const folder = join(home, '.ssh');
  if (dirname(path) !== folder) return;
  try {
    await mkdir(folder, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw exportFailure(error, path);
  }
}

/**
 * Writes a private key to `path` with mode 0600 (OpenSSH refuses keys others can read). Without `overwrite` an
 * existing file is left alone (CONFLICT); with it, the file is truncated and its mode forced back to 0600.
 */
export async function writePrivateKeyFile(path: string, privateKey: string, overwrite: boolean): Promise<void> {
  let handle;
  try {
    handle = await open(path, overwrite ? 'w' : 'wx', 0o600);
  } catch (error) {
    throw exportFailure(error, path);
  }
  try {
    await handle.chmod(0o600);
    await handle.writeFile(privateKey, 'utf8');
  } finally {
    await handle.close();
  }
  await chmod(path, 0o600);
}

function exportFailure(error: unknown, path: string): ContractFailure {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return new ContractFailure('CONFLICT', `${path} already exists. Choose another file, or allow overwriting it.`);
  if (code === 'ENOENT') return new ContractFailure('NOT_FOUND', `The folder of ${path} does not exist.`);
  if (code === 'EISDIR') return new ContractFailure('CONFLICT', `${path} is a folder; name a file inside it.`);
  if (code === 'EACCES' || code === 'EPERM') return new ContractFailure('CONFLICT', `Batch Deck may not write ${path} (permission denied).`);
  return new ContractFailure('INTERNAL', `Could not write ${path}: ${(error as Error).message}`);
}

const exportsSchema = z.record(z.string(), z.string());

/** Remembers where each account's managed key was last exported (paths are not secret), for the ssh command line. */
export class KeyExportRecords {
  private readonly file: JsonFile<typeof exportsSchema>;

  constructor(dataDir: string) {
    this.file = new JsonFile(join(dataDir, 'managed-key-exports.json'), exportsSchema, () => ({}));
  }

  /** The last export path of an account, if any. */
  async pathOf(accountId: string): Promise<string | undefined> {
    return (await this.file.read())[accountId];
  }

  /** Records an export. */
  async remember(accountId: string, path: string): Promise<void> {
    const all = await this.file.read();
    all[accountId] = path;
    await this.file.write(all);
  }
}
