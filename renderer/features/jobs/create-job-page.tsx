import { Button, Dropdown, Field, Input, makeStyles, Option, Textarea, Title2, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { create } from 'zustand';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { useNavigation } from '../../navigation';
import { useLayoutStyles } from '../../theme/layout-styles';
import { useScopedAccountId } from '../accounts/account-scope';
import { usePools } from '../pools/use-pools';
import { emptyJobDraft, jobBodyOrUndefined, jobSpecFromDraft, validateJobDraft, type JobDraft } from './job-draft';
import { JobCopyButtons } from './job-copy-buttons';
import { useJobActions, useJobs } from './use-jobs';

const useStyles = makeStyles({
  page: { display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(300px, 2fr)', gap: tokens.spacingHorizontalXXL, alignItems: 'start' },
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  pair: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  preview: { margin: 0, padding: tokens.spacingHorizontalM, background: tokens.colorNeutralBackground3, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap', overflow: 'auto', maxHeight: '60vh' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/** The draft outlives the page: leaving for the pools list and coming back keeps what was typed. */
const useJobDraftStore = create<{ draft: JobDraft | undefined; set(draft: JobDraft | undefined): void }>((set) => ({
  draft: undefined,
  set: (draft) => set({ draft }),
}));

const completeOptions = { noaction: 'Leave the job active (add more tasks later)', terminatejob: 'Complete the job when all its tasks have' } as const;
const failureOptions = { noaction: 'Nothing', performexitoptionsjobaction: "Do what the task's exit conditions say" } as const;

/** Creates a job on a pool of the scoped account: checked as typed with the service's rules; service errors stay on the form. */
export function CreateJobPage(props: { poolId?: string }) {
  const accountId = useScopedAccountId();
  const styles = useStyles();
  const layout = useLayoutStyles();
  const go = useNavigation((s) => s.go);
  const store = useJobDraftStore();
  const draft = store.draft ?? emptyJobDraft(props.poolId ?? '');
  const pools = usePools(accountId).data;
  const jobs = useJobs(accountId).data;
  const { create: createJob } = useJobActions(accountId);
  const [submitted, setSubmitted] = useState(false);
  const errors = useMemo(() => validateJobDraft(draft, jobs?.jobs.map((j) => j.id) ?? []), [draft, jobs]);
  const valid = Object.keys(errors).length === 0;
  const spec = jobSpecFromDraft(draft);
  const body = valid ? jobBodyOrUndefined(spec) : undefined;
  const update = (patch: Partial<JobDraft>) => store.set({ ...draft, ...patch });
  const shown = (key: keyof JobDraft) => ((submitted || draft[key] !== emptyJobDraft()[key]) && errors[key] ? errors[key] : undefined);
  const text = (key: keyof JobDraft, label: string, hint?: string) => (
    <Field label={label} hint={hint} validationMessage={shown(key)}>
      <Input value={draft[key]} onChange={(_, d) => update({ [key]: d.value })} />
    </Field>
  );
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid) return;
    createJob.mutate(spec, {
      onSuccess: ({ jobId }) => {
        store.set(undefined);
        go('jobs', { accountId, jobId });
      },
    });
  };
  return (
    <section aria-labelledby="page-title" className={layout.page}>
      <Title2 as="h2" id="page-title">
        Create job
      </Title2>
      <div className={styles.page}>
        <form className={styles.form} onSubmit={submit} noValidate aria-label="Create job">
          {text('id', 'Job id', 'Letters, digits, - and _; unique in the account, ignoring case.')}
          <Field label="Pool" validationMessage={shown('poolId')} hint="The pool whose nodes run the tasks.">
            <Dropdown
              placeholder={pools ? 'Pick a pool' : 'Loading pools…'}
              value={draft.poolId}
              selectedOptions={draft.poolId ? [draft.poolId] : []}
              onOptionSelect={(_, d) => update({ poolId: d.optionValue ?? '' })}
            >
              {(pools?.pools ?? []).map((p) => (
                <Option key={p.id} value={p.id} text={p.id}>
                  {`${p.id} (${p.vmSize}, ${p.currentDedicatedNodes + p.currentSpotNodes} nodes)`}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {text('displayName', 'Display name (optional)')}
          <div className={styles.pair}>
            {text('priority', 'Priority', '-1000 (lowest) to 1000 (highest).')}
            {text('maxTaskRetryCount', 'Retries per task', 'Empty: none; -1: without limit.')}
          </div>
          {text('maxWallClockMinutes', 'Job wall clock limit, minutes', 'Empty: no limit. Past it, Batch terminates the job.')}
          <Field label="When all tasks complete">
            <Dropdown value={completeOptions[draft.onAllTasksComplete]} selectedOptions={[draft.onAllTasksComplete]} onOptionSelect={(_, d) => update({ onAllTasksComplete: d.optionValue as JobDraft['onAllTasksComplete'] })}>
              {Object.entries(completeOptions).map(([value, label]) => <Option key={value} value={value}>{label}</Option>)}
            </Dropdown>
          </Field>
          <Field label="When a task fails">
            <Dropdown value={failureOptions[draft.onTaskFailure]} selectedOptions={[draft.onTaskFailure]} onOptionSelect={(_, d) => update({ onTaskFailure: d.optionValue as JobDraft['onTaskFailure'] })}>
              {Object.entries(failureOptions).map(([value, label]) => <Option key={value} value={value}>{label}</Option>)}
            </Dropdown>
          </Field>
          <Field label="Job preparation task (optional)" hint="Runs on each node before the job's first task there; run without a shell: wrap in /bin/sh -c '…' for pipes.">
            <Textarea className={styles.mono} value={draft.preparationCommandLine} onChange={(_, d) => update({ preparationCommandLine: d.value })} />
          </Field>
          <Field label="Job release task (optional)" hint="Runs on each node that ran the job's tasks, when the job ends." validationMessage={shown('releaseCommandLine')}>
            <Textarea className={styles.mono} value={draft.releaseCommandLine} onChange={(_, d) => update({ releaseCommandLine: d.value })} />
          </Field>
          {createJob.isError && <ServiceErrorMessage error={createJob.error} />}
          {submitted && !valid && <p role="alert">Fix the {Object.keys(errors).length} marked field(s); nothing was sent.</p>}
          <div className={layout.row}>
            <Button appearance="primary" type="submit" disabled={createJob.isPending}>
              {createJob.isPending ? 'Creating…' : 'Create job'}
            </Button>
            <Button onClick={() => go('jobs', props.poolId ? { poolId: props.poolId } : {})}>Cancel (keeps the draft)</Button>
            <Button onClick={() => (store.set(undefined), setSubmitted(false))}>Clear form</Button>
          </div>
        </form>
        <aside aria-label="Request preview" className={layout.stack}>
          {body ? (
            <>
              <JobCopyButtons body={body} account={pools?.account} />
              <pre className={styles.preview} data-testid="job-preview">{JSON.stringify(body, null, 2)}</pre>
            </>
          ) : (
            <p>The request Batch would get shows here once the marked fields are fixed.</p>
          )}
        </aside>
      </div>
    </section>
  );
}
