import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ProvisionProgress, RemoteLoginTable } from '../../../contract/features/provision';
import { call } from '../../ipc/client';
import { mergeProgress } from './merge-progress';
import { useProgressListener } from './use-provision-operations';

/** The query key of a pool's remote login table. */
export const remoteLoginKey = (poolId: string) => ['remote-login:list', poolId] as const;

/** How often the table re-reads node states while visible (login settings stay cached in main). */
const pollMs = 15_000;

/**
 * The remote login table of a pool: polled while visible, updated live from provisioning progress, re-read when an
 * operation ends, and refreshed from Batch on demand (`refresh()` asks main to bypass its login-settings cache).
 */
export function useRemoteLogin(poolId: string) {
  const queryClient = useQueryClient();
  const [refreshing, setRefreshing] = useState(false);
  const query = useQuery({
    queryKey: remoteLoginKey(poolId),
    queryFn: () => call('remote-login:list', { poolId }),
    refetchInterval: pollMs,
    meta: { silent: true },
  });
  const onProgress = useCallback(
    (progress: ProvisionProgress) => {
      queryClient.setQueryData<RemoteLoginTable>(remoteLoginKey(poolId), (table) => (table ? mergeProgress(table, progress) : table));
      if (progress.state !== 'running') void queryClient.invalidateQueries({ queryKey: remoteLoginKey(poolId) });
    },
    [poolId, queryClient],
  );
  useProgressListener(poolId, onProgress);
  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      queryClient.setQueryData(remoteLoginKey(poolId), await call('remote-login:list', { poolId, refresh: true }));
    } finally {
      setRefreshing(false);
    }
  }, [poolId, queryClient]);
  return { ...query, refresh, refreshing };
}
