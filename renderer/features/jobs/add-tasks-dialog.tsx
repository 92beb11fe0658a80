import { Button, Caption1, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, makeStyles, Tab, TabList, Textarea, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { maxTasksPerAdd } from '../../../contract/features/tasks';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { parsePastedTasks } from './task-paste';
import { checkOneTask, emptyOneTask, specsFromPaste, type OneTaskDraft } from './task-spec-draft';
import { useTaskActions } from './use-task-actions';

const useStyles = makeStyles({
  content: { display: 'grid', gap: tokens.spacingVerticalM, minWidth: '560px' },
  pair: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

const pasteHint =
  'One command line a line; or CSV with an "id,commandLine" header; or a JSON array of command lines or of {"id", "commandLine", "environmentSettings"}. Sent 100 per request; a task the service refuses (TaskExists…) does not stop the others.';

/** Adds one task from a form, or many from a paste (JSON, CSV or lines); what was typed stays after an error. */
export function AddTasksDialog(props: { accountId: string; jobId: string; open: boolean; onClose(): void }) {
  const styles = useStyles();
  const { addOne, addMany } = useTaskActions(props.accountId, props.jobId);
  const [mode, setMode] = useState<'one' | 'many'>('one');
  const [one, setOne] = useState<OneTaskDraft>(emptyOneTask);
  const [paste, setPaste] = useState('');
  const [prefix, setPrefix] = useState('task');
  const [tried, setTried] = useState(false);
  const check = checkOneTask(one);
  const many = useMemo(() => {
    const read = parsePastedTasks(paste, prefix || 'task');
    if (!read.ok) return read;
    if (read.tasks.length > maxTasksPerAdd) return { ok: false as const, error: `At most ${maxTasksPerAdd.toLocaleString()} tasks at once; this paste has ${read.tasks.length.toLocaleString()}.` };
    return specsFromPaste(read.tasks);
  }, [paste, prefix]);
  const oneError = (key: keyof OneTaskDraft) => (tried && !check.ok ? check.errors[key] : undefined);
  const field = (key: 'id' | 'retries' | 'maxWallClockMinutes', label: string, hint?: string) => (
    <Field label={label} hint={hint} validationMessage={oneError(key)}>
      <Input value={one[key]} onChange={(_, d) => setOne({ ...one, [key]: d.value })} />
    </Field>
  );
  const submit = () => {
    setTried(true);
    const done = { onSuccess: () => (setTried(false), props.onClose()) };
    if (mode === 'one' && check.ok) addOne.mutate(check.task, { onSuccess: () => (setOne({ ...emptyOneTask }), done.onSuccess()) });
    if (mode === 'many' && many.ok) addMany.mutate(many.tasks, { onSuccess: () => (setPaste(''), done.onSuccess()) });
  };
  const failure = mode === 'one' ? addOne.error : addMany.error;
  const pending = addOne.isPending || addMany.isPending;
  return (
    <Dialog open={props.open} onOpenChange={(_, d) => (d.open ? undefined : props.onClose())}>
      <DialogSurface aria-label="Add tasks">
        <DialogBody>
          <DialogTitle>Add tasks to {props.jobId}</DialogTitle>
          <DialogContent className={styles.content}>
            <TabList selectedValue={mode} onTabSelect={(_, d) => setMode(d.value as 'one' | 'many')}>
              <Tab value="one">One task</Tab>
              <Tab value="many">Many (paste)</Tab>
            </TabList>
            {mode === 'one' ? (
              <>
                {field('id', 'Task id', 'Letters, digits, - and _; unique in the job.')}
                <Field label="Command line" hint="Run without a shell: wrap in /bin/sh -c '…' for pipes and $VARIABLES." validationMessage={oneError('commandLine')}>
                  <Textarea className={styles.mono} value={one.commandLine} onChange={(_, d) => setOne({ ...one, commandLine: d.value })} />
                </Field>
                <Checkbox label="Run elevated (as the pool's admin auto-user)" checked={one.elevated} onChange={(_, d) => setOne({ ...one, elevated: Boolean(d.checked) })} />
                <div className={styles.pair}>
                  {field('retries', 'Retries', 'Empty: the job default; -1: without limit.')}
                  {field('maxWallClockMinutes', 'Wall clock limit, minutes', 'Empty: no limit.')}
                </div>
                <Field label="Environment variables" hint="NAME=value, one a line." validationMessage={oneError('environment')}>
                  <Textarea className={styles.mono} value={one.environment} onChange={(_, d) => setOne({ ...one, environment: d.value })} />
                </Field>
              </>
            ) : (
              <>
                <Field label="Id prefix for tasks without an id" hint="Ids become prefix-001, prefix-002, …">
                  <Input value={prefix} onChange={(_, d) => setPrefix(d.value)} />
                </Field>
                <Field label="Tasks" hint={pasteHint} validationMessage={paste.trim() && !many.ok ? many.error : undefined}>
                  <Textarea className={styles.mono} rows={10} value={paste} onChange={(_, d) => setPaste(d.value)} aria-label="Pasted tasks" />
                </Field>
                {many.ok && <Caption1 data-testid="paste-summary">Read {many.tasks.length.toLocaleString()} task(s): {many.tasks.slice(0, 3).map((t) => t.id).join(', ')}{many.tasks.length > 3 ? ', …' : ''}</Caption1>}
              </>
            )}
            {failure && <ServiceErrorMessage error={failure} />}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Close (keeps what you typed)</Button>
            <Button appearance="primary" onClick={submit} disabled={pending || (mode === 'many' && !many.ok)}>
              {pending ? 'Adding…' : mode === 'one' ? 'Add task' : many.ok ? `Add ${many.tasks.length.toLocaleString()} tasks` : 'Add tasks'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
