import type { ProvisionProgress, RemoteLoginTable } from '../../../contract/features/provision';

/** Writes the nodes of a progress event into the table's user status, so rows change as nodes finish. */
export function mergeProgress(table: RemoteLoginTable, progress: ProvisionProgress): RemoteLoginTable {
  if (progress.nodes.length === 0) return table;
  const byNode = new Map(progress.nodes.map((n) => [n.nodeId, n]));
  const rows = table.rows.map((row) => {
    const node = byNode.get(row.nodeId);
    if (!node) return row;
    const users = { ...row.users };
    if (progress.kind === 'remove' && (node.status === 'removed' || node.status === 'notPresent')) delete users[progress.userName];
    else if (progress.kind === 'apply' || node.status !== 'cancelled') {
      users[progress.userName] = node.error ? { status: node.status, error: node.error } : { status: node.status };
    }
    return { ...row, users };
  });
  return { ...table, rows };
}
