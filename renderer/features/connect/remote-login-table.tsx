import { Badge, Button, Caption1, makeStyles, mergeClasses, Tooltip, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { NodeUserState, RemoteLoginRow } from '../../../contract/features/provision';
import { LoginAddress } from './login-address';
import { ShortId } from '../../components/short-id';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
import { sortRows, type RowSort, type SortColumn } from './sort-rows';

const columns: VirtualColumn[] = [
  { key: 'nodeId', header: 'Node id', sortable: true, grow: 1 },
  { key: 'state', header: 'State', sortable: true },
  { key: 'ipAddress', header: 'Login IP', sortable: true },
  { key: 'port', header: 'Port', sortable: true },
  { key: 'userStatus', header: 'User status', sortable: true, grow: 1 },
  { key: 'actions', header: 'Actions', min: 230 },
];

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

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
 * Node id | state | login IP | port | user status, sortable by any column, virtualized (10,000 rows stay smooth), with
 * "copy ssh command" and "connect" per row. A node without a login address says why in place of IP and port.
 */
export function RemoteLoginTable(props: { rows: RemoteLoginRow[]; userName: string | undefined; userExpired: boolean; actions: RowActions }) {
  const styles = useStyles();
  const [sort, setSort] = useState<RowSort>({ column: 'nodeId', direction: 'ascending' });
  const sorted = useMemo(() => sortRows(props.rows, sort, props.userName), [props.rows, sort, props.userName]);
  const onSort = (key: string) => {
    const column = key as SortColumn;
    setSort((s) => ({ column, direction: s.column === column && s.direction === 'ascending' ? 'descending' : 'ascending' }));
  };
  const canLogin = (row: RemoteLoginRow) =>
    row.port !== undefined && !!props.userName && !props.userExpired && row.users[props.userName]?.present === true;
  const renderCell = (index: number, column: string) => {
    const row = sorted[index] as RemoteLoginRow;
    switch (column) {
      case 'nodeId':
        return <ShortId value={row.nodeId} />;
      case 'state':
        return row.state;
      case 'ipAddress':
        if (!row.unavailable) return <LoginAddress row={row} className={styles.mono} />;
        return (
          <Tooltip content={row.unavailable.message} relationship="description">
            <Caption1 data-testid="login-unavailable" className={mergeClasses(row.unavailable.code !== 'NOT_READY' && styles.failed)}>
              {row.unavailable.code === 'NO_SSH_ENDPOINT' ? 'No SSH endpoint' : row.unavailable.code === 'NOT_READY' ? 'Not ready' : 'Unavailable'}
            </Caption1>
          </Tooltip>
        );
      case 'port':
        return row.unavailable ? '—' : <span className={styles.mono} data-testid="login-port">{row.port ?? '…'}</span>;
      case 'userStatus':
        return (
          <span data-testid="user-status">
            <UserStatus state={props.userName ? row.users[props.userName] : undefined} expired={props.userExpired} />
          </span>
        );
      case 'actions':
        return (
          <span className={styles.actions}>
            <Button size="small" disabled={!canLogin(row)} onClick={() => props.actions.copyCommand(row)}>
              Copy ssh command
            </Button>
            <Button size="small" appearance="primary" disabled={!canLogin(row)} onClick={() => props.actions.connect(row)}>
              Connect
            </Button>
          </span>
        );
      default:
        return null;
    }
  };
  return (
    <VirtualTable
      label="Remote login"
      testId="remote-login-table"
      columns={columns}
      rowCount={sorted.length}
      rowKey={(i) => (sorted[i] as RemoteLoginRow).nodeId}
      rowHeight={rowHeight}
      height={`min(480px, ${Math.max(1, sorted.length) * rowHeight + 4}px)`}
      sort={{ ...sort, onSort }}
      rowProps={(i) => ({ 'data-testid': 'remote-login-row', 'data-node-id': (sorted[i] as RemoteLoginRow).nodeId })}
      renderCell={renderCell}
    />
  );
}
