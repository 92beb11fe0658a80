import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestIn } from '../../../contract/channels';
import { call, ContractCallError } from '../../ipc/client';
import { isChanging } from './node-state-style';

/** Query key of one account's pools list. */
export const poolsQueryKey = (accountId: string) => ['pools:list', accountId] as const;
/** Query key of one pool of one account (two accounts may both have a pool `render`). */
export const poolQueryKey = (accountId: string, poolId: string) => ['pools:get', accountId, poolId] as const;

/** A polling interval that stops while the window is hidden (TanStack also skips background refetches). */
export function whileVisible(ms: number): () => number | false {
  return () => (typeof document !== 'undefined' && document.hidden ? false : ms);
}

/** Retries for about half a minute while no account is ready yet (the Local sandbox is still starting). */
export const retryWhileNoAccount = {
  retry: (failures: number, error: Error) => error instanceof ContractCallError && error.code === 'NO_ACCOUNT' && failures < 30,
  retryDelay: 1000,
};

/** Every pool of the account with node counts by state; refreshed every 5 s while the window is visible. */
export function usePools(accountId: string) {
  return useQuery({
    queryKey: poolsQueryKey(accountId),
    queryFn: () => call('pools:list', { accountId }),
    ...retryWhileNoAccount,
    refetchInterval: whileVisible(5000),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}

/** One pool of the account; refreshed every 2 s while it changes (resizing, nodes arriving), every 10 s otherwise. */
export function usePool(accountId: string, poolId: string) {
  return useQuery({
    queryKey: poolQueryKey(accountId, poolId),
    queryFn: () => call('pools:get', { accountId, poolId }),
    refetchInterval: (query) => whileVisible(isChanging(query.state.data) ? 2000 : 10_000)(),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    meta: { silent: true },
  });
}

/**
 * Resize, stop resize and delete of the account's pools (the account the pool on screen came from, whatever this or
 * another window switched to since); each refreshes the list and the pool after it is accepted.
 */
export function usePoolActions(accountId: string) {
  const client = useQueryClient();
  const refresh = (poolId: string) => {
    void client.invalidateQueries({ queryKey: poolsQueryKey(accountId) });
    void client.invalidateQueries({ queryKey: poolQueryKey(accountId, poolId) });
  };
  const resize = useMutation({
    mutationFn: (request: Omit<RequestIn<'pools:resize'>, 'accountId'>) => call('pools:resize', { ...request, accountId }),
    onSuccess: ({ poolId }) => refresh(poolId),
    meta: { silent: true },
  });
  const stopResize = useMutation({
    mutationFn: (poolId: string) => call('pools:stop-resize', { accountId, poolId }),
    onSuccess: ({ poolId }) => refresh(poolId),
  });
  const remove = useMutation({
    mutationFn: (request: Omit<RequestIn<'pools:delete'>, 'accountId'>) => call('pools:delete', { ...request, accountId }),
    onSuccess: ({ poolId }) => refresh(poolId),
    meta: { silent: true },
  });
  return { resize, stopResize, remove };
}

/** A pool of the account read once (to copy its settings into a new draft); disabled without an id. */
export function usePoolSnapshot(accountId: string, poolId: string | undefined) {
  return useQuery({
    queryKey: ['pools:get', 'snapshot', accountId, poolId ?? ''],
    queryFn: () => call('pools:get', { accountId, poolId: poolId as string }),
    enabled: Boolean(poolId),
    staleTime: Infinity,
  });
}

/** Creates a pool in the account; service errors stay with the form (code, message and the property the service named). */
export function useCreatePool(accountId: string, onCreated: (poolId: string, spec: RequestIn<'pools:create'>['spec']) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (spec: RequestIn<'pools:create'>['spec']) => call('pools:create', { accountId, spec }),
    meta: { silent: true },
    onSuccess: ({ poolId }, spec) => {
      void client.invalidateQueries({ queryKey: poolsQueryKey(accountId) });
      onCreated(poolId, spec);
    },
  });
}
