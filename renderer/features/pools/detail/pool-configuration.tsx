import { makeStyles, tokens } from '@fluentui/react-components';
import type { PoolDetail } from '../../../../contract/features/batch-models';
import { poolOptionRows } from './pool-option-rows';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: `${tokens.spacingVerticalSNudge} ${tokens.spacingHorizontalL}`, margin: 0 },
  pair: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

/** Read-only facts about the pool: image, agent, slots, the 2025-06-01 options, NAT pools and start task. */
export function PoolConfiguration(props: { pool: PoolDetail }) {
  const { pool } = props;
  const styles = useStyles();
  const image = pool.image ? `${pool.image.publisher}/${pool.image.offer}/${pool.image.sku}/${pool.image.version ?? 'latest'}` : '—';
  const rows: [string, string][] = [
    ['Image', image],
    ['Node agent SKU', pool.nodeAgentSkuId ?? '—'],
    ['Task slots per node', String(pool.taskSlotsPerNode ?? 1)],
    ...poolOptionRows(pool.options),
    ['Created', pool.creationTime ?? '—'],
    ...pool.natPools.map((nat): [string, string] => [
      `NAT pool ${nat.name}`,
      `${nat.protocol} ${nat.frontendPortRangeStart}–${nat.frontendPortRangeEnd} → ${nat.backendPort}; ${nat.sourcePrefixes.join(', ') || 'default rule'}`,
    ]),
    ['Start task', pool.startTask ? pool.startTask.commandLine : 'none'],
  ];
  if (pool.startTask) {
    rows.push(['Start task runs', `${pool.startTask.elevated ? 'as pool admin' : 'as non-admin'}, ${pool.startTask.waitForSuccess ? 'waits for success' : 'does not wait'}`]);
    for (const v of pool.startTask.environment) rows.push([`env ${v.name}`, v.value]);
  }
  return (
    <dl className={styles.list}>
      {rows.map(([term, value]) => (
        <div key={term} className={styles.pair}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
