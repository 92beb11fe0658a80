import { environmentNameSchema } from '../../contract/features/jobs';
import { fitsShellLine } from '../../contract/features/terminal';
import type { ActiveAccount } from '../batch/batch-client-source';

/** What a task's shell environment is built from. */
export interface TaskEnvironmentSource {
  account: Pick<ActiveAccount, 'name' | 'endpoint'>;
  poolId: string;
  nodeId: string;
  jobId: string;
  taskId: string;
  /** `nodeInfo.taskRootDirectory`, e.g. `/mnt/batch/tasks/workitems/job-1/job-1/task-7`. */
  taskRootDirectory: string;
  jobEnvironment: { name: string; value: string }[];
  /** Batch sets AZ_BATCH_JOB_PREP_* only for jobs that have a preparation task. */
  hasPreparationTask: boolean;
  taskEnvironment: { name: string; value: string }[];
}

/**
 * The environment the task ran with, as far as Batch Deck can know it: the job's common settings, the task's own
 * (which win), and the AZ_BATCH_* variables Batch sets for that task
 * (https://learn.microsoft.com/azure/batch/batch-compute-node-environment-variables). The node root is the part of
 * the task folder before `/workitems/`. A variable a shell line cannot carry (a value with a line break) is left out.
 */
export function taskEnvironment(source: TaskEnvironmentSource): { name: string; value: string }[] {
  const root = source.taskRootDirectory.replace(/\/+$/, '');
  const at = root.lastIndexOf('/workitems/');
  const nodeRoot = at >= 0 ? root.slice(0, at) : undefined;
  const jobDir = root.slice(0, root.lastIndexOf('/'));
  const batch: Record<string, string> = {
    AZ_BATCH_ACCOUNT_NAME: source.account.name,
    AZ_BATCH_ACCOUNT_URL: source.account.endpoint,
    AZ_BATCH_POOL_ID: source.poolId,
    AZ_BATCH_NODE_ID: source.nodeId,
    AZ_BATCH_JOB_ID: source.jobId,
    AZ_BATCH_TASK_ID: source.taskId,
    AZ_BATCH_TASK_DIR: root,
    AZ_BATCH_TASK_WORKING_DIR: `${root}/wd`,
    ...(nodeRoot
      ? {
          AZ_BATCH_NODE_ROOT_DIR: nodeRoot,
          AZ_BATCH_NODE_SHARED_DIR: `${nodeRoot}/shared`,
          AZ_BATCH_NODE_STARTUP_DIR: `${nodeRoot}/startup`,
        }
      : {}),
    ...(source.hasPreparationTask
      ? { AZ_BATCH_JOB_PREP_DIR: `${jobDir}/jobpreparation`, AZ_BATCH_JOB_PREP_WORKING_DIR: `${jobDir}/jobpreparation/wd` }
      : {}),
  };
  const merged = new Map<string, string>();
  for (const e of [...source.jobEnvironment, ...source.taskEnvironment]) merged.set(e.name, e.value);
  for (const [name, value] of Object.entries(batch)) merged.set(name, value);
  return [...merged].filter(([name, value]) => environmentNameSchema.safeParse(name).success && fitsShellLine(value)).map(([name, value]) => ({ name, value }));
}
