import { Badge, Button, Caption1, Link, makeStyles, MessageBar, MessageBarBody, Spinner, Title2, tokens, Tooltip } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import type { PoolSummary } from '../../../contract/features/batch-models';
import { describeAge } from '../images/image-filters';
import { useNow } from '../../components/use-now';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
import { useNavigation } from '../../navigation';
import { useLayoutStyles } from '../../theme/layout-styles';
import { useScopedAccountId } from '../accounts/account-scope';
import { poolRetirements } from '../pricing/pool-retirements';
import { RetirementBadge } from '../pricing/retirement-warnings';
import { NodeCountsBar } from './node-counts-bar';
import { mergeCounts } from './node-state-style';
import { PoolRowActions } from './pool-row-actions';
import { usePools } from './use-pools';

const columns: VirtualColumn[] = [
  { key: 'id', header: 'Pool', grow: 1 },
  { key: 'state', header: 'State' },
  { key: 'allocation', header: 'Allocation' },
  { key: 'vmSize', header: 'VM size' },
  { key: 'dedicated', header: 'Dedicated (now / target)' },
  { key: 'spot', header: 'Spot (now / target)' },
  { key: 'nodes', header: 'Nodes by state', grow: 2, min: 180 },
  { key: 'ssh', header: 'SSH' },
  { key: 'actions', header: '', min: 50 },
];

const useStyles = makeStyles({
  empty: { padding: tokens.spacingHorizontalL },
});

/** `3 / 5` with what it means on hover. */
function NodeTarget(props: { kind: string; current: number; target: number }) {
  return <span title={`${props.current} ${props.kind} nodes now, ${props.target} wanted`}>{`${props.current} / ${props.target}`}</span>;
}

/** A badge that says how the pool's nodes can be reached over SSH. */
export function SshAccessBadge(props: { access: PoolSummary['sshAccess'] }) {
  if (props.access === 'none') {
    return (
      <Tooltip content="No inbound NAT pool for port 22: nodes have no SSH endpoint." relationship="description">
        <Badge color="danger" appearance="tint">none</Badge>
      </Tooltip>
    );
  }
  const label = props.access === 'nat-pool' ? 'NAT pool' : 'default';
  const why =
    props.access === 'nat-pool'
      ? 'An inbound NAT pool maps port 22: every node has an SSH endpoint.'
      : 'Created before 30 Nov 2025: the service mapped port 22 itself.';
  return (
    <Tooltip content={why} relationship="description">
      <Badge color="success" appearance="tint">
        {label}
      </Badge>
    </Tooltip>
  );
}

/** The window account's pools: states, targets, node counts by state (from /nodecounts), refreshed while visible. */
export function PoolListPage() {
  const accountId = useScopedAccountId();
  const pools = usePools(accountId);
  const go = useNavigation((s) => s.go);
  const styles = useStyles();
  const layout = useLayoutStyles();
  const now = useNow(5000);
  const list = pools.data?.pools ?? [];
  return (
    <section aria-labelledby="page-title" className={layout.page}>
      <div className={layout.header}>
        <Title2 as="h2" id="page-title">
          Pools
        </Title2>
        {pools.data && (
          <Caption1>
            {pools.data.account.name}: {list.length} {list.length === 1 ? 'pool' : 'pools'}, updated {describeAge(pools.data.fetchedAt, now)}
          </Caption1>
        )}
        <Button appearance="primary" icon={<AddRegular />} onClick={() => go('pools', { create: '1' })}>
          Create pool
        </Button>
      </div>
      {pools.isPending && <Spinner label="Listing pools…" />}
      {pools.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{pools.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {pools.data && (
        <VirtualTable
          label="Pools"
          testId="pools-table"
          columns={columns}
          rowCount={list.length}
          rowKey={(i) => (list[i] as PoolSummary).id}
          height="calc(100vh - 240px)"
          rowHeight={44}
          empty={<p className={styles.empty}>No pools yet. Create one, or start from an image on the Images page.</p>}
          renderCell={(i, column) => {
            const pool = list[i] as PoolSummary;
            switch (column) {
              case 'id':
                return (
                  <Link
                    href={`#pools?${new URLSearchParams({ accountId, poolId: pool.id }).toString()}`}
                    onClick={(event) => (event.preventDefault(), go('pools', { accountId, poolId: pool.id }))}
                    title={pool.displayName ?? pool.id}
                  >
                    {pool.id}
                  </Link>
                );
              case 'state':
                return pool.state;
              case 'allocation':
                return pool.allocationState;
              case 'vmSize':
                return <>{pool.vmSize} <RetirementBadge warnings={poolRetirements(pool, now)} /></>;
              case 'dedicated':
                return <NodeTarget kind="dedicated" current={pool.currentDedicatedNodes} target={pool.targetDedicatedNodes} />;
              case 'spot':
                return <NodeTarget kind="spot" current={pool.currentSpotNodes} target={pool.targetSpotNodes} />;
              case 'nodes':
                return <NodeCountsBar counts={mergeCounts(pool.nodeCounts)} />;
              case 'ssh':
                return <SshAccessBadge access={pool.sshAccess} />;
              case 'actions':
                return <PoolRowActions accountId={accountId} pool={pool} />;
              default:
                return null;
            }
          }}
        />
      )}
    </section>
  );
}
