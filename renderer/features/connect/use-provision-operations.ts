import type { OperationKind, OperationProgress } from '../../../contract/features/operations';
import { useOperationProgress, useOperations, type TrackedOperation } from '../operations/use-operations';

/** The operation kinds of the connect feature. */
export const provisionKinds: readonly OperationKind[] = ['provision-apply', 'provision-remove'];

/** The provisioning operations of one pool of one account, newest first; reattached after a reload. */
export function usePoolOperations(accountId: string, poolId: string): TrackedOperation[] {
  return useOperations({ accountId, poolId, kinds: provisionKinds });
}

/** Calls `listener` for every provisioning progress event of one pool (the table uses it to update user status live). */
export function useProgressListener(accountId: string, poolId: string, listener: (progress: OperationProgress) => void): void {
  useOperationProgress({ accountId, poolId, kinds: provisionKinds }, listener);
}
