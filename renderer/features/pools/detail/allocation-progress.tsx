import { Caption1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { PoolDetail } from '../../../../contract/features/batch-models';
import { NodeCountsBar } from '../node-counts-bar';
import { mergeCounts, settledStates, stateLabel } from '../node-state-style';

const useStyles = makeStyles({ section: { display: 'grid', gap: tokens.spacingVerticalXS } });

/** What the progress line says: deleting, a finished resize, steady, or allocation under way. */
export function allocationText(pool: PoolDetail, settled: number, arriving: string, resized: boolean): string {
  const target = pool.targetDedicatedNodes + pool.targetSpotNodes;
  const nodes = (n: number) => (n === 1 ? '1 node' : `${n} nodes`);
  if (pool.state === 'deleting') {
    const left = pool.currentDedicatedNodes + pool.currentSpotNodes;
    return `Deleting the pool: ${left > 0 ? `${nodes(left)} still to remove` : 'removing the pool itself'}. The page says so when it is gone.`;
  }
  if (pool.allocationState === 'steady' && arriving === '') {
    return `Steady: ${settled} of ${nodes(target)} ready.${resized ? ' The resize has finished.' : ''}`;
  }
  return `Allocation ${pool.allocationState}: ${settled} of ${nodes(target)} ready${arriving ? ` (${arriving})` : ''}.`;
}

/** Live allocation progress: allocation state, nodes arrived of the target, counts by state, and resize errors. */
export function AllocationProgress(props: { pool: PoolDetail }) {
  const { pool } = props;
  const styles = useStyles();
  const counts = mergeCounts(pool.nodeCounts);
  const target = pool.targetDedicatedNodes + pool.targetSpotNodes;
  const settled = counts.filter((c) => settledStates.has(c.state)).reduce((sum, c) => sum + c.count, 0);
  const arriving = counts
    .filter((c) => !settledStates.has(c.state))
    .map((c) => `${c.count} ${stateLabel(c.state)}`)
    .join(', ');
  // A resize seen while this page is open ends in "Resize finished" rather than a plain "Steady".
  const [resized, setResized] = useState(false);
  if (pool.allocationState === 'resizing' && !resized) setResized(true);
  const done = pool.state !== 'deleting' && pool.allocationState === 'steady' && arriving === '';
  return (
    <section aria-label="Allocation progress" data-testid="allocation-progress" className={styles.section}>
      <Caption1 data-testid="allocation-text">{allocationText(pool, settled, arriving, resized)}</Caption1>
      {!done && <ProgressBar value={target > 0 && pool.state !== 'deleting' ? Math.min(1, settled / target) : undefined} />}
      <NodeCountsBar counts={counts} compact />
      {pool.resizeErrors.map((e) => (
        <MessageBar key={e.code + e.message} intent="error">
          <MessageBarBody>
            <MessageBarTitle>{e.code}</MessageBarTitle>
            {e.message}
          </MessageBarBody>
        </MessageBar>
      ))}
    </section>
  );
}
