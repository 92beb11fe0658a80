import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { splitCommandLine } from './command-line';
import type { NodePaths } from './node-paths';
import type { StartTaskOutcome } from './types';

/** The auto-user that Batch runs tasks as; its HOME lives inside the node folder, never the real home. */
const AUTO_USER = '_azbatch';

/** What one run of a command line ended with. */
export interface AttemptResult {
  exitCode: number;
  failure?: StartTaskOutcome['failure'];
}

/** A command line started on a node: its process group leader and its eventual result. */
export interface Attempt {
  pid: number;
  result: Promise<AttemptResult>;
}

/**
 * Runs a command line once without a shell, as Batch does on Linux (argv split by `splitCommandLine`), in `cwd`, with
 * stdout and stderr appended to the given files. `what` names the task in failure messages ("The start task").
 */
export function runCommand(what: string, commandLine: string, cwd: string, env: Record<string, string>, stdoutFile: string, stderrFile: string): Attempt {
  let argv: string[];
  try {
    argv = splitCommandLine(commandLine);
  } catch (error) {
    const failure = { category: 'usererror', code: 'CommandLineInvalid', message: `${what} could not be started: ${(error as Error).message}` } as const;
    return { pid: -1, result: Promise.resolve({ exitCode: -1, failure }) };
  }
  const [program = '', ...args] = argv;
  const out = openSync(stdoutFile, 'a');
  const err = openSync(stderrFile, 'a');
  // detached: the command leads its own process group, so a kill can end everything it started.
  const child = spawn(program, args, { cwd, env, detached: true, stdio: ['ignore', out, err] });
  closeSync(out);
  closeSync(err);
  const result = new Promise<AttemptResult>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      resolve({
        exitCode: -1,
        failure: {
          category: error.code === 'ENOENT' || error.code === 'EACCES' ? 'usererror' : 'servererror',
          code: error.code === 'ENOENT' ? 'CommandProgramNotFound' : 'TaskLaunchFailed',
          message: `${what} could not be started: ${error.message}`,
        },
      });
    });
    child.once('exit', (code, signal) => {
      resolve({ exitCode: code ?? 128 + (signal ? osConstants.signals[signal] : 0) });
    });
  });
  return { pid: child.pid ?? -1, result };
}

/**
 * The environment of a task process: the node's, then the task's settings, then Batch's own variables (which win over
 * the task's settings, as on the service) and the auto-user's HOME inside the node folder.
 */
export function commandEnvironment(
  paths: NodePaths,
  nodeEnv: Record<string, string>,
  settings: readonly { name: string; value?: string }[] | undefined,
  taskVariables: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = { ...nodeEnv };
  for (const setting of settings ?? []) env[setting.name] = setting.value ?? '';
  const batch = Object.fromEntries(Object.entries(nodeEnv).filter(([name]) => name.startsWith('AZ_BATCH_')));
  return { ...env, ...batch, ...taskVariables, HOME: path.join(paths.root, 'home', AUTO_USER), USER: AUTO_USER, LOGNAME: AUTO_USER };
}
