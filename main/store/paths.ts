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
