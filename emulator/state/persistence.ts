import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredState } from './model';

const QUIET_MS = 200;
const MAX_DELAY_MS = 2_000;

/**
 * The state file (`<dataDir>/state.json`): written atomically (temp file, fsync, rename) so a crash never leaves
 * half a document, and debounced so a burst of changes costs one write.
 */
export class StateFile {
  private readonly path: string;
  private timer: NodeJS.Timeout | undefined;
  private firstPendingAt = 0;
  private pending: (() => string) | undefined;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.path = join(dataDir, 'state.json');
  }

  /** The saved state, or undefined on first start. Throws with the file's path when it cannot be read. */
  load(): StoredState | undefined {
    if (!existsSync(this.path)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (error) {
      throw new Error(`Cannot read emulator state ${this.path}: ${(error as Error).message}`);
    }
    const doc = parsed as Partial<StoredState>;
    if (doc.version !== 1 || !Array.isArray(doc.pools) || !Array.isArray(doc.nodes)) {
      throw new Error(`Emulator state ${this.path} is not a version 1 state document`);
    }
    return doc as StoredState;
  }

  /** Schedules a save of the JSON document `serialize` returns when the write happens. */
  scheduleSave(serialize: () => string): void {
    const now = Date.now();
    if (!this.pending) this.firstPendingAt = now;
    this.pending = serialize;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(QUIET_MS, this.firstPendingAt + MAX_DELAY_MS - now));
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }

  /** Writes any pending change now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const serialize = this.pending;
    this.pending = undefined;
    if (serialize) writeAtomically(this.path, serialize());
  }
}

/** Writes a file so readers see either the old or the new content, never a mix. */
export function writeAtomically(path: string, content: string, mode = 0o600): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, content, { mode });
  const fd = openSync(temp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
