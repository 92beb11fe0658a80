import { useQuery } from '@tanstack/react-query';
import { call } from '../../ipc/client';
import { whileVisible } from '../pools/use-pools';

/** Query key of one task. */
export const taskQueryKey = (accountId: string, jobId: string, taskId: string) => ['tasks:get', accountId, jobId, taskId] as const;

/** One task in full; refreshed every 2 s until it completes, every 15 s after (it may be reactivated). */
export function useTask(accountId: string, jobId: string, taskId: string) {
  return useQuery({
    queryKey: taskQueryKey(accountId, jobId, taskId),
    queryFn: () => call('tasks:get', { accountId, jobId, taskId }),
    refetchInterval: (q) => whileVisible(q.state.data?.state === 'completed' ? 15_000 : 2000)(),
    refetchIntervalInBackground: false,
    meta: { silent: true },
  });
}
