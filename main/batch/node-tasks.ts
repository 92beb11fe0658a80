import type { NodeRunningTask } from '../../contract/features/batch';
import type { BatchClientSource } from './batch-client-source';
import { restCall } from './rest-call';

/**
 * The tasks running on one node now, read from that node's record on demand (`$select=recentTasks`), so the pool's
 * node list (10,000 rows) never carries them.
 */
export async function runningTasksOn(source: BatchClientSource, accountId: string, poolId: string, nodeId: string): Promise<NodeRunningTask[]> {
  const ctx = await source.forAccount(accountId);
  const node = await restCall(ctx.account.endpoint, () => ctx.rest.nodes.get(poolId, nodeId, { select: ['id', 'recentTasks'] }));
  return (node.recentTasks ?? [])
    .filter((t) => t.jobId && t.taskId && (t.taskState === 'running' || t.taskState === 'preparing'))
    .map((t) => ({ jobId: t.jobId as string, taskId: t.taskId as string, state: t.taskState === 'preparing' ? 'preparing' : 'running' }));
}
