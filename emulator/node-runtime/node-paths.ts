import path from 'node:path';
import type { NodeRef } from './types';

/** Pool and node ids become folder names, so only the Batch id alphabet is allowed (no `/`, `..` or dots). */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

/** The folders every node has under its root, as on a real Linux Batch node. */
export const NODE_SUBFOLDERS = ['startup', 'startup/wd', 'shared', 'workitems', 'applications', 'fsmounts'] as const;

/** Absolute paths of one node's folders and its host key. */
export interface NodePaths {
  root: string;
  startup: string;
  startupWorkingDir: string;
  shared: string;
  workitems: string;
  applications: string;
  mounts: string;
  /** Emulator shims first on the node's PATH (e.g. `hostname`); a dot folder, so it never clashes with Batch's. */
  bin: string;
  /** Kept outside the node root so a reimage (which wipes the root) keeps the node's SSH identity. */
  hostKey: string;
}

/** Throws a specific error when a pool or node id could escape its folder. */
export function assertNodeRef(node: NodeRef): void {
  if (typeof node?.poolId !== 'string' || !ID_PATTERN.test(node.poolId)) {
    throw new TypeError(`Invalid poolId ${JSON.stringify(node?.poolId)}: expected 1-256 of A-Z a-z 0-9 _ -`);
  }
  if (typeof node.nodeId !== 'string' || !ID_PATTERN.test(node.nodeId)) {
    throw new TypeError(`Invalid nodeId ${JSON.stringify(node.nodeId)}: expected 1-256 of A-Z a-z 0-9 _ -`);
  }
}

/** The folder layout of one node under the runtime's root folder. */
export function nodePaths(rootDir: string, node: NodeRef): NodePaths {
  assertNodeRef(node);
  const poolDir = path.join(path.resolve(rootDir), node.poolId);
  const root = path.join(poolDir, node.nodeId);
  return {
    root,
    startup: path.join(root, 'startup'),
    startupWorkingDir: path.join(root, 'startup', 'wd'),
    shared: path.join(root, 'shared'),
    workitems: path.join(root, 'workitems'),
    applications: path.join(root, 'applications'),
    mounts: path.join(root, 'fsmounts'),
    bin: path.join(root, '.emulator', 'bin'),
    // `.hostkeys` cannot clash with a node folder: node ids never contain a dot.
    hostKey: path.join(poolDir, '.hostkeys', node.nodeId),
  };
}

/** A stable map key for one node. */
export function nodeKey(node: NodeRef): string {
  return `${node.poolId}/${node.nodeId}`;
}
