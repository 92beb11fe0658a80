import { mkdir, readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { NODE_SUBFOLDERS, type NodePaths } from './node-paths';

/** Creates the node root and its standard subfolders; existing content is kept. */
export async function createNodeFolders(paths: NodePaths): Promise<void> {
  for (const sub of NODE_SUBFOLDERS) {
    await mkdir(path.join(paths.root, sub), { recursive: true });
  }
}

/** Deletes everything under the node root (reimage); the host key lives elsewhere and stays. */
export async function deleteNodeFolders(paths: NodePaths): Promise<void> {
  await rm(paths.root, { recursive: true, force: true, maxRetries: 3 });
}

/** Deletes the node's folders and host key, then the pool folder if nothing else is left in it. */
export async function deleteNodeCompletely(paths: NodePaths): Promise<void> {
  await deleteNodeFolders(paths);
  await rm(paths.hostKey, { force: true });
  const hostKeyDir = path.dirname(paths.hostKey);
  await removeIfEmpty(hostKeyDir);
  await removeIfEmpty(path.dirname(hostKeyDir));
}

async function removeIfEmpty(dir: string): Promise<void> {
  try {
    if ((await readdir(dir)).length === 0) await rmdir(dir);
  } catch {
    // Missing, or filled concurrently by another node of the pool: either way it must stay as it is.
  }
}
