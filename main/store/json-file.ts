import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { damagedFiles, type DamagedFiles } from './damaged-files';

/** Writes in flight per path, so two JsonFile objects on one file (or two quick saves) never interleave. */
const queues = new Map<string, Promise<unknown>>();
let tempCounter = 0;

/** Options of {@link JsonFile}. */
export interface JsonFileOptions {
  /** Where damaged files are reported; the process's ledger by default. */
  damaged?: DamagedFiles;
}

/**
 * A JSON document on disk, validated by a schema on every read and written durably: a temp file in the same folder,
 * fsync, rename over the old one, fsync the folder. `kill -9` or a power cut at any point leaves the old content or
 * the new, never a torn file. A file that does not parse or fails its schema is moved aside as
 * `NAME.damaged-TIMESTAMP` (never deleted), reported once, and the defaults are used so the app keeps running.
 */
export class JsonFile<S extends z.ZodType> {
  private readonly damaged: DamagedFiles;
  private sweptTemps = false;

  constructor(
    readonly path: string,
    private readonly schema: S,
    private readonly fallback: () => z.output<S>,
    options: JsonFileOptions = {},
  ) {
    this.damaged = options.damaged ?? damagedFiles;
  }

  /** Reads and validates the file; a missing file yields the fallback, a damaged one is set aside first. */
  async read(): Promise<z.output<S>> {
    const text = await this.readText();
    if (text === undefined) return this.fallback();
    const checked = this.check(text);
    if ('value' in checked) return checked.value;
    let setAside = false;
    await this.serialised(async () => void (setAside = await this.setAside(text, checked.reason)));
    // Not set aside: a write replaced the damaged file meanwhile, so read what it wrote.
    return setAside ? this.fallback() : this.read();
  }

  /** Writes the value durably; writes to one path are serialised in call order. */
  write(value: z.output<S>): Promise<void> {
    return this.serialised(() => this.writeDurably(`${JSON.stringify(value, null, 2)}\n`));
  }

  private serialised(task: () => Promise<void>): Promise<void> {
    const next = (queues.get(this.path) ?? Promise.resolve()).then(task);
    const settled = next.catch(() => undefined);
    queues.set(this.path, settled);
    void settled.then(() => {
      if (queues.get(this.path) === settled) queues.delete(this.path);
    });
    return next;
  }

  private async readText(): Promise<string | undefined> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private check(text: string): { value: z.output<S> } | { reason: string } {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { reason: text.trim() === '' ? 'the file is empty' : `it is not JSON (${(error as Error).message})` };
    }
    const parsed = this.schema.safeParse(json);
    if (parsed.success) return { value: parsed.data };
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { reason: `it does not have the expected shape (${issue?.message ?? 'invalid'}${where})` };
  }

  /** Renames the damaged file aside, unless a write replaced it since it was read (then the new content stands). */
  private async setAside(damagedText: string, reason: string): Promise<boolean> {
    if ((await this.readText()) !== damagedText) return false;
    const keptAs = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.path, keptAs);
    this.damaged.report({ path: this.path, keptAs, reason });
    return true;
  }

  private async writeDurably(text: string): Promise<void> {
    const folder = dirname(this.path);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    if (!this.sweptTemps) await this.sweepTemps(folder);
    const temp = `${this.path}.${process.pid}.${++tempCounter}.tmp`;
    try {
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncFolder(folder);
  }

  /** Removes temp files that a killed process left behind (their writer is gone; the real file is intact). */
  private async sweepTemps(folder: string): Promise<void> {
    this.sweptTemps = true;
    const prefix = `${basename(this.path)}.`;
    for (const name of await readdir(folder)) {
      const pid = Number(/^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length))?.[1]);
      if (name.startsWith(prefix) && pid && !processExists(pid)) await rm(join(folder, name), { force: true });
    }
  }
}

/** Whether a process with this id runs (signal 0 checks without sending anything). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** fsyncs a folder so the rename itself survives a power cut; Windows cannot open folders, where rename is enough. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
