import { Field, Input, SpinButton, Textarea } from '@fluentui/react-components';
import type { PoolOptions } from '../../../../contract/features/batch';
import { SwitchField, changeOption } from './choice-field';
import { useFormStyles } from './form-styles';
import { fieldState, spinValue, type FormSectionProps } from './form-section';

/** Autoscale (a formula instead of fixed node counts) and the virtual network subnet, both kept by Copy pool. */
export function AutoscaleAndSubnetFields(props: FormSectionProps) {
  const styles = useFormStyles();
  const { autoScale, subnetId } = props.draft.options;
  const scale = (patch: Partial<PoolOptions['autoScale']>) => changeOption(props, 'autoScale', patch);
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Autoscale and virtual network</legend>
      <div className={styles.grid}>
        <SwitchField section={props} path="options.autoScale.enabled" label="Autoscale" hint="A formula sets the node counts; the counts above are then not sent." checked={autoScale.enabled} onChange={(enabled) => scale({ enabled })} />
        {autoScale.enabled && (
          <Field label="Evaluate every (minutes)" hint="5 minutes to 168 hours." {...fieldState(props, 'options.autoScale.intervalMinutes')}>
            <SpinButton min={5} max={10_080} value={autoScale.intervalMinutes} onChange={(_, d) => scale({ intervalMinutes: spinValue(d, autoScale.intervalMinutes) })} aria-label="Evaluate every (minutes)" />
          </Field>
        )}
        <Field label="Subnet id" hint="Empty: Batch gives the pool its own network. A subnet of your VNet lets nodes reach your resources." {...fieldState(props, 'options.subnetId')}>
          <Input aria-label="Subnet id" value={subnetId} placeholder="/subscriptions/…/virtualNetworks/VNET/subnets/SUBNET" onChange={(_, d) => changeOption(props, 'subnetId', d.value)} />
        </Field>
      </div>
      {autoScale.enabled && (
        <Field label="Autoscale formula" hint="Batch's autoscale language, e.g. $TargetDedicatedNodes = min(10, $PendingTasks.GetSample(1));" {...fieldState(props, 'options.autoScale.formula')}>
          <Textarea aria-label="Autoscale formula" value={autoScale.formula} onChange={(_, d) => scale({ formula: d.value })} />
        </Field>
      )}
    </fieldset>
  );
}
