import { Tab, TabList } from '@fluentui/react-components';
import type { TaskCounts } from '../../../contract/features/jobs';
import { taskFilters, type TaskFilter } from '../../../contract/features/tasks';
import { filterTotal } from './use-task-pages';

const labels: Record<TaskFilter, string> = {
  all: 'All',
  active: 'Active',
  running: 'Running',
  completed: 'Completed',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

/** The server-side filters as tabs, each with its count from taskcounts (never from the loaded pages). */
export function TaskFilterTabs(props: { counts: TaskCounts | undefined; filter: TaskFilter; onChange(filter: TaskFilter): void }) {
  return (
    <TabList size="small" selectedValue={props.filter} onTabSelect={(_, d) => props.onChange(d.value as TaskFilter)} aria-label="Filter tasks (on the server)">
      {taskFilters.map((f) => {
        const total = filterTotal(props.counts, f);
        return (
          <Tab key={f} value={f} data-testid={`task-filter-${f}`} data-count={total}>
            {labels[f]} {total === undefined ? '' : total.toLocaleString()}
          </Tab>
        );
      })}
    </TabList>
  );
}
