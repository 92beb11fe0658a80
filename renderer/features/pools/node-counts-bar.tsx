import { Caption1, makeStyles, tokens, Tooltip } from '@fluentui/react-components';
import { stateBackground, stateLabel, useStateBackgrounds } from './node-state-style';

const useStyles = makeStyles({
  box: { display: 'grid', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  bar: { display: 'flex', height: '8px', borderRadius: tokens.borderRadiusSmall, overflow: 'hidden', minWidth: '80px' },
  legend: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

/** A stacked bar of node counts by state with a short legend (from `/nodecounts`, never from listing nodes). */
export function NodeCountsBar(props: { counts: { state: string; count: number }[]; compact?: boolean }) {
  const styles = useStyles();
  const backgrounds = useStateBackgrounds();
  const total = props.counts.reduce((sum, c) => sum + c.count, 0);
  if (total === 0) return <Caption1>no nodes</Caption1>;
  const text = props.counts.map((c) => `${c.count} ${stateLabel(c.state)}`).join(', ');
  return (
    <div className={styles.box} data-testid="node-counts" aria-label={`Nodes: ${text}`}>
      <div className={styles.bar}>
        {props.counts.map((c) => (
          <Tooltip key={c.state} content={`${c.count} ${stateLabel(c.state)}`} relationship="label">
            {/* Each segment's share of the bar is data: inline; its colour is its state's class. */}
            <div className={stateBackground(backgrounds, c.state)} style={{ flexGrow: c.count }} />
          </Tooltip>
        ))}
      </div>
      {!props.compact && <Caption1 className={styles.legend}>{text}</Caption1>}
    </div>
  );
}
