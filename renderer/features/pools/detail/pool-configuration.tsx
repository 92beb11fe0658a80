import { tokens } from '@fluentui/react-components';
import type { PoolDetail } from '../../../../contract/features/batch-models';
import { poolOptionRows } from './pool-option-rows';

/** Read-only facts about the pool: image, agent, slots, the 2025-06-01 options, NAT pools and start task. */
export function PoolConfiguration(props: { pool: PoolDetail }) {
  const { pool } = props;
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
    <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '6px 16px', margin: 0 }}>
      {rows.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt style={{ color: tokens.colorNeutralForeground3 }}>{term}</dt>
          <dd style={{ margin: 0, fontFamily: 'monospace', wordBreak: 'break-all' }}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
