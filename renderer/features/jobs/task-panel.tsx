import { Button, Caption1, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useCallback, useMemo, useState } from 'react';
import type { TaskCounts } from '../../../contract/features/jobs';
import type { TaskFilter } from '../../../contract/features/tasks';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { ContractCallError } from '../../ipc/client';
import { AddTasksDialog } from './add-tasks-dialog';
import { TaskBulkBar } from './task-bulk-bar';
import { TaskFilterTabs } from './task-filter-tabs';
import { TaskOperationProgress } from './task-operation-progress';
import { sortTasks, type TaskSort } from './task-sort';
import { TaskTable } from './task-table';
import { useJobOperations } from './use-task-actions';
import { filterTotal, useTaskPages } from './use-task-pages';

const sortNames = { id: 'task id', state: 'state', exitCode: 'exit code', endTime: 'end time' } as const;

const useStyles = makeStyles({
  panel: { display: 'grid', gap: tokens.spacingVerticalS, alignContent: 'start', minWidth: 0 },
  status: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap', minHeight: '28px' },
  ops: { display: 'grid', gap: tokens.spacingVerticalS },
});

/** Props of {@link TaskPanel}. */
export interface TaskPanelProps {
  accountId: string;
  jobId: string;
  counts: TaskCounts | undefined;
  openTaskId?: string;
  onOpenTask(taskId: string): void;
}

/**
 * A job's tasks at any size: filtered on the server (counts from taskcounts), paged as the user scrolls, sorted over
 * the loaded pages only (and saying so), selected for bulk actions; adds and bulk actions show their progress here.
 */
export function TaskPanel(props: TaskPanelProps) {
  const { accountId, jobId, counts } = props;
  const styles = useStyles();
  const [filter, setFilter] = useState<TaskFilter>('all');
  const [sort, setSort] = useState<TaskSort | undefined>();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [adding, setAdding] = useState(false);
  const pages = useTaskPages(accountId, jobId, filter, counts);
  const operations = useJobOperations(accountId, jobId);
  const rows = useMemo(() => sortTasks(pages.rows, sort), [pages.rows, sort]);
  const total = filterTotal(counts, filter);
  const loadedFailedIds = useMemo(() => pages.rows.filter((r) => r.result === 'failure').map((r) => r.id), [pages.rows]);
  const { loadMore } = pages;
  const onNearEnd = useCallback(() => loadMore(), [loadMore]);
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const expired = pages.error instanceof ContractCallError && pages.error.code === 'NOT_FOUND';
  return (
    <section aria-label="Tasks" className={styles.panel}>
      <div className={styles.status}>
        <TaskFilterTabs counts={counts} filter={filter} onChange={(f) => (setFilter(f), setSort(undefined))} />
        <Button size="small" icon={<AddRegular />} onClick={() => setAdding(true)}>
          Add tasks
        </Button>
      </div>
      <TaskBulkBar
        accountId={accountId}
        jobId={jobId}
        selected={selected}
        failedCount={counts?.failed}
        loadedFailedIds={loadedFailedIds}
        onSelect={(ids) => setSelected(new Set(ids))}
        onStarted={() => setSelected(new Set())}
      />
      <div className={styles.status}>
        <Caption1 data-testid="tasks-loaded">
          Loaded {pages.rows.length.toLocaleString()}
          {total === undefined ? '' : ` of ${total.toLocaleString()}`} {filter === 'all' ? '' : `${filter} `}tasks ({pages.pages} page{pages.pages === 1 ? '' : 's'}
          {pages.hasMore ? ', scroll for more' : ''})
        </Caption1>
        {pages.loadingMore && <Spinner size="extra-tiny" label="Loading the next page…" />}
        {sort && (
          <Caption1 data-testid="sort-note">
            Sorted by {sortNames[sort.key]} over the {pages.rows.length.toLocaleString()} loaded tasks only: Batch lists tasks in its own order and cannot sort them.
          </Caption1>
        )}
        {!pages.autoRefresh && (
          <Button size="small" appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={pages.refresh}>
            Refresh the loaded pages
          </Button>
        )}
      </div>
      {pages.error &&
        (expired ? (
          <MessageBar intent="warning">
            <MessageBarBody>The list&apos;s place in the job expired (30 minutes). Start again from the first page.</MessageBarBody>
            <MessageBarActions>
              <Button onClick={pages.refresh}>Reload</Button>
            </MessageBarActions>
          </MessageBar>
        ) : (
          <ServiceErrorMessage error={pages.error} />
        ))}
      {pages.pending ? (
        <Spinner label="Reading the first page of tasks…" />
      ) : (
        <TaskTable
          rows={rows}
          selected={selected}
          onToggle={toggle}
          onOpen={props.onOpenTask}
          openTaskId={props.openTaskId}
          sort={sort}
          onSort={setSort}
          onNearEnd={onNearEnd}
          empty={filter === 'all' ? 'No tasks in this job yet. Add some.' : `No ${filter} tasks.`}
        />
      )}
      {operations.length > 0 && (
        <div className={styles.ops}>
          {operations.map((op) => (
            <TaskOperationProgress key={op.summary.operationId} operation={op} />
          ))}
        </div>
      )}
      <AddTasksDialog accountId={accountId} jobId={jobId} open={adding} onClose={() => setAdding(false)} />
    </section>
  );
}
