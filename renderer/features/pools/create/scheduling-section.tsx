import type { PoolOptions } from '../../../../contract/features/batch';
import { ChoiceField, SwitchField, changeOption } from './choice-field';
import { useFormStyles } from './form-styles';
import type { FormSectionProps } from './form-section';

const fillChoices = [
  ['spread', 'Spread over nodes'],
  ['pack', 'Pack each node first'],
] as const;
const orderChoices = [
  ['none', 'No order'],
  ['creationtime', 'Older jobs first'],
] as const;
const placementChoices = [
  ['default', 'Service default'],
  ['regional', 'Regional'],
  ['zonal', 'Zonal (across availability zones)'],
] as const;
const upgradeChoices = [
  ['default', 'No upgrade policy'],
  ['manual', 'Manual'],
  ['automatic', 'Automatic'],
  ['rolling', 'Rolling'],
] as const;
const containerChoices = [
  ['none', 'No container runtime'],
  ['dockerCompatible', 'Docker-compatible (Moby)'],
  ['criCompatible', 'CRI-compatible (containerd)'],
] as const;

/** Task scheduling, node placement, OS upgrades and the container runtime. */
export function SchedulingSection(props: FormSectionProps) {
  const styles = useFormStyles();
  const options = props.draft.options;
  const upgrade = (patch: Partial<PoolOptions['upgrade']>) => changeOption(props, 'upgrade', patch);
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Scheduling, placement and upgrades</legend>
      <div className={styles.grid}>
        <ChoiceField section={props} path="options.scheduling.nodeFillType" label="Task placement" hint="Spread: one task per node first; pack: fill a node's task slots before the next." value={options.scheduling.nodeFillType} choices={fillChoices} onChange={(nodeFillType) => changeOption(props, 'scheduling', { nodeFillType })} />
        <ChoiceField section={props} path="options.scheduling.jobDefaultOrder" label="Equal-priority jobs" hint="Whether tasks of older jobs run before newer ones of the same priority." value={options.scheduling.jobDefaultOrder} choices={orderChoices} onChange={(jobDefaultOrder) => changeOption(props, 'scheduling', { jobDefaultOrder })} />
        <ChoiceField section={props} path="options.placement" label="Node placement" hint="Zonal spreads nodes over the region's availability zones." value={options.placement} choices={placementChoices} onChange={(placement) => changeOption(props, 'placement', placement)} />
        <ChoiceField section={props} path="options.container" label="Container runtime" hint="Installs a runtime so tasks can run in containers." value={options.container} choices={containerChoices} onChange={(container) => changeOption(props, 'container', container)} />
        <ChoiceField section={props} path="options.upgrade.mode" label="OS upgrade mode" hint="How OS image upgrades reach the nodes." value={options.upgrade.mode} choices={upgradeChoices} onChange={(mode) => upgrade({ mode })} />
        <SwitchField section={props} path="options.upgrade.automaticOSUpgrade" label="Automatic OS upgrades" hint="Nodes move to new image versions by themselves (state upgradingOS while they do)." checked={options.upgrade.automaticOSUpgrade} onChange={(automaticOSUpgrade) => upgrade({ automaticOSUpgrade })} />
        {options.upgrade.automaticOSUpgrade && (
          <SwitchField section={props} path="options.upgrade.disableAutomaticRollback" label="No rollback on failure" hint="Keep a failed upgrade instead of rolling back the image." checked={options.upgrade.disableAutomaticRollback} onChange={(disableAutomaticRollback) => upgrade({ disableAutomaticRollback })} />
        )}
      </div>
    </fieldset>
  );
}
