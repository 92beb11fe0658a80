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
  ProgressBar,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { nodeColumn, type NodeAction, type NodeRow } from '../../../../contract/features/batch-models';
import { ServiceErrorMessage } from '../../../components/service-error-message';
import { countByState, stateLabel } from '../node-state-style';
import { useNodeSelection } from './node-selection';
import { useNodeAction } from './use-node-action';

const actions: { action: NodeAction; label: string; confirm?: string }[] = [
  { action: 'reboot', label: 'Reboot', confirm: 'Running tasks are requeued and the nodes restart.' },
  { action: 'reimage', label: 'Reimage', confirm: 'The OS disk is rebuilt: everything on the nodes is lost; tasks are requeued.' },
  { action: 'remove', label: 'Remove from pool', confirm: 'The nodes leave the pool and the pool shrinks; tasks are requeued.' },
  { action: 'disable-scheduling', label: 'Disable scheduling' },
  { action: 'enable-scheduling', label: 'Enable scheduling' },
];

/** Bulk actions on the selected nodes, or on every node in one state, with confirmation, progress and cancel. */
export function BulkActionsBar(props: { poolId: string; rows: NodeRow[] }) {
  const { selected, replace } = useNodeSelection();
  const counts = useMemo(() => countByState(props.rows.map((r) => r[nodeColumn.state])), [props.rows]);
  const [target, setTarget] = useState<string>('selection');
  const [pending, setPending] = useState<(typeof actions)[number] | undefined>();
  const { mutation, progress, cancel, running } = useNodeAction(props.poolId);
  const stateTarget = target.startsWith('state:') ? target.slice(6) : undefined;
  const count = stateTarget ? (counts.get(stateTarget) ?? 0) : selected.size;
  const describe = stateTarget ? `all ${count} ${stateLabel(stateTarget)} nodes` : `${count} selected node${count === 1 ? '' : 's'}`;
  const run = (item: (typeof actions)[number]) => {
    setPending(undefined);
    mutation.mutate({ action: item.action, target: stateTarget ? { state: stateTarget } : { nodeIds: [...selected] } });
  };
  const result = mutation.data;
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      <div role="toolbar" aria-label="Node actions" style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
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
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <ProgressBar value={progress ? progress.done / Math.max(1, progress.total) : undefined} style={{ flex: 1 }} />
          <Caption1>{progress ? `${progress.done} of ${progress.total}${progress.failed ? `, ${progress.failed} failed` : ''}` : 'Starting…'}</Caption1>
          <Button size="small" onClick={cancel}>
            Cancel
          </Button>
        </div>
      )}
      {mutation.isError && <ServiceErrorMessage error={mutation.error} />}
      {result && !running && (
        <MessageBar intent={result.failed.length ? 'warning' : 'success'} data-testid="node-action-result">
          <MessageBarBody>
            {result.succeeded} of {result.requested} nodes accepted the action{result.cancelled ? ' (cancelled)' : ''}.
            {result.failed.slice(0, 5).map((f) => (
              <div key={f.nodeId}>
                <code>{f.nodeId}</code>: {f.code} — {f.message}
              </div>
            ))}
            {result.failed.length > 5 && <div>…and {result.failed.length - 5} more.</div>}
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
