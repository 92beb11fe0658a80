import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestIn } from '../../../contract/channels';
import type { JobSpecInput, TaskCounts } from '../../../contract/features/jobs';
import { call } from '../../ipc/client';
import { retryWhileNoAccount, whileVisible } from '../pools/use-pools';

/** Query key of one account's jobs. */
export const jobsQueryKey = (accountId: string) => ['jobs:list', accountId] as const;
/** Query key of one job of one account. */
export const jobQueryKey = (accountId: string, jobId: string) => ['jobs:get', accountId, jobId] as const;
/** Prefix of every task-counts query of an account (the list's visible jobs, one job's detail). */
export const taskCountsPrefix = (accountId: string) => ['jobs:task-counts', accountId] as const;

/** Every job of the account (without task counts), refreshed every 10 s while the window is visible. */
export function useJobs(accountId: string) {
  return useQuery({
    queryKey: jobsQueryKey(accountId),
    queryFn: () => call('jobs:list', { accountId }),
    ...retryWhileNoAccount,
    refetchInterval: whileVisible(10_000),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}

/**
 * Task counts of the jobs on screen only (`/jobs/{id}/taskcounts` each; up to 100 ids), every 5 s while visible. A
 * list of 500 jobs scrolled to ten rows asks for ten.
 */
export function useTaskCounts(accountId: string, jobIds: readonly string[], every = 5000) {
  const ids = [...jobIds].sort().slice(0, 100);
  return useQuery({
    queryKey: [...taskCountsPrefix(accountId), ids.join(',')],
    queryFn: () => call('jobs:task-counts', { accountId, jobIds: ids }),
    enabled: ids.length > 0,
    refetchInterval: whileVisible(every),
    refetchIntervalInBackground: false,
    placeholderData: (previous) => previous,
    meta: { silent: true },
  });
}

/** The counts of one job from a counts answer, or undefined while unknown or when that job's counts failed. */
export function countsOf(result: { counts: Record<string, unknown> } | undefined, jobId: string): TaskCounts | undefined {
  const entry = result?.counts[jobId];
  return entry && typeof entry === 'object' && !('error' in entry) ? (entry as TaskCounts) : undefined;
}

/** One job with its constraints and preparation/release tasks; refreshed every 5 s while visible. */
export function useJob(accountId: string, jobId: string) {
  return useQuery({
    queryKey: jobQueryKey(accountId, jobId),
    queryFn: () => call('jobs:get', { accountId, jobId }),
    refetchInterval: whileVisible(5000),
    refetchIntervalInBackground: false,
    meta: { silent: true },
  });
}

/** Create, terminate, delete, disable and enable jobs of the account; each refreshes the list and the job. */
export function useJobActions(accountId: string) {
  const client = useQueryClient();
  const refresh = ({ jobId }: { jobId: string }) => {
    void client.invalidateQueries({ queryKey: jobsQueryKey(accountId) });
    void client.invalidateQueries({ queryKey: jobQueryKey(accountId, jobId) });
    void client.invalidateQueries({ queryKey: taskCountsPrefix(accountId) });
  };
  const options = { onSuccess: refresh, meta: { silent: true } };
  return {
    create: useMutation({ mutationFn: (spec: JobSpecInput) => call('jobs:create', { accountId, spec }), ...options }),
    terminate: useMutation({ mutationFn: (jobId: string) => call('jobs:terminate', { accountId, jobId }), ...options }),
    remove: useMutation({ mutationFn: (r: { jobId: string; confirmId: string }) => call('jobs:delete', { accountId, ...r }), ...options }),
    disable: useMutation({
      mutationFn: (r: Omit<RequestIn<'jobs:disable'>, 'accountId'>) => call('jobs:disable', { accountId, ...r }),
      ...options,
    }),
    enable: useMutation({ mutationFn: (jobId: string) => call('jobs:enable', { accountId, jobId }), ...options }),
  };
}
