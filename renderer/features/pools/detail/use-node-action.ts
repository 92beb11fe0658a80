import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { RequestIn } from '../../../../contract/channels';
import { call } from '../../../ipc/client';
import { cancelOperation, useOperations, useOperationsStore } from '../../operations/use-operations';
import { poolQueryKey } from '../use-pools';
import { nodesQueryKey } from './use-nodes';

/**
 * Runs bulk node actions as operations of main's registry: starting answers at once with main's operation id, progress
 * and each node's result come from `operations:progress`, and the pool's latest action (running or done) is found
 * again after a reload. Refreshes the nodes when an action ends.
 */
export function useNodeAction(accountId: string, poolId: string) {
  const client = useQueryClient();
  const latest = useOperations({ accountId, poolId, kinds: ['node-action'] }, 1)[0];
  const mutation = useMutation({
    mutationFn: async (request: Omit<RequestIn<'nodes:action'>, 'accountId' | 'poolId'>) => {
      const { operationId } = await call('nodes:action', { ...request, accountId, poolId });
      // Show it at once, before the first batched event arrives.
      useOperationsStore.getState().apply(await call('operations:get', { operationId }));
      return operationId;
    },
    meta: { silent: true },
  });
  const state = latest?.summary.state;
  const seen = useRef(state);
  useEffect(() => {
    if (seen.current === 'running' && state !== 'running') {
      void client.invalidateQueries({ queryKey: nodesQueryKey(accountId, poolId) });
      void client.invalidateQueries({ queryKey: poolQueryKey(accountId, poolId) });
    }
    seen.current = state;
  }, [state, accountId, poolId, client]);
  const cancel = () => {
    if (latest?.summary.state === 'running') void cancelOperation(latest.summary.operationId).catch(() => undefined);
  };
  return { mutation, latest, cancel, running: mutation.isPending || state === 'running' };
}
