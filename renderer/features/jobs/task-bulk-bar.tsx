import { Body1, Button, Caption1, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, Toolbar, ToolbarDivider } from '@fluentui/react-components';
import { useState } from 'react';
import type { TaskAction } from '../../../contract/features/tasks';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { useTaskActions, type BulkTarget } from './use-task-actions';

const verbs: Record<TaskAction, string> = { reactivate: 'Reactivate', terminate: 'Terminate', delete: 'Delete' };
const consequences: Record<TaskAction, string> = {
  reactivate: 'They go back to active and run again, with their retry count reset (a completed task that succeeded cannot be reactivated).',
  terminate: 'Running ones stop and end failed; active ones end without running.',
  delete: 'Their records and their files on the nodes are deleted. This cannot be undone.',
};

/** A pending bulk request waiting for the user's yes. */
interface Pending {
  action: TaskAction;
  target: BulkTarget;
  count: number;
}

/** Props of {@link TaskBulkBar}. */
export interface TaskBulkBarProps {
  accountId: string;
  jobId: string;
  selected: ReadonlySet<string>;
  /** How many tasks the service counts as failed (taskcounts), for "all failed". */
  failedCount: number | undefined;
  /** Failed tasks among the loaded pages, for "select the failed loaded". */
  loadedFailedIds: string[];
  onSelect(ids: string[]): void;
  onStarted(): void;
}

/** Reactivate, terminate or delete the selected tasks or every failed task, after a confirmation that says what happens. */
export function TaskBulkBar(props: TaskBulkBarProps) {
  const { act } = useTaskActions(props.accountId, props.jobId);
  const [pending, setPending] = useState<Pending | undefined>();
  const count = props.selected.size;
  const ask = (action: TaskAction, target: BulkTarget, n: number) => setPending({ action, target, count: n });
  const confirm = () => {
    if (!pending) return;
    act.mutate({ action: pending.action, target: pending.target }, { onSuccess: () => (setPending(undefined), props.onStarted()) });
  };
  const failed = props.failedCount ?? 0;
  return (
    <>
      <Toolbar aria-label="Task actions" size="small">
        <Caption1>{count.toLocaleString()} selected</Caption1>
        {(Object.keys(verbs) as TaskAction[]).map((action) => (
          <Button key={action} size="small" disabled={count === 0} onClick={() => ask(action, { taskIds: [...props.selected] }, count)}>
            {verbs[action]}
          </Button>
        ))}
        <Button size="small" appearance="subtle" disabled={count === 0} onClick={() => props.onSelect([])}>
          Clear selection
        </Button>
        <ToolbarDivider />
        <Button size="small" disabled={props.loadedFailedIds.length === 0} onClick={() => props.onSelect(props.loadedFailedIds)}>
          Select failed ({props.loadedFailedIds.length.toLocaleString()} loaded)
        </Button>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button size="small" disabled={failed === 0}>
              All {failed.toLocaleString()} failed…
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {(Object.keys(verbs) as TaskAction[]).map((action) => (
                <MenuItem key={action} onClick={() => ask(action, { filter: 'failed' }, failed)}>
                  {verbs[action]} every failed task
                </MenuItem>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
      </Toolbar>
      <Dialog open={pending !== undefined} onOpenChange={(_, d) => (d.open ? undefined : setPending(undefined))}>
        <DialogSurface aria-label="Confirm task action">
          <DialogBody>
            <DialogTitle>
              {pending && `${verbs[pending.action]} ${'filter' in pending.target ? 'every failed task' : `${pending.count.toLocaleString()} task${pending.count === 1 ? '' : 's'}`}?`}
            </DialogTitle>
            <DialogContent>
              <Body1>{pending && consequences[pending.action]}</Body1>
              {pending && 'filter' in pending.target && <Body1> Main lists the failed tasks on the service when you confirm (about {pending.count.toLocaleString()} now).</Body1>}
              {act.isError && <ServiceErrorMessage error={act.error} />}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setPending(undefined)}>Cancel</Button>
              <Button appearance="primary" onClick={confirm} disabled={act.isPending}>
                {pending && verbs[pending.action]}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
