import type { PoolOptions } from '../../../../contract/features/batch';
import { ChoiceField, SwitchField, changeOption } from './choice-field';
import { useFormStyles } from './form-styles';
import type { FormSectionProps } from './form-section';

type Security = PoolOptions['security'];

const securityChoices = [
  ['none', 'Standard'],
  ['trustedLaunch', 'Trusted Launch'],
  ['confidentialvm', 'Confidential VM'],
] as const;

const encryptionChoices = [
  ['VMGuestStateOnly', 'VM guest state only'],
  ['DiskWithVMGuestState', 'OS disk and VM guest state'],
  ['NonPersistedTPM', 'Non-persisted TPM (no state kept)'],
] as const;

/** VM security: Trusted Launch (secure boot, vTPM), confidential VMs and encryption at host. */
export function SecuritySection(props: FormSectionProps) {
  const styles = useFormStyles();
  const security = props.draft.options.security;
  const set = (patch: Partial<Security>) => changeOption(props, 'security', patch);
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Security</legend>
      <div className={styles.grid}>
        <ChoiceField
          section={props}
          path="options.security.type"
          label="Security type"
          hint="Trusted Launch and confidential VMs need a Generation 2 image (a -gen2 SKU)."
          value={security.type}
          choices={securityChoices}
          onChange={(type) => set({ type })}
        />
        {security.type !== 'none' && (
          <>
            <SwitchField section={props} path="options.security.secureBoot" label="Secure boot" hint="Boots only signed OS loaders and drivers." checked={security.secureBoot} onChange={(secureBoot) => set({ secureBoot })} />
            <SwitchField section={props} path="options.security.vTpm" label="vTPM" hint="A virtual TPM for measured boot and keys." checked={security.vTpm} onChange={(vTpm) => set({ vTpm })} />
          </>
        )}
        {security.type === 'confidentialvm' && (
          <ChoiceField
            section={props}
            path="options.security.encryption"
            label="Confidential disk encryption"
            hint="What the VM's hardware key encrypts; the image must be ConfidentialVMCompatible."
            value={security.encryption}
            choices={encryptionChoices}
            onChange={(encryption) => set({ encryption })}
          />
        )}
        <SwitchField
          section={props}
          path="options.security.encryptionAtHost"
          label="Encryption at host"
          hint="Encrypts temp and cache disks on the host; the subscription must have the feature registered."
          checked={security.encryptionAtHost}
          onChange={(encryptionAtHost) => set({ encryptionAtHost })}
        />
      </div>
    </fieldset>
  );
}
