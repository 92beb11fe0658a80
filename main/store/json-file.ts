import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * A JSON document on disk validated by a schema on every read, written atomically (temp file + rename) so a crash
 * mid-write never leaves a torn file. A file that fails its schema is reported, never silently replaced.
 */
export class JsonFile<S extends z.ZodType> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly schema: S,
    private readonly fallback: () => z.output<S>,
  ) {}

  /** Reads and validates the file; a missing file yields the fallback. */
  async read(): Promise<z.output<S>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.fallback();
      throw error;
    }
    const parsed = this.schema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.path} is not valid: ${parsed.error.message}`);
    return parsed.data;
  }

  /** Writes the value atomically; concurrent writes are serialised in call order. */
  write(value: z.output<S>): Promise<void> {
    const next = this.queue.then(async () => {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const temp = `${this.path}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, this.path);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
