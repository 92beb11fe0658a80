import { createHash } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { NodePaths } from './node-paths';
import type { NodeRef } from './types';

/**
 * The node's own host name, stable for its pool and id and shaped like a Batch VM's computer name (hex + `000000`).
 * Nodes are folders on one machine, so without this every node would answer `hostname` with this machine's name
 * and an operator broadcasting `hostname` could not tell them apart.
 */
export function nodeHostname(node: NodeRef): string {
  return `${createHash('sha256').update(`${node.poolId}/${node.nodeId}`).digest('hex').slice(0, 12)}000000`;
}

/** Writes `<node>/.emulator/bin/hostname`, first on the node's PATH, printing the node's host name. */
export async function writeHostnameShim(paths: NodePaths, hostname: string): Promise<void> {
  await mkdir(paths.bin, { recursive: true });
  const shim = path.join(paths.bin, 'hostname');
  await writeFile(shim, `#!/bin/sh\n# Batch emulator: this node's host name (nodes share one machine).\necho ${hostname}\n`);
  await chmod(shim, 0o755);
}
