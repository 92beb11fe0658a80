import { Body1, Field, Textarea } from '@fluentui/react-components';
import type { PoolOptions } from '../../../../contract/features/batch';
import { ChoiceField, SwitchField, changeOption } from './choice-field';
import { useFormStyles } from './form-styles';
import { fieldState, type FormSectionProps } from './form-section';

type PublicIp = PoolOptions['publicIp'];

const provisionChoices = [
  ['batchmanaged', 'Batch-managed public IPs'],
  ['usermanaged', 'Your own public IPs'],
  ['nopublicipaddresses', 'No public IP addresses'],
] as const;

/** Public IP addresses of the nodes (Batch-managed, user-managed, none), dual stack and accelerated networking. */
export function PublicIpSection(props: FormSectionProps) {
  const styles = useFormStyles();
  const publicIp = props.draft.options.publicIp;
  const set = (patch: Partial<PublicIp>) => changeOption(props, 'publicIp', patch);
  const none = publicIp.provision === 'nopublicipaddresses';
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Network: public IP addresses</legend>
      <div className={styles.grid}>
        <ChoiceField
          section={props}
          path="options.publicIp.provision"
          label="Public IP addresses"
          hint="Who gives the nodes their public addresses."
          value={publicIp.provision}
          choices={provisionChoices}
          onChange={(provision) => (provision === 'nopublicipaddresses' ? props.change({ options: { ...props.draft.options, publicIp: { ...publicIp, provision, dualStack: false } }, ssh: { ...props.draft.ssh, enabled: false } }) : set({ provision }))}
        />
        {!none && (
          <SwitchField section={props} path="options.publicIp.dualStack" label="Dual stack (IPv4 and IPv6)" hint="Nodes also get IPv6 addresses and IPv6 login endpoints." checked={publicIp.dualStack} onChange={(dualStack) => set({ dualStack })} />
        )}
        <SwitchField
          section={props}
          path="options.acceleratedNetworking"
          label="Accelerated networking"
          hint="SR-IOV networking; only VM sizes that support it, else allocation fails."
          checked={props.draft.options.acceleratedNetworking}
          onChange={(acceleratedNetworking) => changeOption(props, 'acceleratedNetworking', acceleratedNetworking)}
        />
      </div>
      {publicIp.provision === 'usermanaged' && (
        <Field label="Public IP address ids" hint="One Azure resource id per line; each IP serves at most 100 dedicated and 100 Spot nodes." {...fieldState(props, 'options.publicIp.ipAddressIds')}>
          <Textarea
            aria-label="Public IP address ids"
            value={publicIp.ipAddressIds.join('\n')}
            onChange={(_, d) => set({ ipAddressIds: d.value.split('\n').map((line) => line.trim()).filter((line) => line !== '') })}
          />
        </Field>
      )}
      {none && (
        <Body1 role="note" className={styles.caution}>
          Nodes get no public IP address: there is no SSH (and no other inbound connection) from outside the pool&apos;s virtual network.
          Connect from a machine inside the VNet, or choose Batch-managed IPs.
        </Body1>
      )}
    </fieldset>
  );
}
