import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  MessageBar,
  MessageBarBody,
  Option,
  makeStyles,
  ProgressBar,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { nodeColumn, type NodeAction, type NodeRow } from '../../../../contract/features/batch-models';
import { ServiceErrorMessage } from '../../../components/service-error-message';
import { useScopedAccountId } from '../../accounts/account-scope';
import { doneCount } from '../../operations/use-operations';
import { countByState, stateLabel } from '../node-state-style';
import { useNodeSelection } from './node-selection';
import { useNodeAction } from './use-node-action';
import { deallocateActions } from './deallocate-actions';

const actions: { action: NodeAction; label: string; confirm?: string }[] = [
  { action: 'reboot', label: 'Reboot', confirm: 'Running tasks are requeued and the nodes restart.' },
  { action: 'reimage', label: 'Reimage', confirm: 'The OS disk is rebuilt: everything on the nodes is lost; tasks are requeued.' },
  { action: 'remove', label: 'Remove from pool', confirm: 'The nodes leave the pool and the pool shrinks; tasks are requeued.' },
  { action: 'disable-scheduling', label: 'Disable scheduling' },
  { action: 'enable-scheduling', label: 'Enable scheduling' },
  ...deallocateActions,
];

const useStyles = makeStyles({
  bar: { display: 'grid', gap: tokens.spacingVerticalS },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  progressRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  progress: { flex: 1 },
});

/**
 * Bulk actions on the selected nodes, or on every node in one state, with confirmation, progress, cancel and each
 * node's result; the last action of the pool is shown again after a reload (main keeps it).
 */
export function BulkActionsBar(props: { poolId: string; rows: NodeRow[] }) {
  const styles = useStyles();
  const { selected, replace } = useNodeSelection();
  const counts = useMemo(() => countByState(props.rows.map((r) => r[nodeColumn.state])), [props.rows]);
  const [target, setTarget] = useState<string>('selection');
  const [pending, setPending] = useState<(typeof actions)[number] | undefined>();
  const { mutation, latest, cancel, running } = useNodeAction(useScopedAccountId(), props.poolId);
  const summary = latest?.summary;
  const failed = latest ? Object.values(latest.items).filter((item) => item.status === 'failed') : [];
  const stateTarget = target.startsWith('state:') ? target.slice(6) : undefined;
  const count = stateTarget ? (counts.get(stateTarget) ?? 0) : selected.size;
  const describe = stateTarget ? `all ${count} ${stateLabel(stateTarget)} nodes` : `${count} selected node${count === 1 ? '' : 's'}`;
  const run = (item: (typeof actions)[number]) => {
    setPending(undefined);
    mutation.mutate({ action: item.action, target: stateTarget ? { state: stateTarget } : { nodeIds: [...selected] } });
  };
  return (
    <div className={styles.bar}>
      <div role="toolbar" aria-label="Node actions" className={styles.toolbar}>
        <Dropdown
          size="small"
          aria-label="Act on"
          value={stateTarget ? `All ${stateLabel(stateTarget)} (${count})` : `Selected nodes (${selected.size})`}
          selectedOptions={[target]}
          onOptionSelect={(_, d) => d.optionValue && setTarget(d.optionValue)}
        >
          <Option value="selection">{`Selected nodes (${selected.size})`}</Option>
          {[...counts.entries()].map(([state, n]) => (
            <Option key={state} value={`state:${state}`}>{`All ${stateLabel(state)} (${n})`}</Option>
          ))}
        </Dropdown>
        {actions.map((item) => (
          <Button key={item.action} size="small" disabled={count === 0 || running} onClick={() => (item.confirm ? setPending(item) : run(item))}>
            {item.label}
          </Button>
        ))}
        {selected.size > 0 && (
          <Button size="small" appearance="subtle" onClick={() => replace(new Set())}>
            Clear selection
          </Button>
        )}
      </div>
      {running && (
        <div className={styles.progressRow}>
          <ProgressBar value={summary ? doneCount(summary) / Math.max(1, summary.total) : undefined} className={styles.progress} />
          <Caption1 data-testid="node-action-progress">
            {summary ? `${summary.subject}: ${doneCount(summary)} of ${summary.total}${summary.counts.failed ? `, ${summary.counts.failed} failed` : ''}` : 'Starting…'}
          </Caption1>
          <Button size="small" onClick={cancel} data-testid="node-action-cancel">
            Cancel
          </Button>
        </div>
      )}
      {mutation.isError && <ServiceErrorMessage error={mutation.error} />}
      {summary && !running && (
        <MessageBar intent={failed.length || summary.state !== 'finished' ? 'warning' : 'success'} data-testid="node-action-result">
          <MessageBarBody>
            {actions.find((a) => a.action === summary.subject)?.label ?? summary.subject}: {summary.counts.succeeded} of {summary.total} nodes accepted the action
            {summary.state === 'cancelled' ? ` (cancelled; ${summary.counts.cancelled} not sent or aborted)` : ''}
            {summary.error ? ` (stopped: ${summary.error.message})` : ''}.
            {failed.slice(0, 5).map((f) => (
              <div key={f.id}>
                <code>{f.id}</code>: {f.error?.serviceCode ?? f.error?.code} — {f.error?.message}
              </div>
            ))}
            {failed.length > 5 && <div>…and {failed.length - 5} more.</div>}
          </MessageBarBody>
        </MessageBar>
      )}
      <Dialog open={pending !== undefined} onOpenChange={(_, d) => (d.open ? undefined : setPending(undefined))}>
        <DialogSurface aria-label="Confirm node action">
          <DialogBody>
            <DialogTitle>
              {pending?.label} {describe}?
            </DialogTitle>
            <DialogContent>{pending?.confirm}</DialogContent>
            <DialogActions>
              <Button onClick={() => setPending(undefined)}>Cancel</Button>
              <Button appearance="primary" onClick={() => pending && run(pending)}>
                {pending?.label}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
