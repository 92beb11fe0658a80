import { Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { reportError } from '../../components/error-surface';
import { serviceErrorInfo } from '../../components/service-error-message';
import { call } from '../../ipc/client';
import { useOpenTaskShell } from './use-task-actions';

/**
 * "Open a shell where <task> runs" for a node that runs tasks: the node's running tasks are read when the menu opens
 * (node lists never carry them), one item per task; picking one opens the same shell as the task's own
 * "Open a shell here" (its working directory, its environment, an admin user provisioned on demand).
 */
export function NodeTaskShellMenu(props: { accountId: string; poolId: string; nodeId: string; className?: string }) {
  const { accountId, poolId, nodeId } = props;
  const [open, setOpen] = useState(false);
  const tasks = useQuery({
    queryKey: ['nodes:running-tasks', accountId, poolId, nodeId],
    queryFn: () => call('nodes:running-tasks', { accountId, poolId, nodeId }),
    enabled: open,
    staleTime: 0,
    meta: { silent: true },
  });
  const shell = useOpenTaskShell(accountId);
  const items = tasks.data ?? [];
  return (
    <Menu open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <MenuTrigger disableButtonEnhancement>
        {/* A native button like the row's other links: a Fluent Button per row costs more than the row when scrolling fast. */}
        <button type="button" className={props.className} disabled={shell.isPending} aria-label={`Shell in a task running on ${nodeId}`}>
          {shell.isPending ? 'Opening a shell…' : 'Shell in task…'}
        </button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {tasks.isPending && <MenuItem disabled>Reading the node&apos;s running tasks…</MenuItem>}
          {tasks.isError && <MenuItem disabled>Could not read the node&apos;s tasks: {serviceErrorInfo(tasks.error).message}</MenuItem>}
          {tasks.isSuccess && items.length === 0 && <MenuItem disabled>No task is running on this node now.</MenuItem>}
          {items.map((t) => (
            <MenuItem
              key={`${t.jobId}/${t.taskId}`}
              secondaryContent={`job ${t.jobId}${t.state === 'preparing' ? ', preparing' : ''}`}
              onClick={() => shell.mutate({ jobId: t.jobId, taskId: t.taskId }, { onError: reportError })}
            >
              Open a shell where {t.taskId} runs
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
