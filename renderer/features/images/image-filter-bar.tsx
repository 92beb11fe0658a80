import { Checkbox, Dropdown, Field, Input, makeStyles, Option, SpinButton, tokens } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { capabilityFilters, type CapabilityFilter, type ImageFilters } from './image-filters';

const anyLabel = 'Any';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', padding: `${tokens.spacingVerticalS} 0` },
  choice: { minWidth: '130px' },
  search: { minWidth: '260px' },
  capabilities: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    padding: `0 ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  legend: { fontSize: tokens.fontSizeBase200 },
});

/** One dropdown filter with an "Any" choice. */
function Choice<T extends string>(props: { label: string; value: T; options: readonly { value: T; text: string }[]; onChange: (value: T) => void }) {
  const selected = props.options.find((o) => o.value === props.value);
  const styles = useStyles();
  return (
    <Field label={props.label} size="small">
      <Dropdown
        size="small"
        aria-label={props.label}
        value={selected?.text ?? anyLabel}
        selectedOptions={[props.value]}
        onOptionSelect={(_, data) => props.onChange((data.optionValue ?? '') as T)}
        className={styles.choice}
      >
        {props.options.map((o) => (
          <Option key={o.value || 'any'} value={o.value}>
            {o.text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** Search box and filters above the images table. */
export function ImageFilterBar(props: { filters: ImageFilters; agentSkus: string[]; onChange: (filters: ImageFilters) => void }) {
  const { filters, onChange } = props;
  const styles = useStyles();
  const set = <K extends keyof ImageFilters>(key: K, value: ImageFilters[K]) => onChange({ ...filters, [key]: value });
  const toggleCapability = (key: CapabilityFilter, on: boolean) =>
    set('capabilities', on ? [...filters.capabilities, key] : filters.capabilities.filter((c) => c !== key));
  return (
    <div role="search" className={styles.bar}>
      <Field label="Search" size="small" className={styles.search}>
        <Input
          size="small"
          contentBefore={<SearchRegular />}
          placeholder="ubuntu 22.04, almalinux gen2, arm64 …"
          value={filters.search}
          onChange={(_, data) => set('search', data.value)}
          aria-label="Search images"
        />
      </Field>
      <Choice label="OS" value={filters.osType} onChange={(v) => set('osType', v)} options={[{ value: '', text: anyLabel }, { value: 'linux', text: 'Linux' }, { value: 'windows', text: 'Windows' }]} />
      <Choice
        label="Verification"
        value={filters.verification}
        onChange={(v) => set('verification', v)}
        options={[{ value: '', text: anyLabel }, { value: 'verified', text: 'Verified' }, { value: 'unverified', text: 'Unverified' }]}
      />
      <Choice label="Architecture" value={filters.architecture} onChange={(v) => set('architecture', v)} options={[{ value: '', text: anyLabel }, { value: 'x64', text: 'x64' }, { value: 'arm64', text: 'Arm64' }]} />
      <Choice
        label="Node agent SKU"
        value={filters.nodeAgentSkuId}
        onChange={(v) => set('nodeAgentSkuId', v)}
        options={[{ value: '', text: anyLabel }, ...props.agentSkus.map((sku) => ({ value: sku, text: sku }))]}
      />
      <Field label="End of life within (days; 0 = any)" size="small">
        <SpinButton
          size="small"
          min={0}
          max={3650}
          step={30}
          value={filters.endOfLifeWithinDays}
          onChange={(_, data) => set('endOfLifeWithinDays', Math.max(0, Number(data.value ?? data.displayValue) || 0))}
          aria-label="End of life within days"
        />
      </Field>
      <fieldset className={styles.capabilities}>
        <legend className={styles.legend}>Capabilities</legend>
        {(Object.keys(capabilityFilters) as CapabilityFilter[]).map((key) => (
          <Checkbox
            key={key}
            label={capabilityFilters[key].label}
            checked={filters.capabilities.includes(key)}
            onChange={(_, data) => toggleCapability(key, data.checked === true)}
          />
        ))}
      </fieldset>
    </div>
  );
}
