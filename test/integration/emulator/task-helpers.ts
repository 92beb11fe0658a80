import { eventually } from '../../helpers/eventually';
import { idleNodes, noblePool } from '../batch/rest-fixture';
import type { BatchTask } from '../../../main/batch/rest/models/tasks';
import type { BatchRestClient } from '../../../main/batch/rest/batch-rest-client';
import { batchPath } from '../../../main/batch/rest/batch-requester';

/** Waits until a task is completed and returns it. */
export async function completed(client: BatchRestClient, jobId: string, taskId: string, timeoutMs = 20_000): Promise<BatchTask> {
  return eventually(async () => {
    const task = await client.tasks.get(jobId, taskId);
    return task.state === 'completed' ? task : undefined;
  }, timeoutMs, 50);
}

/** Waits until a task is in a state and returns it. */
export async function inState(client: BatchRestClient, jobId: string, taskId: string, state: BatchTask['state']): Promise<BatchTask> {
  return eventually(async () => {
    const task = await client.tasks.get(jobId, taskId);
    return task.state === state ? task : undefined;
  });
}

/** A task file's content through the task files API. */
export async function taskFile(client: BatchRestClient, jobId: string, taskId: string, name: string): Promise<string> {
  const response = await client.requester.sendForBytes({ method: 'GET', path: batchPath`/jobs/${jobId}/tasks/${taskId}/files/${name}`, expect: [200] });
  return response.body.toString('utf8');
}

/** A new pool (named like the job) with idle nodes and a job on it; returns the node ids. */
export async function jobOnNewPool(client: BatchRestClient, id: string, pool: Parameters<typeof noblePool>[1], nodes = 1): Promise<string[]> {
  await client.pools.create(noblePool(id, { targetDedicatedNodes: nodes, ...pool }));
  const ids = await idleNodes(client, id, nodes);
  await client.jobs.create({ id, poolInfo: { poolId: id } });
  return ids;
}

/** A command line that needs a shell says so, as on Azure. */
export const bash = (script: string) => `/bin/bash -c '${script}'`;

/** The node root a task ran under (its taskRootDirectory without `workitems/…`). */
export function nodeRootOf(task: BatchTask): string {
  return String(task.nodeInfo?.taskRootDirectory).replace(/\/workitems\/.*$/, '');
}
