import { makeStyles, tokens } from '@fluentui/react-components';
import { useRef } from 'react';
import type { TaskRow } from '../../../contract/features/jobs';
import { ShortId } from '../../components/short-id';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
import { nextSort, taskSortKeys, type TaskSort, type TaskSortKey } from './task-sort';
import { useRowsInView } from './use-visible-range';

const columns: VirtualColumn[] = [
  { key: 'select', header: '', min: 36 },
  { key: 'id', header: 'Task', grow: 1, sortable: true },
  { key: 'state', header: 'State', sortable: true },
  { key: 'exitCode', header: 'Exit code', sortable: true },
  { key: 'result', header: 'Result' },
  { key: 'retryCount', header: 'Retries' },
  { key: 'nodeId', header: 'Node', max: 200 },
  { key: 'endTime', header: 'Ended', sortable: true },
  { key: 'commandLine', header: 'Command line', grow: 2, max: 600 },
];
const rowHeight = 32;
/** Load the next page when the view comes this close to the last loaded row. */
const prefetchRows = 60;

const useStyles = makeStyles({
  linkButton: { background: 'none', border: 'none', padding: 0, color: tokens.colorBrandForegroundLink, cursor: 'pointer', font: 'inherit', textDecoration: 'underline' },
  failed: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  empty: { padding: tokens.spacingHorizontalL },
  box: { minWidth: 0 },
});

/** Time of day (date too when not today), for the "Ended" column. */
function shortTime(at: string | undefined): string {
  if (!at) return '—';
  const date = new Date(at);
  return date.toDateString() === new Date().toDateString() ? date.toLocaleTimeString() : date.toLocaleString();
}

/** Props of {@link TaskTable}. */
export interface TaskTableProps {
  rows: readonly TaskRow[];
  selected: ReadonlySet<string>;
  onToggle(taskId: string): void;
  onOpen(taskId: string): void;
  openTaskId?: string;
  sort: TaskSort | undefined;
  onSort(sort: TaskSort | undefined): void;
  /** Called as the user scrolls near the last loaded row. */
  onNearEnd(): void;
  empty: string;
}

/** The loaded tasks, virtualized; checkboxes select, the id opens the task; nearing the end asks for the next page. */
export function TaskTable(props: TaskTableProps) {
  const { rows, selected } = props;
  const styles = useStyles();
  const box = useRef<HTMLDivElement>(null);
  const { onNearEnd } = props;
  useRowsInView(box, 'tasks-table-scroll', rowHeight, rows.length, (range) => {
    if (range.last >= 0 && range.last >= rows.length - prefetchRows) onNearEnd();
  });
  const onSort = (key: string) => {
    if ((taskSortKeys as readonly string[]).includes(key)) props.onSort(nextSort(props.sort, key as TaskSortKey));
  };
  return (
    <div ref={box} className={styles.box}>
      <VirtualTable
        label="Tasks"
        testId="tasks-table"
        columns={columns}
        rowCount={rows.length}
        rowKey={(i) => (rows[i] as TaskRow).id}
        rowHeight={rowHeight}
        height="max(300px, calc(100vh - 400px))"
        isSelected={(i) => selected.has((rows[i] as TaskRow).id) || (rows[i] as TaskRow).id === props.openTaskId}
        rowProps={(i) => ({ 'data-task-id': (rows[i] as TaskRow).id })}
        sort={props.sort ? { column: props.sort.key, direction: props.sort.direction, onSort } : { column: '', direction: 'ascending', onSort }}
        empty={<p className={styles.empty}>{props.empty}</p>}
        renderCell={(i, column) => {
          const task = rows[i] as TaskRow;
          switch (column) {
            case 'select':
              return <input type="checkbox" checked={selected.has(task.id)} onChange={() => props.onToggle(task.id)} aria-label={`Select ${task.id}`} />;
            case 'id':
              return (
                <button type="button" className={styles.linkButton} onClick={() => props.onOpen(task.id)} aria-label={`Open task ${task.id}`}>
                  <ShortId value={task.id} head={24} tail={12} />
                </button>
              );
            case 'state':
              return task.state ?? '—';
            case 'exitCode':
              return <span className={task.exitCode ? styles.failed : undefined}>{task.exitCode ?? '—'}</span>;
            case 'result':
              return <span className={task.result === 'failure' ? styles.failed : undefined}>{task.result ?? '—'}</span>;
            case 'retryCount':
              return task.retryCount ?? 0;
            case 'nodeId':
              return task.nodeId ? <ShortId value={task.nodeId} /> : '—';
            case 'endTime':
              return <span title={task.endTime}>{shortTime(task.endTime)}</span>;
            case 'commandLine':
              return <span className={styles.mono} title={task.commandLine}>{task.commandLine ?? ''}</span>;
            default:
              return null;
          }
        }}
      />
    </div>
  );
}
