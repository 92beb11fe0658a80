import { Caption1, Tooltip } from '@fluentui/react-components';
import { stateColor, stateLabel } from './node-state-style';

/** A stacked bar of node counts by state with a short legend (from `/nodecounts`, never from listing nodes). */
export function NodeCountsBar(props: { counts: { state: string; count: number }[]; compact?: boolean }) {
  const total = props.counts.reduce((sum, c) => sum + c.count, 0);
  if (total === 0) return <Caption1>no nodes</Caption1>;
  const text = props.counts.map((c) => `${c.count} ${stateLabel(c.state)}`).join(', ');
  return (
    <div style={{ display: 'grid', gap: 2, minWidth: 0 }} data-testid="node-counts" aria-label={`Nodes: ${text}`}>
      <div style={{ display: 'flex', height: 8, borderRadius: 2, overflow: 'hidden', minWidth: 80 }}>
        {props.counts.map((c) => (
          <Tooltip key={c.state} content={`${c.count} ${stateLabel(c.state)}`} relationship="label">
            <div style={{ flexGrow: c.count, background: stateColor(c.state) }} />
          </Tooltip>
        ))}
      </div>
      {!props.compact && <Caption1 style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{text}</Caption1>}
    </div>
  );
}
