import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../ipc/client';
import { retryWhileNoAccount } from '../pools/use-pools';

/** Query key of one account's supported images. */
export const imagesQueryKey = (accountId: string) => ['images:list', accountId] as const;

/** The account's supported images, as main cached them (listed once, refreshed on demand). */
export function useImages(accountId: string) {
  return useQuery({
    queryKey: imagesQueryKey(accountId),
    queryFn: () => call('images:list', { accountId, refresh: false }),
    staleTime: Infinity,
    ...retryWhileNoAccount,
  });
}

/** Lists the account's images again from the service and replaces the cache. */
export function useRefreshImages(accountId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('images:list', { accountId, refresh: true }),
    onSuccess: (result) => client.setQueryData(imagesQueryKey(accountId), result),
  });
}
