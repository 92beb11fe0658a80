import { Badge, Button, Caption1, makeStyles, MessageBar, MessageBarBody, Spinner, Tab, TabList, Title2, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { nodeColumn } from '../../../../contract/features/batch-models';
import { serviceErrorInfo } from '../../../components/service-error-message';
import { useNavigation } from '../../../navigation';
import { RemoteLoginPanel } from '../../connect/remote-login-panel';
import { ForwardPortDialog } from '../../tunnels/forward-port-dialog';
import { TunnelsPanel } from '../../tunnels/tunnels-panel';
import { NodeFilesPanel } from '../../files/node-files-panel';
import { FleetPanel } from '../../fleet/fleet-panel';
import { NodeTaskShellMenu } from '../../jobs/node-task-shell';
import { SshAccessBadge } from '../pool-list-page';
import { PoolRowActions } from '../pool-row-actions';
import { usePool } from '../use-pools';
import { AllocationProgress } from './allocation-progress';
import { BulkActionsBar } from './bulk-actions-bar';
import { HeatMapLegend } from './heat-map-legend';
import { NodeHeatMap } from './node-heat-map';
import { pruneSelection, useNodeSelection } from './node-selection';
import { NodeTable } from './node-table';
import { PoolConfiguration } from './pool-configuration';
import { NoSshEndpointBanner } from './ssh-banner';
import { StartTaskOutput } from './start-task-output';
import { useNodeListProgress, useNodes } from './use-nodes';

const detailTabs = ['nodes', 'output', 'files', 'remote', 'fleet', 'config'] as const;
type DetailTab = (typeof detailTabs)[number];

const useStyles = makeStyles({
  gone: { padding: tokens.spacingHorizontalXXL, display: 'grid', gap: tokens.spacingVerticalM },
  page: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minHeight: 0,
  },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  nodes: { display: 'grid', gap: tokens.spacingVerticalS, minHeight: 0 },
});

/**
 * One pool of one account: allocation progress, heat map, node table, bulk actions, start task output and remote login.
 * Every request names `accountId`, the account the page was opened for.
 */
