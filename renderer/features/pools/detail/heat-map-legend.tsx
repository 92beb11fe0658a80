import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { nodeColumn, type NodeRow } from '../../../../contract/features/batch-models';
import { countByState, stateBackground, stateLabel, useStateBackgrounds } from '../node-state-style';
import { useNodeSelection } from './node-selection';

const useStyles = makeStyles({
  legend: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  swatch: { display: 'inline-block', width: '10px', height: '10px', borderRadius: tokens.borderRadiusSmall, marginRight: tokens.spacingHorizontalSNudge },
});

/** The colours of the heat map with counts; a click selects every node in that state. */
export function HeatMapLegend(props: { rows: NodeRow[] }) {
  const counts = useMemo(() => countByState(props.rows.map((r) => r[nodeColumn.state])), [props.rows]);
  const select = useNodeSelection((s) => s.select);
  const styles = useStyles();
  const backgrounds = useStateBackgrounds();
  const selectState = (state: string) =>
    select(props.rows.filter((r) => r[nodeColumn.state] === state).map((r) => r[nodeColumn.id]), 'replace');
  return (
    <div aria-label="Node states" className={styles.legend}>
      {[...counts.entries()].map(([state, count]) => (
        <Button key={state} size="small" appearance="subtle" onClick={() => selectState(state)} title={`Select all ${stateLabel(state)} nodes`}>
          <span aria-hidden className={mergeClasses(styles.swatch, stateBackground(backgrounds, state))} />
          {stateLabel(state)}: {count}
        </Button>
      ))}
    </div>
  );
}
