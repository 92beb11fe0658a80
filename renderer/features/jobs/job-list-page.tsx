import { Button, Caption1, Link, makeStyles, MessageBar, MessageBarBody, Spinner, Title2, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useMemo, useRef } from 'react';
import type { JobSummary } from '../../../contract/features/jobs';
import { useNow } from '../../components/use-now';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
import { useNavigation } from '../../navigation';
import { useLayoutStyles } from '../../theme/layout-styles';
import { useScopedAccountId } from '../accounts/account-scope';
import { describeAge } from '../images/image-filters';
import { TaskCountsBadges } from './task-counts-text';
import { countsOf, useJobs, useTaskCounts } from './use-jobs';
import { useVisibleRange } from './use-visible-range';

const columns: VirtualColumn[] = [
  { key: 'id', header: 'Job', grow: 1 },
  { key: 'state', header: 'State' },
  { key: 'pool', header: 'Pool' },
  { key: 'priority', header: 'Priority' },
  { key: 'created', header: 'Created' },
  { key: 'tasks', header: 'Tasks (from taskcounts)', grow: 2, min: 260 },
];
const rowHeight = 40;

const useStyles = makeStyles({ empty: { padding: tokens.spacingHorizontalL } });

/** When a job was created, short (the full time on hover). */
export function CreatedAt(props: { at: string | undefined; now: number }) {
  if (!props.at) return <>—</>;
  return <span title={new Date(props.at).toLocaleString()}>{describeAge(props.at, props.now)}</span>;
}

/**
 * The account's jobs (optionally those of one pool: `#jobs?poolId=…`) with state, pool, priority and age; task counts
 * are polled every 5 s for the rows on screen only.
 */
export function JobListPage(props: { poolId?: string }) {
  const accountId = useScopedAccountId();
  const jobs = useJobs(accountId);
  const go = useNavigation((s) => s.go);
  const styles = useStyles();
  const layout = useLayoutStyles();
  const now = useNow(5000);
  const box = useRef<HTMLDivElement>(null);
  const list = useMemo(() => (jobs.data?.jobs ?? []).filter((j) => !props.poolId || j.poolId === props.poolId), [jobs.data, props.poolId]);
  const range = useVisibleRange(box, 'jobs-table-scroll', rowHeight, list.length);
  const visibleIds = range.first < 0 ? [] : list.slice(range.first, range.last + 1).map((j) => j.id);
  const counts = useTaskCounts(accountId, visibleIds);
  const open = (jobId: string) => go('jobs', { accountId, jobId });
  return (
    <section aria-labelledby="page-title" className={layout.page}>
      <div className={layout.header}>
        <Title2 as="h2" id="page-title">
          {props.poolId ? `Jobs on ${props.poolId}` : 'Jobs'}
        </Title2>
        {jobs.data && (
          <Caption1>
            {list.length} {list.length === 1 ? 'job' : 'jobs'}, updated {describeAge(jobs.data.fetchedAt, now)}
          </Caption1>
        )}
        {props.poolId && <Link onClick={() => go('jobs')}>Show every pool&apos;s jobs</Link>}
        <Button appearance="primary" icon={<AddRegular />} onClick={() => go('jobs', { create: '1', ...(props.poolId ? { poolId: props.poolId } : {}) })}>
          Create job
        </Button>
      </div>
      {jobs.isPending && <Spinner label="Listing jobs…" />}
      {jobs.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{jobs.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {jobs.data && (
        <div ref={box}>
          <VirtualTable
            label="Jobs"
            testId="jobs-table"
            columns={columns}
            rowCount={list.length}
            rowKey={(i) => (list[i] as JobSummary).id}
            height="calc(100vh - 220px)"
            rowHeight={rowHeight}
            empty={<p className={styles.empty}>No jobs yet. Create one on a pool to run tasks there.</p>}
            renderCell={(i, column) => {
              const job = list[i] as JobSummary;
              switch (column) {
                case 'id':
                  return (
                    <Link href={`#jobs?${new URLSearchParams({ accountId, jobId: job.id }).toString()}`} onClick={(e) => (e.preventDefault(), open(job.id))} title={job.displayName ?? job.id}>
                      {job.id}
                    </Link>
                  );
                case 'state':
                  return job.state;
                case 'pool':
                  return job.poolId ? <Link onClick={() => go('pools', { accountId, poolId: job.poolId as string })}>{job.poolId}</Link> : '—';
                case 'priority':
                  return job.priority;
                case 'created':
                  return <CreatedAt at={job.creationTime} now={now} />;
                case 'tasks':
                  return <TaskCountsBadges counts={countsOf(counts.data, job.id)} />;
                default:
                  return null;
              }
            }}
          />
        </div>
      )}
    </section>
  );
}
