import type { NodeRef } from './types';
import type { NodePaths } from './node-paths';
import { nodeHostname } from './node-hostname';

const FALLBACK_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Variable names a process environment accepts: a name with `=` or NUL would corrupt the block. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Names an SSH client may set with an `env` request: the same ones Debian's sshd accepts (`AcceptEnv LANG LC_*`)
 * plus COLORTERM and TZ. Anything else (PATH, LD_PRELOAD, BASH_ENV, AZ_BATCH_*) could change what the node is.
 */
export function isSafeClientEnvName(name: string): boolean {
  return /^(LANG|LANGUAGE|LC_[A-Z_]+|COLORTERM|TZ)$/.test(name);
}

/** Throws a specific error for a variable name no process environment can carry. */
export function assertEnvName(name: string): void {
  if (!ENV_NAME.test(name)) throw new TypeError(`Invalid environment variable name ${JSON.stringify(name)}`);
}

/**
 * The environment every node process starts from. It is built from scratch instead of copying the emulator's
 * own environment, which may hold BATCH_EMULATOR_KEY or other secrets that a node user must never see.
 */
export function nodeEnvironment(
  node: NodeRef,
  paths: NodePaths,
  baseEnv: Record<string, string> | undefined,
): Record<string, string> {
  const env: Record<string, string> = {
    LANG: process.env.LANG || 'C.UTF-8',
    ...baseEnv,
    PATH: `${paths.bin}:${baseEnv?.PATH ?? (process.env.PATH || FALLBACK_PATH)}`,
    HOSTNAME: nodeHostname(node),
    AZ_BATCH_NODE_ROOT_DIR: paths.root,
    AZ_BATCH_NODE_STARTUP_DIR: paths.startup,
    AZ_BATCH_NODE_STARTUP_WORKING_DIR: paths.startupWorkingDir,
    AZ_BATCH_NODE_SHARED_DIR: paths.shared,
    AZ_BATCH_NODE_MOUNTS_DIR: paths.mounts,
    AZ_BATCH_POOL_ID: node.poolId,
    AZ_BATCH_NODE_ID: node.nodeId,
  };
  for (const name of Object.keys(env)) assertEnvName(name);
  return env;
}
