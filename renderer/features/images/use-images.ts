import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../ipc/client';
import { retryWhileNoAccount } from '../pools/use-pools';

/** Query key of the active account's supported images. */
export const imagesQueryKey = ['images:list'] as const;

/** The supported images, as main cached them for the active account (listed once, refreshed on demand). */
export function useImages() {
  return useQuery({ queryKey: imagesQueryKey, queryFn: () => call('images:list', { refresh: false }), staleTime: Infinity, ...retryWhileNoAccount });
}

/** Lists the images again from the service and replaces the cache. */
export function useRefreshImages() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('images:list', { refresh: true }),
    onSuccess: (result) => client.setQueryData(imagesQueryKey, result),
  });
}
