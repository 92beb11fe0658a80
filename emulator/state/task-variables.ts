import type { StoredJob, StoredNode, StoredTask } from './model';

/**
 * The AZ_BATCH_* variables Batch sets for one task (the node's own ones — AZ_BATCH_NODE_ROOT_DIR, AZ_BATCH_POOL_ID,
 * AZ_BATCH_NODE_ID, … — and the task folders come from the runtime). See
 * https://learn.microsoft.com/azure/batch/batch-compute-node-environment-variables
 */
export function taskVariables(job: StoredJob, task: Pick<StoredTask, 'id'>, node: StoredNode, prepDir?: string): Record<string, string> {
  const vars: Record<string, string> = {
    AZ_BATCH_JOB_ID: job.id,
    AZ_BATCH_TASK_ID: task.id,
    AZ_BATCH_NODE_IS_DEDICATED: String(node.isDedicated),
    AZ_BATCH_TASK_USER: '_azbatch',
    AZ_BATCH_NODE_LIST: node.ipAddress,
    AZ_BATCH_HOST_LIST: node.ipAddress,
  };
  if (!job.spec.jobPreparationTask || !prepDir) return vars;
  // The preparation task's folders, which the job's tasks (and its release task) may read.
  return { ...vars, AZ_BATCH_JOB_PREP_DIR: prepDir, AZ_BATCH_JOB_PREP_WORKING_DIR: `${prepDir}/wd` };
}
