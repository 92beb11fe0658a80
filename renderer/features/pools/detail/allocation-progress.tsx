import { Caption1, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar } from '@fluentui/react-components';
import type { PoolDetail } from '../../../../contract/features/batch-models';
import { NodeCountsBar } from '../node-counts-bar';
import { mergeCounts, settledStates, stateLabel } from '../node-state-style';

/** Live allocation progress: allocation state, nodes arrived of the target, counts by state, and resize errors. */
export function AllocationProgress(props: { pool: PoolDetail }) {
  const { pool } = props;
  const counts = mergeCounts(pool.nodeCounts);
  const target = pool.targetDedicatedNodes + pool.targetSpotNodes;
  const settled = counts.filter((c) => settledStates.has(c.state)).reduce((sum, c) => sum + c.count, 0);
  const arriving = counts.filter((c) => !settledStates.has(c.state));
  const done = pool.allocationState === 'steady' && arriving.length === 0;
  return (
    <section aria-label="Allocation progress" data-testid="allocation-progress" style={{ display: 'grid', gap: 4 }}>
      <Caption1>
        {done
          ? `Steady: ${settled} of ${target} nodes ready.`
          : `Allocation ${pool.allocationState}: ${settled} of ${target} nodes ready${arriving.length ? ` (${arriving.map((c) => `${c.count} ${stateLabel(c.state)}`).join(', ')})` : ''}.`}
      </Caption1>
      {!done && <ProgressBar value={target > 0 ? Math.min(1, settled / target) : undefined} />}
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
