import { Badge, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { TaskCounts } from '../../../contract/features/jobs';

const useStyles = makeStyles({ row: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'nowrap' } });

/** A job's task counts (from `/taskcounts`) as small badges: active, running, succeeded, failed (red when any). */
export function TaskCountsBadges(props: { counts: TaskCounts | undefined }) {
  const styles = useStyles();
  const { counts } = props;
  if (!counts) return <Caption1>…</Caption1>;
  const total = counts.active + counts.running + counts.completed;
  if (total === 0) return <Caption1>no tasks</Caption1>;
  const text = `${counts.active} active, ${counts.running} running, ${counts.succeeded} succeeded, ${counts.failed} failed`;
  return (
    <span className={styles.row} aria-label={`Tasks: ${text}`} title={text} data-testid="job-task-counts">
      <Badge appearance="outline" color="informative">{counts.active.toLocaleString()} active</Badge>
      <Badge appearance="outline" color="brand">{counts.running.toLocaleString()} running</Badge>
      <Badge appearance="outline" color="success">{counts.succeeded.toLocaleString()} ok</Badge>
      <Badge appearance={counts.failed ? 'filled' : 'outline'} color={counts.failed ? 'danger' : 'informative'}>
        {counts.failed.toLocaleString()} failed
      </Badge>
    </span>
  );
}
