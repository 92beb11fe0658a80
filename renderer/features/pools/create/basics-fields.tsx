import { Combobox, Field, Input, Option, SpinButton, mergeClasses } from '@fluentui/react-components';
import { useFormStyles } from './form-styles';
import { fieldState, spinValue, type FormSectionProps } from './form-section';
import { vmSizeSuggestions } from './vm-sizes';
import { spotCaveat } from '../spot-words';

/** Id, display name, VM size, node counts and task slots. */
export function BasicsFields(props: FormSectionProps) {
  const { draft, change } = props;
  const styles = useFormStyles();
  return (
    <fieldset className={mergeClasses(styles.fieldset, styles.grid)}>
      <legend className={styles.legend}>Pool</legend>
      <Field label="Pool id" required hint="Letters, digits, - and _; up to 64; unique in the account (ignoring case)." {...fieldState(props, 'id')}>
        <Input value={draft.id} onChange={(_, d) => change({ id: d.value })} aria-label="Pool id" />
      </Field>
      <Field label="Display name" {...fieldState(props, 'displayName')}>
        <Input value={draft.displayName} onChange={(_, d) => change({ displayName: d.value })} aria-label="Display name" />
      </Field>
      <Field label="VM size" required hint="Pick a suggestion or type any size your region offers." {...fieldState(props, 'vmSize')}>
        <Combobox
          freeform
          aria-label="VM size"
          value={draft.vmSize}
          selectedOptions={[draft.vmSize]}
          onChange={(e) => change({ vmSize: e.target.value })}
          onOptionSelect={(_, d) => d.optionValue && change({ vmSize: d.optionValue })}
        >
          {vmSizeSuggestions.map((s) => (
            <Option key={s.size} value={s.size} text={s.size}>
              {s.size} — {s.note}
            </Option>
          ))}
        </Combobox>
      </Field>
      <Field label="Dedicated nodes" {...fieldState(props, 'targetDedicatedNodes')}>
        <SpinButton min={0} max={100_000} value={draft.targetDedicatedNodes} onChange={(_, d) => change({ targetDedicatedNodes: spinValue(d, draft.targetDedicatedNodes) })} aria-label="Dedicated nodes" />
      </Field>
      <Field label="Spot nodes" hint={spotCaveat} {...fieldState(props, 'targetSpotNodes')}>
        <SpinButton min={0} max={100_000} value={draft.targetSpotNodes} onChange={(_, d) => change({ targetSpotNodes: spinValue(d, draft.targetSpotNodes) })} aria-label="Spot nodes" />
      </Field>
      <Field label="Task slots per node" hint="At most 256, and at most 4 × the VM's cores." {...fieldState(props, 'taskSlotsPerNode')}>
        <SpinButton min={1} max={256} value={draft.taskSlotsPerNode} onChange={(_, d) => change({ taskSlotsPerNode: spinValue(d, draft.taskSlotsPerNode) })} aria-label="Task slots per node" />
      </Field>
    </fieldset>
  );
}
