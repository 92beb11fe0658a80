import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { FileChunk, NodeRow } from '../../../../contract/features/batch-models';
import { call, onEvent } from '../../../ipc/client';
import { whileVisible } from '../use-pools';

/** The rows the renderer holds for one pool and how fresh they are. */
export interface NodeRows {
  version: number;
  rows: NodeRow[];
  listedAt: string;
  checkedAt: string;
}

/** Query key of the node rows of one account's pool. */
export const nodesQueryKey = (accountId: string, poolId: string) => ['nodes:list', accountId, poolId] as const;

/**
 * A pool's nodes, polled every 3 s while visible. Each poll sends the version already held, so main answers
 * "unchanged" without rows unless the nodes changed; the same `rows` array is kept so nothing redraws.
 */
export function useNodes(accountId: string, poolId: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: nodesQueryKey(accountId, poolId),
    queryFn: async (): Promise<NodeRows> => {
      const held = client.getQueryData<NodeRows>(nodesQueryKey(accountId, poolId));
      const result = await call('nodes:list', { accountId, poolId, ...(held ? { knownVersion: held.version } : {}) });
      // Unchanged: hand back the very object held, so nothing that shows the nodes renders again.
      if (result.unchanged) return held ?? { version: -1, rows: [], listedAt: '', checkedAt: result.checkedAt };
      return { version: result.version, rows: result.rows, listedAt: result.listedAt, checkedAt: result.checkedAt };
    },
    refetchInterval: whileVisible(3000),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    // Deep-comparing 10,000 rows on every poll would cost more than the poll; versions already say what changed.
    structuralSharing: false,
    meta: { silent: true },
  });
}

/** Nodes listed so far while main pages through a big pool (undefined when not listing). */
export function useNodeListProgress(accountId: string, poolId: string, listing: boolean): number | undefined {
  const [loaded, setLoaded] = useState<number | undefined>();
  useEffect(() => {
    if (!listing) return;
    return onEvent('nodes:list-progress', (event) => {
      if (event.accountId === accountId && event.poolId === poolId) setLoaded(event.loaded);
    });
  }, [accountId, poolId, listing]);
  return listing ? loaded : undefined;
}

/** Reads ranges of one node file of the account's pool (`nodes:file-read`): the tail, or from a byte onward. */
export function useNodeFileReader(accountId: string, poolId: string, nodeId: string, path: string) {
  return useCallback(
    (request: { fromByte?: number; maxBytes: number; tail: boolean }): Promise<FileChunk> =>
      call('nodes:file-read', { accountId, poolId, nodeId, path, ...request }),
    [accountId, poolId, nodeId, path],
  );
}
