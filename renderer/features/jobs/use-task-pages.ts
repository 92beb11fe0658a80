import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { TaskColumn, TaskCounts, TaskRow } from '../../../contract/features/jobs';
import type { TaskFilter } from '../../../contract/features/tasks';
import { call } from '../../ipc/client';

/** Tasks per page: a first screen and a good scroll ahead, small enough that the first rows come fast. */
export const taskPageSize = 200;
/** The columns the list shows; the service sends only these (`$select`). */
export const listColumns: TaskColumn[] = ['state', 'exitCode', 'result', 'startTime', 'endTime', 'retryCount', 'nodeId', 'commandLine'];
/** While at most this many pages are loaded, the list refreshes itself; past it, the user refreshes (it would re-read them all). */
const autoRefreshPages = 2;

/** Query key of one filter's task pages. */
export const taskPagesKey = (accountId: string, jobId: string, filter: TaskFilter) => ['tasks:page', accountId, jobId, filter] as const;

/** How many tasks a filter matches, from taskcounts (so the list can say "200 of 100,000" before paging on). */
export function filterTotal(counts: TaskCounts | undefined, filter: TaskFilter): number | undefined {
  if (!counts) return undefined;
  switch (filter) {
    case 'all':
      return counts.active + counts.running + counts.completed;
    case 'active':
      return counts.active;
    case 'running':
      return counts.running;
    case 'completed':
      return counts.completed;
    case 'succeeded':
      return counts.succeeded;
    case 'failed':
      return counts.failed;
  }
}

/** One filter's tasks as loaded so far, page by page from the service. */
export interface TaskPages {
  rows: TaskRow[];
  pages: number;
  hasMore: boolean;
  loadingMore: boolean;
  pending: boolean;
  error: Error | null;
  /** Asks for the next page (no-op while one is on its way or after the last). */
  loadMore(): void;
  /** Reads the loaded pages again from the first (task states moved on). */
  refresh(): void;
  /** True while the list refreshes itself (few pages loaded); false when the user must refresh. */
  autoRefresh: boolean;
}

/**
 * A job's tasks for one server-side filter, one page of {@link taskPageSize} at a time: the first page only to show
 * the first screen; `loadMore` as the user scrolls. Never lists every task. While few pages are loaded they are read
 * again when the job's task counts change, and every 4 s while tasks are active or running; a finished job's list
 * stays still.
 */
export function useTaskPages(accountId: string, jobId: string, filter: TaskFilter, counts: TaskCounts | undefined): TaskPages {
  const live = counts === undefined || counts.active + counts.running > 0;
  const countsKey = counts ? `${counts.active}/${counts.running}/${counts.succeeded}/${counts.failed}` : '';
  const query = useInfiniteQuery({
    queryKey: taskPagesKey(accountId, jobId, filter),
    queryFn: ({ pageParam }) =>
      call('tasks:page', { accountId, jobId, filter, columns: listColumns, maxResults: taskPageSize, ...(pageParam ? { pageToken: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextPageToken,
    refetchInterval: (q) => ((q.state.data?.pages.length ?? 0) <= autoRefreshPages && live && !document.hidden ? 4000 : false),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: false,
    structuralSharing: false,
    meta: { silent: true },
  });
  const pages = query.data?.pages;
  const rows = useMemo(() => pages?.flatMap((p) => p.rows) ?? [], [pages]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, refetch } = query;
  const loadedPages = pages?.length ?? 0;
  // Counts moved (a task ended, tasks were added or reactivated): the few pages on screen are read again.
  useEffect(() => {
    if (countsKey && loadedPages > 0 && loadedPages <= autoRefreshPages) void refetch();
    // Only a change of the counts triggers this, not paging.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [countsKey]);
  return {
    rows,
    pages: pages?.length ?? 0,
    hasMore: hasNextPage,
    loadingMore: isFetchingNextPage,
    pending: query.isPending,
    error: query.error,
    // cancelRefetch false: a second call while a page is on its way joins it instead of asking again.
    loadMore: () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage({ cancelRefetch: false });
    },
    refresh: () => void refetch(),
    autoRefresh: (pages?.length ?? 0) <= autoRefreshPages,
  };
}
