import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  SpinButton,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { nodeDeallocationOptions, type NodeDeallocationOption } from '../../../contract/features/batch';
import type { NatPoolInfo, PoolSummary } from '../../../contract/features/batch-models';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { PriceEstimate } from '../pricing/price-estimate';
import { PoolRetirementWarnings } from '../pricing/retirement-warnings';
import { usePoolSessionCount } from '../terminal/use-pool-sessions';
import { usePoolActions } from './use-pools';
import { spotCaveat } from './spot-words';

const useStyles = makeStyles({ content: { display: 'grid', gap: tokens.spacingVerticalM } });

/** What each deallocation option does to the tasks of the nodes a resize removes. */
const deallocationWords: Record<NodeDeallocationOption, string> = {
  requeue: 'Stop their tasks now and run them again elsewhere (Batch default)',
  terminate: 'Stop their tasks now; they end as failed and are not run again',
  taskcompletion: 'Let running tasks finish first, then remove the nodes',
  retaineddata: 'Let tasks finish and keep the nodes until task data retention ends',
};

/** How many nodes an SSH NAT range can serve, when the pool has one (each node needs its own frontend port). */
function sshPortCapacity(natPools: NatPoolInfo[] | undefined): number | undefined {
  const ssh = natPools?.find((n) => n.backendPort === 22);
  return ssh ? ssh.frontendPortRangeEnd - ssh.frontendPortRangeStart + 1 : undefined;
}

/** Sets a pool's dedicated and spot targets; warns when the SSH port range cannot cover the new size. */
export function ResizeDialog(props: { accountId: string; pool: PoolSummary; natPools?: NatPoolInfo[]; open: boolean; onClose: () => void }) {
  const { pool } = props;
  const { resize } = usePoolActions(props.accountId);
  const styles = useStyles();
  const [deallocation, setDeallocation] = useState<NodeDeallocationOption>('requeue');
  const openTerminals = usePoolSessionCount(props.accountId, pool.id, props.open);
  const [dedicated, setDedicated] = useState(pool.targetDedicatedNodes);
  const [spot, setSpot] = useState(pool.targetSpotNodes);
  const capacity = sshPortCapacity(props.natPools);
  const tooMany = capacity !== undefined && dedicated + spot > capacity;
  const removing = Math.max(0, pool.currentDedicatedNodes + pool.currentSpotNodes - dedicated - spot);
  const submit = () =>
    resize.mutate(
      { poolId: pool.id, targetDedicatedNodes: dedicated, targetSpotNodes: spot, ...(removing > 0 ? { nodeDeallocationOption: deallocation } : {}) },
      { onSuccess: props.onClose },
    );
  const number = (value: number | null | undefined, display: string | undefined) => Math.max(0, Math.floor(Number(value ?? display) || 0));
  return (
    <Dialog open={props.open} onOpenChange={(_, data) => (data.open ? undefined : props.onClose())}>
      <DialogSurface aria-label={`Resize ${pool.id}`}>
        <DialogBody>
          <DialogTitle>Resize {pool.id}</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label="Dedicated nodes" hint={`Now ${pool.currentDedicatedNodes} of ${pool.targetDedicatedNodes}`}>
              <SpinButton min={0} max={100_000} value={dedicated} onChange={(_, d) => setDedicated(number(d.value, d.displayValue))} aria-label="Dedicated nodes" />
            </Field>
            <Field
              label="Spot nodes"
              hint={`Now ${pool.currentSpotNodes} of ${pool.targetSpotNodes}. ${spotCaveat}`}
              validationState={tooMany ? 'warning' : 'none'}
              validationMessage={tooMany ? `The SSH frontend range has ${capacity} ports: nodes beyond that cannot get an SSH endpoint.` : undefined}
            >
              <SpinButton min={0} max={100_000} value={spot} onChange={(_, d) => setSpot(number(d.value, d.displayValue))} aria-label="Spot nodes" />
            </Field>
            {removing > 0 && (
              <>
                <Field label="Tasks on the removed nodes" hint="Batch chooses which nodes go.">
                  <Select value={deallocation} onChange={(_, d) => setDeallocation(d.value as NodeDeallocationOption)} aria-label="Tasks on the removed nodes">
                    {nodeDeallocationOptions.map((option) => (
                      <option key={option} value={option}>
                        {deallocationWords[option]}
                      </option>
                    ))}
                  </Select>
                </Field>
                <MessageBar intent="warning" data-testid="resize-removes">
                  <MessageBarBody>
                    {removing === 1 ? '1 node' : `${removing} nodes`} will be removed: the users Batch Deck added there go with them
                    {openTerminals > 0
                      ? `, and terminals open to them end (${openTerminals === 1 ? '1 terminal is' : `${openTerminals} terminals are`} open to this pool now).`
                      : '.'}
                  </MessageBarBody>
                </MessageBar>
              </>
            )}
            <PriceEstimate accountId={props.accountId} vmSize={pool.vmSize} dedicatedNodes={dedicated} spotNodes={spot} />
            <PoolRetirementWarnings pool={pool} />
            {resize.isError && <ServiceErrorMessage error={resize.error} />}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Cancel</Button>
            <Button appearance="primary" onClick={submit} disabled={resize.isPending}>
              {resize.isPending ? 'Resizing…' : 'Resize'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
