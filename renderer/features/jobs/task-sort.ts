/** What a sortable task row carries (a subset of the task list's rows). */
export interface SortableTask {
  id: string;
  state?: string;
  exitCode?: number;
  endTime?: string;
}

/** Columns the task list sorts by. */
export const taskSortKeys = ['id', 'state', 'exitCode', 'endTime'] as const;
/** One of {@link taskSortKeys}. */
export type TaskSortKey = (typeof taskSortKeys)[number];

/** A sort of the loaded tasks: which column and which way. */
export interface TaskSort {
  key: TaskSortKey;
  direction: 'ascending' | 'descending';
}

const stateOrder: Record<string, number> = { active: 0, preparing: 1, running: 2, completed: 3 };
const collator = new Intl.Collator(undefined, { numeric: true });

function compare(a: SortableTask, b: SortableTask, key: TaskSortKey): number {
  switch (key) {
    case 'id':
      return collator.compare(a.id, b.id);
    case 'state':
      return (stateOrder[a.state ?? ''] ?? 9) - (stateOrder[b.state ?? ''] ?? 9);
    case 'exitCode':
      return (a.exitCode ?? Number.POSITIVE_INFINITY) - (b.exitCode ?? Number.POSITIVE_INFINITY) || 0;
    case 'endTime':
      return (a.endTime ?? '\uffff').localeCompare(b.endTime ?? '\uffff');
  }
}

/**
 * The loaded tasks in the chosen order (a copy; `undefined` sort keeps the service's order, which is by id).
 * Tasks without a value (no exit code, not ended) go last either way; ties keep id order.
 */
export function sortTasks<T extends SortableTask>(tasks: readonly T[], sort: TaskSort | undefined): readonly T[] {
  if (!sort) return tasks;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const missing = (t: T) => (sort.key === 'exitCode' ? t.exitCode === undefined : sort.key === 'endTime' ? t.endTime === undefined : false);
  return [...tasks].sort((a, b) => {
    const gap = Number(missing(a)) - Number(missing(b));
    if (gap !== 0) return gap;
    return sign * compare(a, b, sort.key) || collator.compare(a.id, b.id);
  });
}

/** The next sort after a click on a column header: ascending, then descending, then back to the service's order. */
export function nextSort(current: TaskSort | undefined, key: TaskSortKey): TaskSort | undefined {
  if (current?.key !== key) return { key, direction: 'ascending' };
  return current.direction === 'ascending' ? { key, direction: 'descending' } : undefined;
}