export function PoolDetailPage(props: { accountId: string; poolId: string }) {
  const { accountId, poolId } = props;
  const styles = useStyles();
  const go = useNavigation((s) => s.go);
  const justCreated = useNavigation((s) => s.route.params.created === '1');
  const pool = usePool(accountId, poolId);
  const nodes = useNodes(accountId, poolId);
  const progress = useNodeListProgress(accountId, poolId, !nodes.data);
  // `#pools?poolId=…&tab=remote` (the command palette's "Add user to pool…") opens on that tab.
  const routeTab = useNavigation((s) => s.route.params.tab);
  const [tab, setTab] = useState<DetailTab>(() => (detailTabs.includes(routeTab as DetailTab) ? (routeTab as DetailTab) : 'nodes'));
  const [outputNode, setOutputNode] = useState<string | undefined>();
  const [forwardNode, setForwardNode] = useState<string | undefined>();
  const { selected, replace, reset } = useNodeSelection();
  const rows = nodes.data?.rows;
  const ids = useMemo(() => (rows ?? []).map((r) => r[nodeColumn.id]), [rows]);

  useEffect(() => reset(poolId), [poolId, reset]);
  // `#pools?poolId=…&nodeId=…` (a task's node link) selects that node once its row is listed, in the table and the heat map.
  const routeNodeId = useNavigation((s) => s.route.params.nodeId);
  const selectedFromRoute = useRef<string | undefined>(undefined);
  useEffect(() => {
    const key = `${poolId}/${routeNodeId ?? ''}`;
    if (!routeNodeId || selectedFromRoute.current === key || !ids.includes(routeNodeId)) return;
    selectedFromRoute.current = key;
    replace(new Set([routeNodeId]));
    setTab('nodes');
  }, [poolId, routeNodeId, ids, replace]);
  useEffect(() => {
    const pruned = pruneSelection(selected, new Set(ids));
    if (pruned) replace(pruned);
  }, [ids, selected, replace]);

  // The pool was deleted, or the account this page was opened for was removed (NOT_FOUND): say which, offer the way back.
  const failure = pool.isError ? serviceErrorInfo(pool.error) : undefined;
  if (failure?.code === 'PoolNotFound' || failure?.code === 'NOT_FOUND') {
    const why = failure.code === 'PoolNotFound' ? `Pool ${poolId} no longer exists.` : `Pool ${poolId}: ${failure.message}`;
    return (
      <section className={styles.gone}>
        <MessageBar intent="info" data-testid="pool-gone">
          <MessageBarBody>{why}</MessageBarBody>
        </MessageBar>
        <Button onClick={() => go('pools')}>Back to pools</Button>
      </section>
    );
  }
  const detail = pool.data;
  const showOutput = (nodeId: string) => {
    setOutputNode(nodeId);
    setTab('output');
  };
  const showFiles = (nodeId: string) => {
    setOutputNode(nodeId);
    setTab('files');
  };
  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <div className={styles.row}>
        <Button appearance="subtle" onClick={() => go('pools')}>
          ← Pools
        </Button>
        <Title2 as="h2" id="page-title">
          {poolId}
        </Title2>
        {detail && (
          <>
            <Badge appearance="outline" data-testid="pool-state">{detail.state}</Badge>
            <Badge appearance="outline" data-testid="pool-allocation-state">{detail.allocationState}</Badge>
            <Caption1 data-testid="pool-account">in {detail.account.name}</Caption1>
            <Caption1>{detail.vmSize}</Caption1>
            <Caption1 data-testid="pool-dedicated">
              dedicated {detail.currentDedicatedNodes} now / {detail.targetDedicatedNodes} target, spot {detail.currentSpotNodes} now /{' '}
              {detail.targetSpotNodes} target
            </Caption1>
            <SshAccessBadge access={detail.sshAccess} />
            <PoolRowActions accountId={accountId} pool={detail} natPools={detail.natPools} asButtons onDeleted={() => undefined} />
            <Button appearance="subtle" onClick={() => go('jobs', { accountId, poolId })}>
              Jobs on this pool
            </Button>
          </>
        )}
      </div>
      {pool.isPending && <Spinner size="small" label="Loading pool…" />}
      {justCreated && detail && (
        <MessageBar intent="success" data-testid="pool-created">
          <MessageBarBody>Pool {poolId} was created. Its nodes appear below as Azure allocates and starts them.</MessageBarBody>
        </MessageBar>
      )}
      {detail?.sshAccess === 'none' && <NoSshEndpointBanner poolId={poolId} noPublicIp={detail.options?.publicIp.provision === 'nopublicipaddresses'} />}
      {detail && <AllocationProgress pool={detail} />}
      <TunnelsPanel accountId={accountId} poolId={poolId} />
      {forwardNode && <ForwardPortDialog accountId={accountId} poolId={poolId} nodeId={forwardNode} onClose={() => setForwardNode(undefined)} />}
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as DetailTab)}>
        <Tab value="nodes">Nodes{rows ? ` (${rows.length.toLocaleString()})` : ''}</Tab>
        <Tab value="output">Start task output</Tab>
        <Tab value="files">Files</Tab>
        <Tab value="remote">Remote login</Tab>
        <Tab value="fleet">Run command</Tab>
        <Tab value="config">Configuration</Tab>
      </TabList>
      {tab === 'nodes' && (
        <div className={styles.nodes}>
          {!rows && <Spinner size="small" label={progress ? `Listing nodes… ${progress.toLocaleString()}` : 'Listing nodes…'} />}
          {rows && (
            <>
              <div className={styles.row}>
                <HeatMapLegend rows={rows} />
                {nodes.data?.listedAt && <Caption1>listed {new Date(nodes.data.listedAt).toLocaleTimeString()}; kept fresh from node counts</Caption1>}
                <Button size="small" onClick={() => setTab('fleet')}>
                  Run on nodes…
                </Button>
              </div>
              <NodeHeatMap rows={rows} />
              <BulkActionsBar poolId={poolId} rows={rows} />
              <NodeTable
                rows={rows}
                onShowOutput={showOutput}
                onShowFiles={showFiles}
                onForwardPort={setForwardNode}
                scrollToId={routeNodeId}
                rowAction={(row, linkClass) =>
                  row[nodeColumn.state] === 'running' && <NodeTaskShellMenu accountId={accountId} poolId={poolId} nodeId={row[nodeColumn.id]} className={linkClass} />
                }
              />
            </>
          )}
        </div>
      )}
      {tab === 'output' && (
        <StartTaskOutput poolId={poolId} nodeIds={ids} nodeId={outputNode ?? [...selected][0] ?? ids[0]} onNodeChange={setOutputNode} />
      )}
      {tab === 'files' && (
        <NodeFilesPanel poolId={poolId} nodeIds={ids} nodeId={outputNode ?? [...selected][0] ?? ids[0]} onNodeChange={setOutputNode} />
      )}
      {tab === 'remote' && <RemoteLoginPanel poolId={poolId} selectedNodeIds={[...selected]} />}
      {tab === 'fleet' && rows && (
        <FleetPanel poolId={poolId} rows={rows} selected={selected} onSelectInPool={(picked) => (replace(new Set(picked)), setTab('nodes'))} />
      )}
      {tab === 'config' && detail && <PoolConfiguration pool={detail} />}
    </section>
  );
}
