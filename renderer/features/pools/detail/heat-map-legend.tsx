import { Button } from '@fluentui/react-components';
import { useMemo } from 'react';
import { nodeColumn, type NodeRow } from '../../../../contract/features/batch-models';
import { countByState, stateColor, stateLabel } from '../node-state-style';
import { useNodeSelection } from './node-selection';

/** The colours of the heat map with counts; a click selects every node in that state. */
export function HeatMapLegend(props: { rows: NodeRow[] }) {
  const counts = useMemo(() => countByState(props.rows.map((r) => r[nodeColumn.state])), [props.rows]);
  const select = useNodeSelection((s) => s.select);
  const selectState = (state: string) =>
    select(props.rows.filter((r) => r[nodeColumn.state] === state).map((r) => r[nodeColumn.id]), 'replace');
  return (
    <div aria-label="Node states" style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
      {[...counts.entries()].map(([state, count]) => (
        <Button key={state} size="small" appearance="subtle" onClick={() => selectState(state)} title={`Select all ${stateLabel(state)} nodes`}>
          <span aria-hidden style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, marginRight: 6, background: stateColor(state) }} />
          {stateLabel(state)}: {count}
        </Button>
      ))}
    </div>
  );
}
