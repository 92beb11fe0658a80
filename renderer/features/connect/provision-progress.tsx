import { Badge, Body1Strong, Button, Caption1, ProgressBar, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { NodeProgressStatus } from '../../../contract/features/provision';
import { call } from '../../ipc/client';
import type { TrackedOperation } from './use-provision-operations';

const finalStatuses: NodeProgressStatus[] = ['created', 'updated', 'removed', 'notPresent', 'failed', 'cancelled'];
const shownCounts: NodeProgressStatus[] = ['created', 'updated', 'removed', 'notPresent', 'failed', 'cancelled', 'retrying', 'running', 'pending'];
const failuresShown = 50;

/** Live progress of one operation: a bar, counts per status, cancel while it runs, and every failed node's reason. */
export function ProvisionProgress(props: { operation: TrackedOperation }) {
  const { summary, nodes } = props.operation;
  const [cancelling, setCancelling] = useState(false);
  const done = finalStatuses.reduce((sum, s) => sum + (summary.counts[s] ?? 0), 0);
  const failures = Object.values(nodes).filter((n) => n.status === 'failed');
  const verb = summary.kind === 'apply' ? `Adding ${summary.userName} to` : `Removing ${summary.userName} from`;
  const running = summary.state === 'running';

  const cancel = async () => {
    setCancelling(true);
    await call('provision:cancel', { operationId: summary.operationId }).finally(() => setCancelling(false));
  };

  return (
    <section
      aria-label={`${verb} ${summary.total} nodes`}
      data-testid="provision-progress"
      data-state={summary.state}
      style={{ display: 'grid', gap: 6, padding: 12, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: 4 }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
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
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        {shownCounts
          .filter((s) => (summary.counts[s] ?? 0) > 0)
          .map((s) => (
            <Badge key={s} appearance="outline" color={s === 'failed' ? 'danger' : s === 'retrying' ? 'warning' : 'informative'}>
              {s} {summary.counts[s]}
            </Badge>
          ))}
      </div>
      {failures.length > 0 && (
        <ul aria-label="Failed nodes" style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflow: 'auto' }}>
          {failures.slice(0, failuresShown).map((n) => (
            <li key={n.nodeId}>
              <Caption1>
                <code>{n.nodeId}</code>: {n.error?.serviceCode ? `${n.error.serviceCode} — ` : ''}
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
