import type { OperationItem, OperationProgress } from '../../../contract/features/operations';
import type { NodeUserState, NodeUserStatus, RemoteLoginTable } from '../../../contract/features/provision';

/** What one item of a provisioning operation means for the node's user, given what the table said before. */
function stateAfter(kind: OperationProgress['kind'], item: OperationItem, before: NodeUserState | undefined): NodeUserState | undefined {
  const present = before?.present ?? false;
  switch (item.status) {
    case 'succeeded':
      return kind === 'provision-remove' ? undefined : { status: (item.outcome ?? 'updated') as NodeUserStatus, present: true };
    case 'failed':
      return { ...before, status: 'failed', present, ...(item.error ? { error: item.error } : {}) };
    case 'cancelled':
      return before;
    case 'pending':
    case 'running':
    case 'retrying':
      return { ...before, status: item.status, present };
  }
}

/** Writes the items of a provisioning progress event into the table's user status, so rows change as nodes finish. */
export function mergeProgress(table: RemoteLoginTable, progress: OperationProgress): RemoteLoginTable {
  if (progress.items.length === 0) return table;
  const byNode = new Map(progress.items.map((item) => [item.id, item]));
  const user = progress.subject;
  const rows = table.rows.map((row) => {
    const item = byNode.get(row.nodeId);
    if (!item) return row;
    const users = { ...row.users };
    const next = stateAfter(progress.kind, item, users[user]);
    if (next) users[user] = next;
    else delete users[user];
    return { ...row, users };
  });
  return { ...table, rows };
}
