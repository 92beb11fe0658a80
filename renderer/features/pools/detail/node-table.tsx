import { tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { nodeColumn, type NodeRow } from '../../../../contract/features/batch-models';
import { VirtualTable, type VirtualColumn } from '../../../components/virtual-table';
import { stateColor, stateLabel } from '../node-state-style';
import { rangeIds, useNodeSelection } from './node-selection';

const columns: VirtualColumn[] = [
  { key: 'select', header: '', width: '36px' },
  { key: 'id', header: 'Node', width: 'minmax(200px, 3fr)' },
  { key: 'state', header: 'State', width: 'minmax(150px, 1.2fr)' },
  { key: 'scheduling', header: 'Scheduling', width: '100px' },
  { key: 'ip', header: 'IP address', width: '120px' },
  { key: 'ssh', header: 'SSH port', width: '80px' },
  { key: 'exit', header: 'Start task exit', width: '110px' },
  { key: 'kind', header: 'Type', width: '80px' },
  { key: 'output', header: '', width: '90px' },
];

const linkButton: React.CSSProperties = {
  background: 'none',
  border: 'none',
  padding: 0,
  color: tokens.colorBrandForegroundLink,
  cursor: 'pointer',
  font: 'inherit',
  textDecoration: 'underline',
};

/** The nodes as a virtualized table; row clicks select like the heat map (Ctrl/⌘ toggles, Shift extends). */
export function NodeTable(props: { rows: NodeRow[]; onShowOutput: (nodeId: string) => void }) {
  const { rows } = props;
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
      isSelected={(i) => selected.has(ids[i] as string)}
      onRowClick={onRowClick}
      empty={<p style={{ padding: 16 }}>No nodes yet.</p>}
      renderCell={(i, column) => {
        const row = rows[i] as NodeRow;
        const id = row[nodeColumn.id];
        switch (column) {
          case 'select':
            // Native controls: a Fluent Checkbox and Button per row cost more than the rest of the row when scrolling fast.
            return <input type="checkbox" checked={selected.has(id)} onChange={() => select([id], 'toggle', i)} aria-label={`Select ${id}`} />;
          case 'id':
            return <code title={id}>{id}</code>;
          case 'state':
            return (
              <span>
                <span aria-hidden style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, marginRight: 6, background: stateColor(row[nodeColumn.state]) }} />
                {stateLabel(row[nodeColumn.state])}
              </span>
            );
          case 'scheduling':
            return row[nodeColumn.scheduling];
          case 'ip':
            return row[nodeColumn.ip] || '—';
          case 'ssh':
            return row[nodeColumn.sshPort] || '—';
          case 'exit':
            return row[nodeColumn.exitCode] ?? '—';
          case 'kind':
            return row[nodeColumn.dedicated] ? 'dedicated' : 'spot';
          case 'output':
            return (
              <button type="button" style={linkButton} onClick={() => props.onShowOutput(id)} aria-label={`Start task output of ${id}`}>
                Output
              </button>
            );
          default:
            return null;
        }
      }}
    />
  );
}
