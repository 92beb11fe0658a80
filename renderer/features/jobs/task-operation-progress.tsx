import { Badge, Body1Strong, Button, Caption1, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { cancelOperation, doneCount, type TrackedOperation } from '../operations/use-operations';

/** Up to this many items, every task's result is listed; past it, the failures only. */
const listAll = 100;
const failuresShown = 100;

const useStyles = makeStyles({
  box: {
    display: 'grid',
    gap: tokens.spacingVerticalSNudge,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalSNudge },
  results: { margin: 0, paddingLeft: '18px', maxHeight: '140px', overflow: 'auto' },
});

/** What an operation does in words: `reactivate job-1` → "Reactivate on job-1", `add job-1` → "Add tasks to job-1". */
function title(subject: string, total: number): string {
  const [action = '', jobId = ''] = subject.split(' ');
  const n = `${total.toLocaleString()} task${total === 1 ? '' : 's'}`;
  return action === 'add' ? `Add ${n} to ${jobId}` : `${action.charAt(0).toUpperCase()}${action.slice(1)} ${n} of ${jobId}`;
}

/** Live progress of a task operation (add, reactivate, terminate, delete): a bar, counts, cancel, and a result per task. */
export function TaskOperationProgress(props: { operation: TrackedOperation }) {
  const { summary, items } = props.operation;
  const styles = useStyles();
  const [cancelling, setCancelling] = useState(false);
  const done = doneCount(summary);
  const running = summary.state === 'running';
  const all = Object.values(items).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  const failures = all.filter((i) => i.status === 'failed');
  const listed = summary.total <= listAll ? all.filter((i) => i.status !== 'pending') : failures.slice(0, failuresShown);
  const badges: [string, number, 'danger' | 'informative' | 'success'][] = [
    ...Object.entries(summary.outcomes).map(([outcome, n]): [string, number, 'success'] => [outcome, n, 'success']),
    ['failed', summary.counts.failed, 'danger'],
    ['cancelled', summary.counts.cancelled, 'informative'],
    ['in progress', summary.counts.running + summary.counts.retrying + summary.counts.pending, 'informative'],
  ];
  const cancel = async () => {
    setCancelling(true);
    await cancelOperation(summary.operationId).finally(() => setCancelling(false));
  };
  return (
    <section aria-label={title(summary.subject, summary.total)} data-testid="task-operation" data-state={summary.state} className={styles.box}>
      <div className={styles.heading}>
        <Body1Strong>{title(summary.subject, summary.total)}</Body1Strong>
        <Caption1>
          {done.toLocaleString()} / {summary.total.toLocaleString()} done{running ? '' : ` · ${summary.state}`}
        </Caption1>
        {running && (
          <Button size="small" onClick={() => void cancel()} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </Button>
        )}
      </div>
      <ProgressBar value={summary.total ? done / summary.total : 0} color={failures.length ? 'warning' : 'brand'} />
      <div className={styles.counts}>
        {badges
          .filter(([, n]) => n > 0)
          .map(([label, n, color]) => (
            <Badge key={label} appearance="outline" color={color}>
              {label} {n.toLocaleString()}
            </Badge>
          ))}
      </div>
      {summary.error && <Caption1>Stopped: {summary.error.message}</Caption1>}
      {listed.length > 0 && (
        <ul aria-label="Result per task" className={styles.results}>
          {listed.map((item) => (
            <li key={item.id}>
              <Caption1>
                <code>{item.id}</code>:{' '}
                {item.status === 'failed' ? `${item.error?.serviceCode ? `${item.error.serviceCode} — ` : ''}${item.error?.message ?? 'failed'}` : (item.outcome ?? item.status)}
              </Caption1>
            </li>
          ))}
          {summary.total > listAll && failures.length > failuresShown && <Caption1>… and {failures.length - failuresShown} more failures.</Caption1>}
        </ul>
      )}
    </section>
  );
}
