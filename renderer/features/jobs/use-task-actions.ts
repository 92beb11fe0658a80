import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { TaskShellResult } from '../../../contract/features/jobs';
import type { TaskAction, TaskSpecInput } from '../../../contract/features/tasks';
import { call } from '../../ipc/client';
import { useNavigation } from '../../navigation';
import { useOperations, useOperationsStore } from '../operations/use-operations';
import { showOpenedSession } from '../terminal/session-registry';
import { taskCountsPrefix } from './use-jobs';

/** Which tasks a bulk action goes to: the ids picked, or every task the service now counts as failed. */
export type BulkTarget = { taskIds: string[] } | { filter: 'failed' };

const taskKinds = ['task-action', 'task-add'] as const;

/** The task operations (add, reactivate, terminate, delete) of one job, newest first; reattached after a reload. */
export function useJobOperations(accountId: string, jobId: string) {
  const operations = useOperations({ accountId, kinds: taskKinds }, 3);
  return useMemo(() => operations.filter((op) => op.summary.subject.endsWith(` ${jobId}`)), [operations, jobId]);
}

/**
 * Bulk actions and adds on a job's tasks. Each starts an operation in main (progress arrives as events) and shows
 * its first snapshot at once; task pages and counts refresh when it is accepted.
 */
export function useTaskActions(accountId: string, jobId: string) {
  const client = useQueryClient();
  const track = async ({ operationId }: { operationId: string }) => {
    void client.invalidateQueries({ queryKey: taskCountsPrefix(accountId) });
    const snapshot = await call('operations:get', { operationId }).catch(() => undefined);
    if (snapshot) useOperationsStore.getState().apply(snapshot);
  };
  const options = { onSuccess: track, meta: { silent: true } };
  return {
    act: useMutation({ mutationFn: (r: { action: TaskAction; target: BulkTarget }) => call('tasks:action', { accountId, jobId, ...r }), ...options }),
    addOne: useMutation({
      mutationFn: (task: TaskSpecInput) => call('tasks:add', { accountId, jobId, task }),
      onSuccess: () => void client.invalidateQueries({ queryKey: taskCountsPrefix(accountId) }),
      meta: { silent: true },
    }),
    addMany: useMutation({ mutationFn: (tasks: TaskSpecInput[]) => call('tasks:add-collection', { accountId, jobId, tasks }), ...options }),
  };
}

/** The task a shell opens for: where it runs or ran. */
export interface TaskRef {
  jobId: string;
  taskId: string;
}

/**
 * "Open a shell here": main provisions an admin user on the task's node and opens a terminal in the task's working
 * directory; the Terminals page then shows that session, focused.
 */
export function useOpenTaskShell(accountId: string) {
  const go = useNavigation((s) => s.go);
  return useMutation({
    mutationFn: (task: TaskRef): Promise<TaskShellResult> => call('tasks:open-shell', { accountId, ...task }),
    onSuccess: async (result) => {
      await showOpenedSession(result.session);
      go('terminals');
    },
    meta: { silent: true },
  });
}
