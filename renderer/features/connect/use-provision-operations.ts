import { useEffect } from 'react';
import { create } from 'zustand';
import type { NodeProgress, OperationSummary, ProvisionProgress } from '../../../contract/features/provision';
import { call, onEvent } from '../../ipc/client';

/** One operation as the renderer keeps it: the latest summary plus every node reported so far. */
export interface TrackedOperation {
  summary: OperationSummary;
  nodes: Record<string, NodeProgress>;
}

interface OperationsState {
  operations: Record<string, TrackedOperation>;
  /** Merges a batched progress event (or a full snapshot) into the store. */
  apply(progress: ProvisionProgress): void;
}

/** The provisioning operations this renderer has seen, fed by `provision:progress` events. */
export const useOperationsStore = create<OperationsState>((set) => ({
  operations: {},
  apply: (progress) =>
    set((state) => {
      const { nodes, ...summary } = progress;
      const known = state.operations[summary.operationId];
      // Events can arrive out of order with a snapshot fetched after a reload: never let a running summary
      // overwrite a finished one.
      const keepSummary = known && known.summary.state !== 'running' && summary.state === 'running';
      const merged = { ...(known?.nodes ?? {}) };
      for (const node of nodes) merged[node.nodeId] = node;
      return {
        operations: { ...state.operations, [summary.operationId]: { summary: keepSummary ? known.summary : summary, nodes: merged } },
      };
    }),
}));

let subscribed = false;

/** Subscribes the store to progress events once per renderer; listeners get every event too. */
function ensureSubscribed(): void {
  if (subscribed) return;
  subscribed = true;
  onEvent('provision:progress', (progress) => useOperationsStore.getState().apply(progress));
}

/**
 * The operations of one pool, newest first. On mount it asks main for this session's operations of the pool and
 * fetches running ones in full, so progress survives a renderer reload.
 */
export function usePoolOperations(poolId: string): TrackedOperation[] {
  const operations = useOperationsStore((s) => s.operations);
  useEffect(() => {
    ensureSubscribed();
    let cancelled = false;
    void (async () => {
      const summaries = await call('provision:operations', { poolId }).catch(() => []);
      for (const summary of summaries.slice(0, 5)) {
        if (cancelled) return;
        const full = await call('provision:operation', { operationId: summary.operationId }).catch(() => undefined);
        if (full && !cancelled) useOperationsStore.getState().apply(full);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [poolId]);
  return Object.values(operations)
    .filter((op) => op.summary.poolId === poolId)
    .sort((a, b) => b.summary.startedAt.localeCompare(a.summary.startedAt));
}

/** Calls `listener` for every progress event of one pool (the table uses it to update user status live). */
export function useProgressListener(poolId: string, listener: (progress: ProvisionProgress) => void): void {
  useEffect(() => {
    ensureSubscribed();
    return onEvent('provision:progress', (progress) => {
      if (progress.poolId === poolId) listener(progress);
    });
  }, [poolId, listener]);
}
