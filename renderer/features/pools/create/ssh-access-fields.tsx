import { Body1, Button, Field, Input, SpinButton, Switch } from '@fluentui/react-components';
import { reservedFrontendPorts } from '../../../../contract/features/batch';
import { fieldState, spinValue, type FormSectionProps } from './form-section';

/**
 * SSH access (on by default): an inbound NAT pool to port 22 with a frontend range outside the reserved block, sized
 * for the pool, and an NSG rule that admits only the operator's address.
 */
export function SshAccessFields(props: FormSectionProps) {
  const { draft, change } = props;
  const ssh = draft.ssh;
  const setSsh = (patch: Partial<typeof ssh>, manualRange = false) =>
    change({ ssh: { ...ssh, ...patch }, ...(manualRange ? { rangeAuto: false } : {}) });
  const nodes = draft.targetDedicatedNodes + draft.targetSpotNodes;
  return (
    <fieldset style={{ border: 'none', padding: 0, margin: 0, minWidth: 0, display: 'grid', gap: 8 }}>
      <legend style={{ fontWeight: 600, paddingBottom: 8 }}>Network: SSH access</legend>
      <Field {...fieldState(props, 'ssh.enabled')}>
        <Switch label="SSH access to every node (inbound NAT pool to port 22)" checked={ssh.enabled} onChange={(_, d) => setSsh({ enabled: d.checked })} />
      </Field>
      <Body1>
        Since 30 November 2025 new pools get no SSH port unless they define one, and a pool's network configuration cannot be
        changed after it is created.
      </Body1>
      {ssh.enabled && (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 12, alignItems: 'end' }}>
          <Field label="Frontend ports from" hint={`Not ${reservedFrontendPorts.start}–${reservedFrontendPorts.end}; one port per node.`} {...fieldState(props, 'ssh.frontendPortRangeStart')}>
            <SpinButton
              min={1}
              max={65534}
              value={ssh.frontendPortRangeStart}
              onChange={(_, d) => setSsh({ frontendPortRangeStart: spinValue(d, ssh.frontendPortRangeStart) }, true)}
              aria-label="Frontend port range start"
            />
          </Field>
          <Field label="to" hint={`${ssh.frontendPortRangeEnd - ssh.frontendPortRangeStart + 1} ports for ${nodes} nodes`} {...fieldState(props, 'ssh.frontendPortRangeEnd')}>
            <SpinButton
              min={1}
              max={65534}
              value={ssh.frontendPortRangeEnd}
              onChange={(_, d) => setSsh({ frontendPortRangeEnd: spinValue(d, ssh.frontendPortRangeEnd) }, true)}
              aria-label="Frontend port range end"
            />
          </Field>
          <Button size="small" disabled={draft.rangeAuto} onClick={() => change({ rangeAuto: true })}>
            {draft.rangeAuto ? 'Sized for the pool' : 'Size for the pool again'}
          </Button>
          <Field
            label="Allow SSH from"
            required
            hint="Your public IP address or CIDR range (remembered for next time); * allows any address."
            {...fieldState(props, 'ssh.sourceAddressPrefix')}
            style={{ gridColumn: 'span 2' }}
          >
            <Input value={ssh.sourceAddressPrefix} placeholder="203.0.113.7 or 203.0.113.0/24" onChange={(_, d) => setSsh({ sourceAddressPrefix: d.value })} aria-label="Allow SSH from" />
          </Field>
        </div>
      )}
    </fieldset>
  );
}
