import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createNodeFolders } from './node-folders';
import { assertEnvName } from './node-env';
import type { NodePaths } from './node-paths';
import { signalProcessTree, waitAtMost } from './process-tree';
import { commandEnvironment, runCommand, type AttemptResult } from './run-command';
import type { TaskRunHandle, TaskRunSpec } from './types';

/** Task ids and job ids become folder names: only the Batch id alphabet may reach the file system. */
const FOLDER_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** The folder of a job's task on a node, as on a Linux Batch node: `workitems/<job>/job-1/<task>`. */
export function taskFolderOf(paths: NodePaths, jobId: string, taskFolder: string): string {
  if (!FOLDER_NAME.test(jobId) || !FOLDER_NAME.test(taskFolder)) {
    throw new TypeError(`Invalid job or task id ${JSON.stringify(jobId)}/${JSON.stringify(taskFolder)}`);
  }
  return path.join(paths.workitems, jobId, 'job-1', taskFolder);
}

const KILLED: AttemptResult = { exitCode: 137, failure: { category: 'usererror', code: 'TaskEnded', message: 'The task was ended before it finished' } };

/**
 * Runs one attempt of a job task without a shell in `<task folder>/wd`. stdout.txt and stderr.txt in the task
 * folder are emptied when the attempt begins, so they always hold the attempt whose exit code the task reports.
 * `kill()` ends the whole process group (wall-clock limit, terminate, delete, node going down).
 */
export function startTaskProcess(paths: NodePaths, nodeEnv: Record<string, string>, spec: TaskRunSpec): TaskRunHandle {
  for (const setting of spec.environmentSettings ?? []) assertEnvName(setting.name);
  const dir = taskFolderOf(paths, spec.jobId, spec.taskFolder);
  const workingDir = path.join(dir, 'wd');
  let killed = false;
  let pid = -1;
  const env = commandEnvironment(paths, nodeEnv, spec.environmentSettings, {
    ...spec.variables,
    AZ_BATCH_TASK_DIR: dir,
    AZ_BATCH_TASK_WORKING_DIR: workingDir,
  });
  const outcome = (async (): Promise<AttemptResult> => {
    await createNodeFolders(paths);
    await mkdir(workingDir, { recursive: true });
    await mkdir(env.HOME as string, { recursive: true });
    const stdoutFile = path.join(dir, 'stdout.txt');
    const stderrFile = path.join(dir, 'stderr.txt');
    await writeFile(stdoutFile, '');
    await writeFile(stderrFile, '');
    if (killed) return KILLED;
    const attempt = runCommand('The task', spec.commandLine, workingDir, env, stdoutFile, stderrFile);
    pid = attempt.pid;
    const result = await attempt.result;
    return killed ? { ...KILLED, exitCode: result.exitCode } : result;
  })();
  return {
    outcome,
    async kill() {
      killed = true;
      if (pid > 1) signalProcessTree(pid, 'SIGKILL');
      await waitAtMost(outcome, 2000);
    },
  };
}
