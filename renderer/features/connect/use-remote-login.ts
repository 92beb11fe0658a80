import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { OperationProgress } from '../../../contract/features/operations';
import type { RemoteLoginTable } from '../../../contract/features/provision';
import { call } from '../../ipc/client';
import { mergeProgress } from './merge-progress';
import { useProgressListener } from './use-provision-operations';

/** The query key of a pool's remote login table in one account. */
export const remoteLoginKey = (accountId: string, poolId: string) => ['remote-login:list', accountId, poolId] as const;

/** How often the table re-reads node states while visible (login settings stay cached in main). */
const pollMs = 15_000;

/**
 * The remote login table of a pool: polled while visible, updated live from provisioning progress, re-read when an
 * operation ends, and refreshed from Batch on demand (`refresh()` asks main to bypass its login-settings cache).
 */
export function useRemoteLogin(accountId: string, poolId: string) {
  const queryClient = useQueryClient();
  const [refreshing, setRefreshing] = useState(false);
  const key = remoteLoginKey(accountId, poolId);
  const query = useQuery({
    queryKey: key,
    queryFn: () => call('remote-login:list', { accountId, poolId }),
    refetchInterval: pollMs,
    meta: { silent: true },
  });
  const onProgress = useCallback(
    (progress: OperationProgress) => {
      const queryKey = remoteLoginKey(accountId, poolId);
      queryClient.setQueryData<RemoteLoginTable>(queryKey, (table) => (table ? mergeProgress(table, progress) : table));
      if (progress.state !== 'running') void queryClient.invalidateQueries({ queryKey });
    },
    [accountId, poolId, queryClient],
  );
  useProgressListener(accountId, poolId, onProgress);
  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      queryClient.setQueryData(remoteLoginKey(accountId, poolId), await call('remote-login:list', { accountId, poolId, refresh: true }));
    } finally {
      setRefreshing(false);
    }
  }, [accountId, poolId, queryClient]);
  return { ...query, refresh, refreshing };
}
