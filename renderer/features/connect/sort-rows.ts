import type { RemoteLoginRow } from '../../../contract/features/provision';

/** Columns the remote login table sorts by. */
export type SortColumn = 'nodeId' | 'state' | 'ipAddress' | 'port' | 'userStatus';

/** A sort: column and direction. */
export interface RowSort {
  column: SortColumn;
  direction: 'ascending' | 'descending';
}

/** IPv4 addresses sort by number, not text (10.0.0.9 before 10.0.0.10); anything else falls back to text. */
function ipKey(ip: string | undefined): string {
  if (!ip) return '';
  const parts = ip.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p)) ? parts.map((p) => p.padStart(3, '0')).join('.') : ip;
}

function compare(a: RemoteLoginRow, b: RemoteLoginRow, column: SortColumn, userName: string | undefined): number {
  switch (column) {
    case 'nodeId':
      return a.nodeId.localeCompare(b.nodeId, undefined, { numeric: true });
    case 'state':
      return a.state.localeCompare(b.state);
    case 'ipAddress':
      return ipKey(a.ipAddress).localeCompare(ipKey(b.ipAddress));
    case 'port':
      // Rows without a port (no endpoint, not ready) go last when ascending.
      return (a.port ?? Number.MAX_SAFE_INTEGER) - (b.port ?? Number.MAX_SAFE_INTEGER);
    case 'userStatus': {
      const sa = userName ? (a.users[userName]?.status ?? '') : '';
      const sb = userName ? (b.users[userName]?.status ?? '') : '';
      return sa.localeCompare(sb);
    }
  }
}

/** A sorted copy of the rows; ties keep node-id order so the table does not jump while it updates live. */
export function sortRows(rows: readonly RemoteLoginRow[], sort: RowSort, userName?: string): RemoteLoginRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b, sort.column, userName) || compare(a, b, 'nodeId', userName));
}
