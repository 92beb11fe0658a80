import { useQuery } from '@tanstack/react-query';
import { call } from '../../ipc/client';

/**
 * How many live terminal sessions (in any window) are open to nodes of a pool, asked from main when needed: pages
 * that warn before removing nodes cannot rely on the Terminals page having been opened in this window.
 */
export function usePoolSessionCount(accountId: string, poolId: string, enabled: boolean): number {
  const sessions = useQuery({
    queryKey: ['term:list', 'no-screens'],
    queryFn: () => call('term:list', { screens: false }),
    enabled,
    meta: { silent: true },
  });
  return (sessions.data ?? []).filter((s) => s.node?.poolId === poolId && s.node.accountId === accountId && s.status.state !== 'exited').length;
}
