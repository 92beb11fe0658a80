import {
  Badge,
  Button,
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Tooltip,
  tokens,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { NodeUserState, RemoteLoginRow } from '../../../contract/features/provision';
import { sortRows, type RowSort, type SortColumn } from './sort-rows';

const columns: { id: SortColumn; label: string }[] = [
  { id: 'nodeId', label: 'Node id' },
  { id: 'state', label: 'State' },
  { id: 'ipAddress', label: 'IP' },
  { id: 'port', label: 'Port' },
  { id: 'userStatus', label: 'User status' },
];

const grid = { display: 'grid', gridTemplateColumns: 'minmax(220px, 2.4fr) 130px 150px 90px minmax(150px, 1.2fr) 230px', alignItems: 'center' } as const;
const rowHeight = 40;

/** What the row actions do; the panel owns the dialogs and navigation. */
export interface RowActions {
  copyCommand(row: RemoteLoginRow): void;
  connect(row: RemoteLoginRow): void;
}

const statusColor: Record<NodeUserState['status'], 'success' | 'danger' | 'warning' | 'informative' | 'subtle'> = {
  created: 'success',
  updated: 'success',
  recreated: 'success',
  failed: 'danger',
  gone: 'warning',
  retrying: 'warning',
  running: 'informative',
  pending: 'subtle',
};

/** What the cell says in words: the status, plus what the operator must know (gone, old password, admin). */
function describe(state: NodeUserState): { label: string; detail?: string } {
  if (state.status === 'gone') return { label: 'gone', detail: state.note ?? 'The user is not on this node any more.' };
  if (state.status === 'failed') {
    const still = state.present ? ' The user is still there as before.' : '';
    return { label: state.present ? 'failed (still there)' : 'failed', detail: `${state.error?.message ?? 'The last change failed.'}${still}` };
  }
  const extras = [state.isAdmin ? 'admin' : undefined, state.stalePassword ? 'old password' : undefined].filter(Boolean).join(', ');
  const detail = state.stalePassword ? 'A password change could not reach this node: it still has the previous password, which Batch Deck keeps for it.' : undefined;
  return { label: extras ? `${state.status} (${extras})` : state.status, ...(detail ? { detail } : {}) };
}

function UserStatus(props: { state: NodeUserState | undefined; expired: boolean }) {
  if (!props.state) return <Caption1>—</Caption1>;
  if (props.expired && props.state.present) {
    return (
      <Badge appearance="tint" color="warning">
        expired
      </Badge>
    );
  }
  const { label, detail } = describe(props.state);
  const color = props.state.stalePassword ? 'warning' : statusColor[props.state.status];
  const badge = (
    <Badge appearance="tint" color={color} data-status={props.state.status} data-present={String(props.state.present)}>
      {label}
    </Badge>
  );
  return detail ? (
    <Tooltip content={detail} relationship="description">
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

/**
 * Node id | state | IP | port | user status, sortable by any column, virtualized (10,000 rows stay smooth), with
 * "copy ssh command" and "connect" per row. A node without a login address says why in place of IP and port.
 */
export function RemoteLoginTable(props: { rows: RemoteLoginRow[]; userName: string | undefined; userExpired: boolean; actions: RowActions }) {
  const [sort, setSort] = useState<RowSort>({ column: 'nodeId', direction: 'ascending' });
  const sorted = useMemo(() => sortRows(props.rows, sort, props.userName), [props.rows, sort, props.userName]);
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands back functions React Compiler cannot memoize; this component does not rely on that.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: sorted.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  const toggle = (column: SortColumn) =>
    setSort((s) => ({ column, direction: s.column === column && s.direction === 'ascending' ? 'descending' : 'ascending' }));
  const canLogin = (row: RemoteLoginRow) =>
    row.port !== undefined && !!props.userName && !props.userExpired && row.users[props.userName]?.present === true;

  return (
    <Table noNativeElements sortable aria-label="Remote login" aria-rowcount={sorted.length + 1} data-testid="remote-login-table">
      <TableHeader>
        <TableRow style={grid}>
          {columns.map((c) => (
            <TableHeaderCell
              key={c.id}
              sortDirection={sort.column === c.id ? sort.direction : undefined}
              onClick={() => toggle(c.id)}
              data-testid={`sort-${c.id}`}
            >
              {c.label}
            </TableHeaderCell>
          ))}
          <TableHeaderCell>Actions</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <div ref={scroller} style={{ maxHeight: 480, overflow: 'auto', borderTop: `1px solid ${tokens.colorNeutralStroke2}` }}>
        <TableBody style={{ position: 'relative', display: 'block', height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = sorted[item.index] as RemoteLoginRow;
            return (
              <TableRow
                key={row.nodeId}
                aria-rowindex={item.index + 2}
                data-testid="remote-login-row"
                data-node-id={row.nodeId}
                style={{ ...grid, position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}
              >
                <TableCell>
                  <code style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={row.nodeId}>
                    {row.nodeId}
                  </code>
                </TableCell>
                <TableCell>{row.state}</TableCell>
                {row.unavailable ? (
                  <TableCell style={{ gridColumn: 'span 2' }} data-testid="login-unavailable">
                    <Tooltip content={row.unavailable.message} relationship="description">
                      <Caption1 style={{ color: row.unavailable.code === 'NOT_READY' ? undefined : tokens.colorPaletteRedForeground1 }}>
                        {row.unavailable.code === 'NO_SSH_ENDPOINT' ? 'No SSH endpoint' : row.unavailable.code === 'NOT_READY' ? 'Not ready' : 'Unavailable'}
                      </Caption1>
                    </Tooltip>
                  </TableCell>
                ) : (
                  <>
                    <TableCell data-testid="login-ip">{row.ipAddress ?? '…'}</TableCell>
                    <TableCell data-testid="login-port">{row.port ?? '…'}</TableCell>
                  </>
                )}
                <TableCell data-testid="user-status">
                  <UserStatus state={props.userName ? row.users[props.userName] : undefined} expired={props.userExpired} />
                </TableCell>
                <TableCell style={{ display: 'flex', gap: 4 }}>
                  <Button size="small" disabled={!canLogin(row)} onClick={() => props.actions.copyCommand(row)}>
                    Copy ssh command
                  </Button>
                  <Button size="small" appearance="primary" disabled={!canLogin(row)} onClick={() => props.actions.connect(row)}>
                    Connect
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </div>
    </Table>
  );
}
