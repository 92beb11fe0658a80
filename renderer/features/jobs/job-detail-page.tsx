import { Badge, Button, Caption1, Link, makeStyles, MessageBar, MessageBarBody, Spinner, Title2, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import type { JobDetail } from '../../../contract/features/jobs';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { useNow } from '../../components/use-now';
import { useNavigation } from '../../navigation';
import { useLayoutStyles } from '../../theme/layout-styles';
import { durationText } from './duration-text';
import { JobActions } from './job-actions';
import { CreatedAt } from './job-list-page';
import { TaskCountsBadges } from './task-counts-text';
import { TaskDetailPanel } from './task-detail-panel';
import { TaskPanel } from './task-panel';
import { countsOf, useJob, useTaskCounts } from './use-jobs';

const useStyles = makeStyles({
  split: { display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(380px, 2fr)', gap: tokens.spacingHorizontalXL, alignItems: 'start' },
  facts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/** The job's settings in one line each: pool, priority, limits, what happens at the end, preparation/release tasks. */
function JobFacts(props: { accountId: string; job: JobDetail; now: number }) {
  const { job, accountId } = props;
  const styles = useStyles();
  const go = useNavigation((s) => s.go);
  const facts: [string, React.ReactNode][] = [
    ['Pool', job.poolId ? <Link onClick={() => go('pools', { accountId, poolId: job.poolId as string })}>{job.poolId}</Link> : '—'],
    ['Priority', job.priority],
    ['Created', <CreatedAt key="c" at={job.creationTime} now={props.now} />],
    ['Retries per task', job.constraints.maxTaskRetryCount ?? 0],
    ['Wall clock limit', durationText(job.constraints.maxWallClockTime)],
    ['When all tasks complete', job.onAllTasksComplete ?? 'noaction'],
    ['Preparation task', job.jobPreparationTask ? <code className={styles.mono}>{job.jobPreparationTask.commandLine}</code> : 'none'],
    ['Release task', job.jobReleaseTask ? <code className={styles.mono}>{job.jobReleaseTask.commandLine}</code> : 'none'],
  ];
  if (job.executionInfo?.terminateReason) facts.push(['Ended because', job.executionInfo.terminateReason]);
  return (
    <div className={styles.facts} aria-label="Job settings">
      {facts.map(([name, value]) => (
        <Caption1 key={name}>
          {name}: {value}
        </Caption1>
      ))}
    </div>
  );
}

/** One job: its state, settings and actions, its tasks (and one task's detail beside them, `&taskId=…` in the route). */
export function JobDetailPage(props: { accountId: string; jobId: string; taskId?: string }) {
  const { accountId, jobId, taskId } = props;
  const styles = useStyles();
  const layout = useLayoutStyles();
  const go = useNavigation((s) => s.go);
  const now = useNow(5000);
  const job = useJob(accountId, jobId);
  const counts = useTaskCounts(accountId, [jobId], 3000);
  const jobCounts = countsOf(counts.data, jobId);
  const openTask = (id: string | undefined) => go('jobs', { accountId, jobId, ...(id ? { taskId: id } : {}) });
  return (
    <section aria-labelledby="page-title" className={layout.page}>
      <div className={layout.header}>
        <Button appearance="subtle" icon={<ArrowLeftRegular />} onClick={() => go('jobs')} aria-label="Back to jobs" />
        <Title2 as="h2" id="page-title">
          {jobId}
        </Title2>
        {job.data && <Badge appearance="tint" data-testid="job-state">{job.data.state}</Badge>}
        <TaskCountsBadges counts={jobCounts} />
      </div>
      {job.isPending && <Spinner label="Reading the job…" />}
      {job.isError && <ServiceErrorMessage error={job.error} />}
      {job.data && (
        <>
          <JobActions accountId={accountId} job={job.data} />
          <JobFacts accountId={accountId} job={job.data} now={now} />
          {job.data.executionInfo?.schedulingError && (
            <MessageBar intent="error">
              <MessageBarBody>
                Batch could not schedule this job: <code>{job.data.executionInfo.schedulingError.code}</code> {job.data.executionInfo.schedulingError.message}
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
      <div className={taskId ? styles.split : undefined}>
        <TaskPanel accountId={accountId} jobId={jobId} counts={jobCounts} openTaskId={taskId} onOpenTask={(id) => openTask(id)} />
        {taskId && <TaskDetailPanel key={taskId} accountId={accountId} jobId={jobId} taskId={taskId} onClose={() => openTask(undefined)} />}
      </div>
    </section>
  );
}
