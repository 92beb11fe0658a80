import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, SpinButton } from '@fluentui/react-components';
import { useState } from 'react';
import type { NatPoolInfo, PoolSummary } from '../../../contract/features/batch-models';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { PriceEstimate } from '../pricing/price-estimate';
import { PoolRetirementWarnings } from '../pricing/retirement-warnings';
import { usePoolActions } from './use-pools';
import { spotCaveat } from './spot-words';

/** How many nodes an SSH NAT range can serve, when the pool has one (each node needs its own frontend port). */
function sshPortCapacity(natPools: NatPoolInfo[] | undefined): number | undefined {
  const ssh = natPools?.find((n) => n.backendPort === 22);
  return ssh ? ssh.frontendPortRangeEnd - ssh.frontendPortRangeStart + 1 : undefined;
}

/** Sets a pool's dedicated and spot targets; warns when the SSH port range cannot cover the new size. */
export function ResizeDialog(props: { accountId: string; pool: PoolSummary; natPools?: NatPoolInfo[]; open: boolean; onClose: () => void }) {
  const { pool } = props;
  const { resize } = usePoolActions(props.accountId);
  const [dedicated, setDedicated] = useState(pool.targetDedicatedNodes);
  const [spot, setSpot] = useState(pool.targetSpotNodes);
  const capacity = sshPortCapacity(props.natPools);
  const tooMany = capacity !== undefined && dedicated + spot > capacity;
  const submit = () => resize.mutate({ poolId: pool.id, targetDedicatedNodes: dedicated, targetSpotNodes: spot }, { onSuccess: props.onClose });
  const number = (value: number | null | undefined, display: string | undefined) => Math.max(0, Math.floor(Number(value ?? display) || 0));
  return (
    <Dialog open={props.open} onOpenChange={(_, data) => (data.open ? undefined : props.onClose())}>
      <DialogSurface aria-label={`Resize ${pool.id}`}>
        <DialogBody>
          <DialogTitle>Resize {pool.id}</DialogTitle>
          <DialogContent style={{ display: 'grid', gap: 12 }}>
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
