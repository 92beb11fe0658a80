import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createNodeFolders } from './node-folders';
import { assertEnvName } from './node-env';
import { commandEnvironment, runCommand } from './run-command';
import type { NodePaths } from './node-paths';
import { signalProcessTree, waitAtMost } from './process-tree';
import type { StartTaskOutcome, StartTaskSpec } from './types';

/** `maxTaskRetryCount: -1` means "retry forever" in Batch; a local emulator stops after this many retries. */
export const UNLIMITED_RETRY_CAP = 3;
/** Explicit retry counts above this are capped too, so a failing command cannot keep a node busy for ages. */
export const MAX_RETRY_COUNT = 10;

/** A start task in progress: its eventual outcome, and a way to end it early (node stopped). */
export interface StartTaskRun {
  outcome: Promise<StartTaskOutcome>;
  /** Kills the running attempt (its whole process group) and prevents further retries. */
  stop(): Promise<void>;
}

/** Throws a specific error for a start task the runtime cannot run; checked before anything is touched. */
export function assertStartTask(task: StartTaskSpec): void {
  if (typeof task?.commandLine !== 'string' || task.commandLine.trim() === '') {
    throw new TypeError('Start task commandLine must be a non-empty string');
  }
  if (task.commandLine.includes('\0')) throw new TypeError('Start task commandLine must not contain NUL');
  for (const setting of task.environmentSettings ?? []) {
    assertEnvName(setting.name);
    if (setting.value !== undefined && String(setting.value).includes('\0')) {
      throw new TypeError(`Environment setting ${setting.name} must not contain NUL`);
    }
  }
  const retries = task.maxTaskRetryCount;
  if (retries !== undefined && (!Number.isInteger(retries) || retries < -1)) {
    throw new TypeError(`Invalid maxTaskRetryCount ${String(retries)}: expected an integer >= -1`);
  }
}

/** How many retries a spec really gets here. */
export function effectiveRetries(maxTaskRetryCount: number | undefined): number {
  if (maxTaskRetryCount === undefined) return 0;
  if (maxTaskRetryCount === -1) return UNLIMITED_RETRY_CAP;
  return Math.min(maxTaskRetryCount, MAX_RETRY_COUNT);
}

/**
 * Runs the command line without a shell, as Batch does on Linux (split into argv by `splitCommandLine`; a command
 * line that needs a shell says `/bin/bash -c "…"`), in startup/wd, retrying non-zero exits. stdout.txt and stderr.txt are emptied
 * when a run begins and every retry appends to them, so the files show all attempts of this run in order
 * (a reboot starts a new run and therefore fresh files).
 */
export function startStartTask(paths: NodePaths, nodeEnv: Record<string, string>, task: StartTaskSpec): StartTaskRun {
  assertStartTask(task);
  let stopped = false;
  let current: { pid: number } | undefined;
  const env = commandEnvironment(paths, nodeEnv, task.environmentSettings, { AZ_BATCH_TASK_DIR: paths.startup, AZ_BATCH_TASK_WORKING_DIR: paths.startupWorkingDir });
  const outcome = (async (): Promise<StartTaskOutcome> => {
    const stdoutFile = path.join(paths.startup, 'stdout.txt');
    const stderrFile = path.join(paths.startup, 'stderr.txt');
    await createNodeFolders(paths);
    await mkdir(env.HOME!, { recursive: true });
    await writeFile(stdoutFile, '');
    await writeFile(stderrFile, '');
    const maxRetries = effectiveRetries(task.maxTaskRetryCount);
    for (let retryCount = 0; ; retryCount++) {
      const startTime = new Date();
      if (stopped) return { exitCode: -1, startTime, endTime: startTime, retryCount, failure: ENDED_FAILURE };
      const attempt = runCommand('The start task', task.commandLine, paths.startupWorkingDir, env, stdoutFile, stderrFile);
      current = attempt;
      const result = await attempt.result;
      current = undefined;
      const base = { exitCode: result.exitCode, startTime, endTime: new Date(), retryCount };
      if (stopped) return { ...base, failure: ENDED_FAILURE };
      if (result.failure) return { ...base, failure: result.failure };
      if (result.exitCode === 0) return base;
      if (retryCount >= maxRetries) return { ...base, failure: EXIT_CODE_FAILURE };
    }
  })();
  return {
    outcome,
    async stop() {
      stopped = true;
      if (current) signalProcessTree(current.pid, 'SIGKILL');
      await waitAtMost(outcome, 2000);
    },
  };
}

const EXIT_CODE_FAILURE = {
  category: 'usererror',
  code: 'FailureExitCode',
  message: 'The task exited with an exit code representing a failure',
} as const;
const ENDED_FAILURE = {
  category: 'servererror',
  code: 'TaskEnded',
  message: 'The start task was ended because the node was stopped, rebooted or removed',
} as const;
