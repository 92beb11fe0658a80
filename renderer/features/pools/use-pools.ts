import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestIn } from '../../../contract/channels';
import { call, ContractCallError } from '../../ipc/client';
import { isChanging } from './node-state-style';

/** Query key of the pools list. */
export const poolsQueryKey = ['pools:list'] as const;
/** Query key of one pool. */
export const poolQueryKey = (poolId: string) => ['pools:get', poolId] as const;

/** A polling interval that stops while the window is hidden (TanStack also skips background refetches). */
export function whileVisible(ms: number): () => number | false {
  return () => (typeof document !== 'undefined' && document.hidden ? false : ms);
}

/** Retries for about half a minute while no account is ready yet (the Local sandbox is still starting). */
export const retryWhileNoAccount = {
  retry: (failures: number, error: Error) => error instanceof ContractCallError && error.code === 'NO_ACCOUNT' && failures < 30,
  retryDelay: 1000,
};

/** Every pool with node counts by state; refreshed every 5 s while the window is visible. */
export function usePools() {
  return useQuery({
    queryKey: poolsQueryKey,
    queryFn: () => call('pools:list', {}),
    ...retryWhileNoAccount,
    refetchInterval: whileVisible(5000),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}

/** One pool; refreshed every 2 s while it changes (resizing, nodes arriving), every 10 s otherwise. */
export function usePool(poolId: string) {
  return useQuery({
    queryKey: poolQueryKey(poolId),
    queryFn: () => call('pools:get', { poolId }),
    refetchInterval: (query) => whileVisible(isChanging(query.state.data) ? 2000 : 10_000)(),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    meta: { silent: true },
  });
}

/** Resize, stop resize and delete; each refreshes the list and the pool after it is accepted. */
export function usePoolActions() {
  const client = useQueryClient();
  const refresh = (poolId: string) => {
    void client.invalidateQueries({ queryKey: poolsQueryKey });
    void client.invalidateQueries({ queryKey: poolQueryKey(poolId) });
  };
  const resize = useMutation({
    mutationFn: (request: RequestIn<'pools:resize'>) => call('pools:resize', request),
    onSuccess: ({ poolId }) => refresh(poolId),
    meta: { silent: true },
  });
  const stopResize = useMutation({
    mutationFn: (poolId: string) => call('pools:stop-resize', { poolId }),
    onSuccess: ({ poolId }) => refresh(poolId),
  });
  const remove = useMutation({
    mutationFn: (request: RequestIn<'pools:delete'>) => call('pools:delete', request),
    onSuccess: ({ poolId }) => refresh(poolId),
    meta: { silent: true },
  });
  return { resize, stopResize, remove };
}

/** A pool read once (to copy its settings into a new draft); disabled without an id. */
export function usePoolSnapshot(poolId: string | undefined) {
  return useQuery({
    queryKey: ['pools:get', 'snapshot', poolId ?? ''],
    queryFn: () => call('pools:get', { poolId: poolId as string }),
    enabled: Boolean(poolId),
    staleTime: Infinity,
  });
}

/** Creates a pool; service errors stay with the form (code, message and the property the service named). */
export function useCreatePool(onCreated: (poolId: string, spec: RequestIn<'pools:create'>['spec']) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (spec: RequestIn<'pools:create'>['spec']) => call('pools:create', { spec }),
    meta: { silent: true },
    onSuccess: ({ poolId }, spec) => {
      void client.invalidateQueries({ queryKey: poolsQueryKey });
      onCreated(poolId, spec);
    },
  });
}
