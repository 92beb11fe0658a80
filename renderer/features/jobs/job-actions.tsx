import { Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { JobDetail } from '../../../contract/features/jobs';
import { reportError } from '../../components/error-surface';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { useNavigation } from '../../navigation';
import { usePools } from '../pools/use-pools';
import { JobCopyButtons } from './job-copy-buttons';
import { jobBodyOrUndefined, specFromJob } from './job-draft';
import { useJobActions } from './use-jobs';

const useStyles = makeStyles({ content: { display: 'grid', gap: tokens.spacingVerticalM }, bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS } });

const disableChoices = {
  requeue: 'Requeue running tasks (they run again when enabled)',
  terminate: 'Terminate running tasks (they end failed)',
  wait: 'Let running tasks finish',
} as const;

/** Deletes a job only after the user types its id; its tasks and their files go with it. */
function DeleteJobDialog(props: { accountId: string; jobId: string; open: boolean; onClose(): void }) {
  const { remove } = useJobActions(props.accountId);
  const go = useNavigation((s) => s.go);
  const styles = useStyles();
  const [typed, setTyped] = useState('');
  const submit = () => remove.mutate({ jobId: props.jobId, confirmId: typed }, { onSuccess: () => (props.onClose(), go('jobs')) });
  return (
    <Dialog open={props.open} onOpenChange={(_, d) => (d.open ? undefined : props.onClose())}>
      <DialogSurface aria-label={`Delete ${props.jobId}`}>
        <DialogBody>
          <DialogTitle>Delete job {props.jobId}?</DialogTitle>
          <DialogContent className={styles.content}>
            <Body1>Every task of the job is deleted with its record; running tasks stop. This cannot be undone.</Body1>
            <Field label={`Type ${props.jobId} to confirm`}>
              <Input value={typed} onChange={(_, d) => setTyped(d.value)} aria-label="Job id to confirm" autoFocus />
            </Field>
            {remove.isError && <ServiceErrorMessage error={remove.error} />}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Cancel</Button>
            <Button appearance="primary" onClick={submit} disabled={typed !== props.jobId || remove.isPending}>
              {remove.isPending ? 'Deleting…' : 'Delete job'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** What can be done to a job in its state: terminate, disable (how), enable, delete, copy as JSON or as an az script. */
export function JobActions(props: { accountId: string; job: JobDetail }) {
  const { job, accountId } = props;
  const styles = useStyles();
  const actions = useJobActions(accountId);
  const account = usePools(accountId).data?.account;
  const [deleting, setDeleting] = useState(false);
  const body = jobBodyOrUndefined(specFromJob(job));
  const ended = ['completed', 'terminating', 'deleting'].includes(job.state);
  const onError = { onError: reportError };
  return (
    <div className={styles.bar} role="toolbar" aria-label="Job actions">
      <Button disabled={ended || actions.terminate.isPending} onClick={() => actions.terminate.mutate(job.id, onError)} title={ended ? `The job is ${job.state}.` : 'Running tasks are terminated; the job completes.'}>
        Terminate
      </Button>
      {job.state === 'disabled' ? (
        <Button onClick={() => actions.enable.mutate(job.id, onError)} disabled={actions.enable.isPending}>
          Enable
        </Button>
      ) : (
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button disabled={job.state !== 'active'} title={job.state !== 'active' ? `Only an active job can be disabled (this one is ${job.state}).` : 'No new tasks start until you enable it.'}>
              Disable…
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {Object.entries(disableChoices).map(([value, label]) => (
                <MenuItem key={value} onClick={() => actions.disable.mutate({ jobId: job.id, disableTasks: value as keyof typeof disableChoices }, onError)}>
                  {label}
                </MenuItem>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
      )}
      <Button onClick={() => setDeleting(true)} disabled={job.state === 'deleting'}>
        Delete…
      </Button>
      {body && <JobCopyButtons body={body} account={account} />}
      <DeleteJobDialog accountId={accountId} jobId={job.id} open={deleting} onClose={() => setDeleting(false)} />
    </div>
  );
}
