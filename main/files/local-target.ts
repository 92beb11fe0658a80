import { createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileFailure, nameClash } from './file-failure';

/** Where a downloaded file's bytes go while they arrive: `NAME.partial`, renamed to NAME only once complete. */
export interface LocalTarget {
  /** The final path. */
  path: string;
  /** The stream writing `NAME.partial`. */
  stream: WriteStream;
  /** Renames the finished `.partial` to its name. */
  commit(): Promise<void>;
  /** Removes the `.partial` (a failed or cancelled download leaves nothing half-written behind). */
  discard(): Promise<void>;
}

const here = 'this computer';

/** True when something exists at `p`. */
export async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

/**
 * Opens `dir/relative` for a download: refuses an existing name unless `overwrite` (the user was asked), creates the
 * folders on the way, and writes to `.partial` so a crash, a full disk or a cancel never leaves a file that looks whole.
 */
export async function openLocalTarget(dir: string, relative: string, overwrite: boolean): Promise<LocalTarget> {
  const finalPath = path.join(dir, ...relative.split('/'));
  if (!overwrite && (await exists(finalPath))) throw nameClash(finalPath, here);
  const partial = `${finalPath}.partial`;
  try {
    await mkdir(path.dirname(finalPath), { recursive: true });
  } catch (error) {
    throw fileFailure(error, path.dirname(finalPath), here);
  }
  const stream = createWriteStream(partial);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error) => reject(fileFailure(error, finalPath, here)));
  });
  return {
    path: finalPath,
    stream,
    commit: async () => {
      try {
        await rename(partial, finalPath);
      } catch (error) {
        throw fileFailure(error, finalPath, here);
      }
    },
    discard: async () => {
      stream.destroy();
      await rm(partial, { force: true });
    },
  };
}
