import { Body1, Button, Field, Input, makeStyles, SpinButton, Switch, tokens, Tooltip } from '@fluentui/react-components';
import { reservedFrontendPorts } from '../../../../contract/features/batch';
import { plural } from './first-error';
import { fieldState, spinValue, type FormSectionProps } from './form-section';

const useStyles = makeStyles({
  fieldset: { border: 'none', padding: 0, margin: 0, minWidth: 0, display: 'grid', gap: tokens.spacingVerticalS },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalS },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  wide: { gridColumn: 'span 2' },
});

/** True for an account on this machine (the Local sandbox): its nodes see connections from 127.0.0.1. */
function isLocalAccount(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  const host = new URL(endpoint).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

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
  const styles = useStyles();
  const local = isLocalAccount(props.account?.endpoint);
  const addressHint = local
    ? 'The Local sandbox runs on this machine: its nodes see you as 127.0.0.1, so "This machine" is all it needs.'
    : 'Your public IP address or CIDR range, as Azure sees it (remembered for next time); * allows any address.';
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Network: SSH access</legend>
      <Field {...fieldState(props, 'ssh.enabled')}>
        <Switch label="SSH access to every node (inbound NAT pool to port 22)" checked={ssh.enabled} onChange={(_, d) => setSsh({ enabled: d.checked })} />
      </Field>
      <Body1>
        Since 30 November 2025 new pools get no SSH port unless they define one, and a pool's network configuration cannot be
        changed after it is created.
      </Body1>
      {ssh.enabled && (
        <div className={styles.grid}>
          <Field label="Frontend ports from" hint={`Not ${reservedFrontendPorts.start}–${reservedFrontendPorts.end}; one port per node.`} {...fieldState(props, 'ssh.frontendPortRangeStart')}>
            <SpinButton
              min={1}
              max={65534}
              value={ssh.frontendPortRangeStart}
              onChange={(_, d) => setSsh({ frontendPortRangeStart: spinValue(d, ssh.frontendPortRangeStart) }, true)}
              aria-label="Frontend port range start"
            />
          </Field>
          <Field label="to" hint={`${plural(ssh.frontendPortRangeEnd - ssh.frontendPortRangeStart + 1, 'port')} for ${plural(nodes, 'node')}`} {...fieldState(props, 'ssh.frontendPortRangeEnd')}>
            <SpinButton
              min={1}
              max={65534}
              value={ssh.frontendPortRangeEnd}
              onChange={(_, d) => setSsh({ frontendPortRangeEnd: spinValue(d, ssh.frontendPortRangeEnd) }, true)}
              aria-label="Frontend port range end"
            />
          </Field>
          <Tooltip
            content={draft.rangeAuto ? 'The range already follows the node count; edit a port to set it yourself.' : 'Make the range follow the node count again.'}
            relationship="description"
          >
            <Button size="small" disabledFocusable={draft.rangeAuto} onClick={() => change({ rangeAuto: true })}>
              {draft.rangeAuto ? 'Sized for the pool' : 'Size for the pool again'}
            </Button>
          </Tooltip>
          <Field
            label="Allow SSH from"
            required
            hint={addressHint}
            {...fieldState(props, 'ssh.sourceAddressPrefix')}
            className={styles.wide}
          >
            <Input
              value={ssh.sourceAddressPrefix}
              placeholder="203.0.113.7 or 203.0.113.0/24"
              onChange={(_, d) => setSsh({ sourceAddressPrefix: d.value })}
              aria-label="Allow SSH from"
            />
          </Field>
          {local && (
            <Button size="small" onClick={() => setSsh({ sourceAddressPrefix: '127.0.0.1' })}>
              Use this machine&apos;s address
            </Button>
          )}
        </div>
      )}
    </fieldset>
  );
}
