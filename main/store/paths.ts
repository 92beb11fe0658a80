import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder where Batch Deck keeps its data. `BATCH_DECK_DATA` overrides it (tests, portable installs);
 * otherwise the OS's per-user application-data folder.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.BATCH_DECK_DATA) return env.BATCH_DECK_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Batch Deck');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Batch Deck');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'batch-deck');
}

/**
 * Creates `dir` (and missing parents) readable by this OS user only (0700), and tightens it to 0700 when it already
 * exists with group or other access and belongs to this user. A sticky folder such as /tmp (shared by design) is
 * left alone. Windows has no such modes: there the folder inherits the user profile's ACL.
 */
export function ensurePrivateDir(dir: string, platform = process.platform): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (platform === 'win32') return;
  const stat = statSync(dir);
  const sticky = (stat.mode & 0o1000) !== 0;
  if ((stat.mode & 0o077) !== 0 && !sticky && stat.uid === process.getuid?.()) chmodSync(dir, 0o700);
}
