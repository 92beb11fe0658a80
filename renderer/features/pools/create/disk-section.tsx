import { Field, SpinButton } from '@fluentui/react-components';
import type { PoolOptions } from '../../../../contract/features/batch';
import { ChoiceField, SwitchField, changeOption } from './choice-field';
import { useFormStyles } from './form-styles';
import { fieldState, spinValue, type FormSectionProps } from './form-section';

type OsDisk = PoolOptions['osDisk'];

const storageChoices = [
  ['default', 'Service default'],
  ['standard_lrs', 'Standard HDD (LRS)'],
  ['standardssd_lrs', 'Standard SSD (LRS)'],
  ['premium_lrs', 'Premium SSD (LRS)'],
] as const;

const cachingChoices = [
  ['default', 'Service default'],
  ['none', 'None'],
  ['readonly', 'Read only'],
  ['readwrite', 'Read/write'],
] as const;

/** The OS disk: ephemeral on the VM's cache disk, size, storage type and caching. */
export function DiskSection(props: FormSectionProps) {
  const styles = useFormStyles();
  const disk = props.draft.options.osDisk;
  const set = (patch: Partial<OsDisk>) => changeOption(props, 'osDisk', patch);
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>OS disk</legend>
      <div className={styles.grid}>
        <SwitchField
          section={props}
          path="options.osDisk.ephemeral"
          label="Ephemeral OS disk (on the cache disk)"
          hint="Faster, no disk charge; a reimage wipes it, such nodes cannot be deallocated, and the VM size's cache disk must hold the image."
          checked={disk.ephemeral}
          onChange={(ephemeral) => set({ ephemeral })}
        />
        <Field label="OS disk size (GB)" hint="0 keeps the image's size; at most 4095." {...fieldState(props, 'options.osDisk.sizeGB')}>
          <SpinButton min={0} max={4095} value={disk.sizeGB} onChange={(_, d) => set({ sizeGB: spinValue(d, disk.sizeGB) })} aria-label="OS disk size (GB)" />
        </Field>
        <ChoiceField
          section={props}
          path="options.osDisk.storageAccountType"
          label="Disk storage type"
          hint="For a managed (not ephemeral) disk; Premium needs a VM size with 's' in its name."
          value={disk.storageAccountType}
          choices={storageChoices}
          onChange={(storageAccountType) => set({ storageAccountType })}
        />
        <ChoiceField
          section={props}
          path="options.osDisk.caching"
          label="Disk caching"
          hint="Host caching of the OS disk; an ephemeral disk allows read only."
          value={disk.caching}
          choices={cachingChoices}
          onChange={(caching) => set({ caching })}
        />
      </div>
    </fieldset>
  );
}
