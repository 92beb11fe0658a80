import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { OperationItem, OperationKind, OperationProgress, OperationSummary } from '../../../contract/features/operations';
import { call, onEvent } from '../../ipc/client';

/** One operation as the renderer keeps it: the latest summary plus every item reported so far. */
export interface TrackedOperation {
  summary: OperationSummary;
  items: Record<string, OperationItem>;
}

interface OperationsState {
  operations: Record<string, TrackedOperation>;
  /** Merges a batched progress event (or a full snapshot) into the store. */
  apply(progress: OperationProgress): void;
}

/** Every long operation this renderer has seen (provisioning, node actions, …), fed by `operations:progress`. */
export const useOperationsStore = create<OperationsState>((set) => ({
  operations: {},
  apply: (progress) =>
    set((state) => {
      const { items, ...summary } = progress;
      const known = state.operations[summary.operationId];
      // A snapshot fetched after a reload can arrive after newer events: never let a running summary replace an ended one.
      const keepSummary = known && known.summary.state !== 'running' && summary.state === 'running';
      const merged = { ...(known?.items ?? {}) };
      for (const item of items) merged[item.id] = item;
      return { operations: { ...state.operations, [summary.operationId]: { summary: keepSummary ? known.summary : summary, items: merged } } };
    }),
}));

let subscribed = false;

/** Subscribes the store to progress events once per renderer. */
function ensureSubscribed(): void {
  if (subscribed) return;
  subscribed = true;
  onEvent('operations:progress', (progress) => useOperationsStore.getState().apply(progress));
}

/** Which operations a view follows: always one account; optionally some kinds and one pool. */
export interface OperationFilter {
  accountId: string;
  kinds: readonly OperationKind[];
  poolId?: string;
}

function matches(summary: OperationSummary, filter: OperationFilter): boolean {
  return summary.accountId === filter.accountId && filter.kinds.includes(summary.kind) && (filter.poolId === undefined || summary.poolId === filter.poolId);
}

/**
 * The operations that match, newest first. On mount it asks main for this session's operations and fetches the
 * newest ones in full, so progress and results survive a reload of the window.
 */
export function useOperations(filter: OperationFilter, reattach = 5): TrackedOperation[] {
  const operations = useOperationsStore((s) => s.operations);
  const { accountId, poolId } = filter;
  const kindsKey = filter.kinds.join(',');
  useEffect(() => {
    ensureSubscribed();
    let cancelled = false;
    const kinds = kindsKey.split(',') as OperationKind[];
    void (async () => {
      const summaries = await call('operations:list', { accountId, ...(poolId ? { poolId } : {}) }).catch(() => []);
      for (const summary of summaries.filter((s) => kinds.includes(s.kind)).slice(0, reattach)) {
        if (cancelled) return;
        const full = await call('operations:get', { operationId: summary.operationId }).catch(() => undefined);
        if (full && !cancelled) useOperationsStore.getState().apply(full);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [accountId, poolId, kindsKey, reattach]);
  return useMemo(
    () =>
      Object.values(operations)
        .filter((op) => matches(op.summary, { accountId, poolId, kinds: kindsKey.split(',') as OperationKind[] }))
        .sort((a, b) => b.summary.startedAt.localeCompare(a.summary.startedAt)),
    [operations, accountId, poolId, kindsKey],
  );
}

/** Calls `listener` for every progress event that matches (e.g. the table updates user status live). */
export function useOperationProgress(filter: OperationFilter, listener: (progress: OperationProgress) => void): void {
  const { accountId, poolId } = filter;
  const kindsKey = filter.kinds.join(',');
  useEffect(() => {
    ensureSubscribed();
    const kinds = kindsKey.split(',') as OperationKind[];
    return onEvent('operations:progress', (progress) => {
      if (matches(progress, { accountId, poolId, kinds })) listener(progress);
    });
  }, [accountId, poolId, kindsKey, listener]);
}

/** Asks main to stop an operation; resolves whether it was still running. */
export async function cancelOperation(operationId: string): Promise<boolean> {
  return (await call('operations:cancel', { operationId })).cancelled;
}

/** Items that ended in each terminal status, for bars and counters. */
export function doneCount(summary: OperationSummary): number {
  return summary.counts.succeeded + summary.counts.failed + summary.counts.cancelled;
}
