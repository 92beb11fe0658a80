import { Badge, Body1Strong, Button, Caption1, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { cancelOperation, doneCount, type TrackedOperation } from '../operations/use-operations';

const inFlight = ['retrying', 'running', 'pending'] as const;
const failuresShown = 50;

const useStyles = makeStyles({
  box: {
    display: 'grid',
    gap: tokens.spacingVerticalSNudge,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalSNudge },
  failures: { margin: 0, paddingLeft: '18px', maxHeight: '160px', overflow: 'auto' },
});

/** Live progress of one provisioning operation: a bar, counts per outcome and status, cancel while it runs, every failed node's reason. */
export function ProvisionProgress(props: { operation: TrackedOperation }) {
  const { summary, items } = props.operation;
  const styles = useStyles();
  const [cancelling, setCancelling] = useState(false);
  const done = doneCount(summary);
  const failures = Object.values(items).filter((n) => n.status === 'failed');
  const verb = summary.kind === 'provision-apply' ? `Adding ${summary.subject} to` : `Removing ${summary.subject} from`;
  const running = summary.state === 'running';
  const badges: [string, number, 'danger' | 'warning' | 'informative'][] = [
    ...Object.entries(summary.outcomes).map(([outcome, n]): [string, number, 'informative'] => [outcome, n, 'informative']),
    ['failed', summary.counts.failed, 'danger'],
    ['cancelled', summary.counts.cancelled, 'informative'],
    ...inFlight.map((s): [string, number, 'warning' | 'informative'] => [s, summary.counts[s], s === 'retrying' ? 'warning' : 'informative']),
  ];

  const cancel = async () => {
    setCancelling(true);
    await cancelOperation(summary.operationId).finally(() => setCancelling(false));
  };

  return (
    <section
      aria-label={`${verb} ${summary.total} nodes`}
      data-testid="provision-progress"
      data-state={summary.state}
      className={styles.box}
    >
      <div className={styles.heading}>
        <Body1Strong>
          {verb} {summary.total} node(s)
        </Body1Strong>
        <Caption1 data-testid="provision-done">
          {done} / {summary.total} done{running ? '' : ` · ${summary.state}`}
        </Caption1>
        {running && (
          <Button size="small" onClick={() => void cancel()} disabled={cancelling} data-testid="provision-cancel">
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </Button>
        )}
      </div>
      <ProgressBar value={summary.total ? done / summary.total : 0} color={failures.length ? 'warning' : 'brand'} />
      <div className={styles.counts} data-testid="provision-counts">
        {badges
          .filter(([, n]) => n > 0)
          .map(([label, n, color]) => (
            <Badge key={label} appearance="outline" color={color}>
              {label} {n}
            </Badge>
          ))}
      </div>
      {summary.error && <Caption1>Stopped: {summary.error.message}</Caption1>}
      {failures.length > 0 && (
        <ul aria-label="Failed nodes" className={styles.failures}>
          {failures.slice(0, failuresShown).map((n) => (
            <li key={n.id}>
              <Caption1>
                <code>{n.id}</code>: {n.error?.serviceCode ? `${n.error.serviceCode} — ` : ''}
                {n.error?.message}
              </Caption1>
            </li>
          ))}
          {failures.length > failuresShown && <Caption1>… and {failures.length - failuresShown} more (sort the table by user status to see them).</Caption1>}
        </ul>
      )}
    </section>
  );
}
