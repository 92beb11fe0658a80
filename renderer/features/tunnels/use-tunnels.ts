import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { TunnelInfo } from '../../../contract/features/tunnels';
import { call, onEvent } from '../../ipc/client';

/** The query key of the app's port forwards (main holds them for every account; each names its own). */
export const tunnelsKey = ['tunnels:list'] as const;

/** Every port forward of this app run, kept live by `tunnels:changed` (bytes, connections, ended). */
export function useTunnels(): TunnelInfo[] {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: tunnelsKey, queryFn: () => call('tunnels:list', {}), meta: { silent: true } });
  useEffect(() => onEvent('tunnels:changed', ({ tunnels }) => queryClient.setQueryData(tunnelsKey, tunnels)), [queryClient]);
  return query.data ?? [];
}

/** Opens a forward's local address: Electron's main opens the OS browser; the web host's page opens a new tab. */
export async function openTunnelInBrowser(tunnelId: string): Promise<void> {
  const { openedByHost, localUrl } = await call('tunnels:open-browser', { tunnelId });
  if (!openedByHost) window.open(localUrl, '_blank', 'noopener,noreferrer');
}
