import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { RequestIn } from '../../../../contract/channels';
import { call, onEvent } from '../../../ipc/client';
import { poolQueryKey } from '../use-pools';
import { nodesQueryKey } from './use-nodes';

/** A fresh id for one bulk action (its progress events and its cancel carry it). */
function operationId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `op-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Runs bulk node actions with live progress and cancellation; refreshes the nodes when done. */
export function useNodeAction(poolId: string) {
  const client = useQueryClient();
  const [running, setRunning] = useState<string | undefined>();
  const [progress, setProgress] = useState<{ done: number; total: number; failed: number } | undefined>();
  useEffect(() => {
    if (!running) return;
    return onEvent('nodes:action-progress', (event) => {
      if (event.operationId === running) setProgress({ done: event.done, total: event.total, failed: event.failed });
    });
  }, [running]);
  const mutation = useMutation({
    mutationFn: (request: Omit<RequestIn<'nodes:action'>, 'operationId' | 'poolId'>) => {
      const id = operationId();
      setRunning(id);
      setProgress(undefined);
      return call('nodes:action', { ...request, poolId, operationId: id });
    },
    onSettled: () => {
      setRunning(undefined);
      void client.invalidateQueries({ queryKey: nodesQueryKey(poolId) });
      void client.invalidateQueries({ queryKey: poolQueryKey(poolId) });
    },
    meta: { silent: true },
  });
  const cancel = () => {
    if (running) void call('nodes:action-cancel', { operationId: running });
  };
  return { mutation, progress, cancel, running: running !== undefined };
}
