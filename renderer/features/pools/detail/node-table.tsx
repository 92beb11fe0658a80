import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useMemo, type ReactNode } from 'react';
import { nodeColumn, type NodeRow } from '../../../../contract/features/batch-models';
import { ShortId } from '../../../components/short-id';
import { VirtualTable, type VirtualColumn } from '../../../components/virtual-table';
import { stateBackground, stateLabel, useStateBackgrounds } from '../node-state-style';
import { rangeIds, useNodeSelection } from './node-selection';

const columns: VirtualColumn[] = [
  { key: 'select', header: '', min: 36 },
  { key: 'id', header: 'Node', grow: 1 },
  { key: 'state', header: 'State', grow: 1 },
  { key: 'scheduling', header: 'Scheduling' },
  { key: 'login', header: 'Login address' },
  { key: 'ip', header: 'Private IP' },
  { key: 'exit', header: 'Start task exit' },
  { key: 'kind', header: 'Type' },
  { key: 'output', header: '' },
];

const useStyles = makeStyles({
  linkButton: {
    background: 'none',
    border: 'none',
    padding: 0,
    color: tokens.colorBrandForegroundLink,
    cursor: 'pointer',
    font: 'inherit',
    textDecoration: 'underline',
  },
  swatch: { display: 'inline-block', width: '10px', height: '10px', borderRadius: tokens.borderRadiusSmall, marginRight: tokens.spacingHorizontalSNudge },
  empty: { padding: tokens.spacingHorizontalL },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  rowLinks: { display: 'inline-flex', gap: tokens.spacingHorizontalM },
});

/** `host:port` a user can log in at, or undefined when the node has no SSH endpoint. */
function loginAddress(row: NodeRow): string | undefined {
  const port = row[nodeColumn.sshPort];
  const host = row[nodeColumn.sshHost];
  return port && host ? `${host}:${port}` : undefined;
}

/** The nodes as a virtualized table; row clicks select like the heat map (Ctrl/⌘ toggles, Shift extends). */
export function NodeTable(props: {
  rows: NodeRow[];
  onShowOutput: (nodeId: string) => void;
  onShowFiles?: (nodeId: string) => void;
  onForwardPort?: (nodeId: string) => void;
  /** More actions at the end of a row (e.g. a shell in the task it runs), styled with `linkClass` like the others. */
  rowAction?: (row: NodeRow, linkClass: string) => ReactNode;
  /** A row to bring into view (a node a link opened the pool on). */
  scrollToId?: string;
}) {
  const { rows } = props;
  const styles = useStyles();
  const backgrounds = useStateBackgrounds();
  const ids = useMemo(() => rows.map((r) => r[nodeColumn.id]), [rows]);
  const { selected, anchor, select } = useNodeSelection();
  const onRowClick = (index: number, event: React.MouseEvent) => {
    if ((event.target as HTMLElement).closest('button, input, label')) return;
    if (event.shiftKey && anchor !== undefined) select(rangeIds(ids, anchor, index), 'add');
    else select([ids[index] as string], event.ctrlKey || event.metaKey ? 'toggle' : 'replace', index);
  };
  return (
    <VirtualTable
      label="Nodes"
      testId="nodes-table"
      columns={columns}
      rowCount={rows.length}
      rowKey={(i) => ids[i] as string}
      height="max(320px, calc(100vh - 560px))"
      scrollToIndex={props.scrollToId === undefined ? undefined : ids.indexOf(props.scrollToId)}
      isSelected={(i) => selected.has(ids[i] as string)}
      onRowClick={onRowClick}
      empty={<p className={styles.empty}>No nodes yet.</p>}
      renderCell={(i, column) => {
        const row = rows[i] as NodeRow;
        const id = row[nodeColumn.id];
        switch (column) {
          case 'select':
            // Native controls: a Fluent Checkbox and Button per row cost more than the rest of the row when scrolling fast.
            return <input type="checkbox" checked={selected.has(id)} onChange={() => select([id], 'toggle', i)} aria-label={`Select ${id}`} />;
          case 'id':
            return <ShortId value={id} />;
          case 'state':
            return (
              <span>
                <span aria-hidden className={mergeClasses(styles.swatch, stateBackground(backgrounds, row[nodeColumn.state]))} />
                {stateLabel(row[nodeColumn.state])}
              </span>
            );
          case 'scheduling':
            return row[nodeColumn.scheduling];
          case 'login':
            return <span className={styles.mono} title="Log in here with ssh (public address and NAT port)">{loginAddress(row) ?? '—'}</span>;
          case 'ip':
            return <span className={styles.mono} title="Inside the pool's virtual network only">{row[nodeColumn.ip] || '—'}</span>;
          case 'exit':
            return row[nodeColumn.exitCode] ?? '—';
          case 'kind':
            return row[nodeColumn.dedicated] ? 'dedicated' : 'spot';
          case 'output':
            return (
              <span className={styles.rowLinks}>
                <button type="button" className={styles.linkButton} onClick={() => props.onShowOutput(id)} aria-label={`Start task output of ${id}`}>
                  Output
                </button>
                {props.onShowFiles && (
                  <button type="button" className={styles.linkButton} onClick={() => props.onShowFiles?.(id)} aria-label={`Files of ${id}`}>
                    Files
                  </button>
                )}
                {props.onForwardPort && loginAddress(row) && (
                  <button type="button" className={styles.linkButton} onClick={() => props.onForwardPort?.(id)} aria-label={`Forward a port from ${id}`}>
                    Forward a port
                  </button>
                )}
                {props.rowAction?.(row, styles.linkButton)}
              </span>
            );
          default:
            return null;
        }
      }}
    />
  );
}
