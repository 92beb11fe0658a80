import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestIn } from '../../../contract/channels';
import { call } from '../../ipc/client';

/** The user's settings, shared by every feature that reads one (terminal font, operator address, …). */
export function useSettings() {
  return useQuery({ queryKey: ['settings'], queryFn: () => call('settings:get', {}), staleTime: Infinity });
}

/** Saves a partial settings change; the cache is replaced with what main stored. */
export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: RequestIn<'settings:update'>) => call('settings:update', patch),
    onSuccess: (settings) => client.setQueryData(['settings'], settings),
    meta: { silent: true },
  });
}
