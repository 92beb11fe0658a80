import { Dropdown, Field, Option, Switch } from '@fluentui/react-components';
import type { PoolOptions } from '../../../../contract/features/batch';
import { fieldState, type FormSectionProps } from './form-section';

/** A labelled dropdown of fixed choices, with its one-line explanation and the field's messages. */
export function ChoiceField<T extends string>(props: {
  section: FormSectionProps;
  path: string;
  label: string;
  hint: string;
  value: T;
  choices: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
}) {
  const label = props.choices.find(([v]) => v === props.value)?.[1] ?? props.value;
  return (
    <Field label={props.label} hint={props.hint} {...fieldState(props.section, props.path)}>
      <Dropdown aria-label={props.label} value={label} selectedOptions={[props.value]} onOptionSelect={(_, d) => d.optionValue && props.onChange(d.optionValue as T)}>
        {props.choices.map(([value, text]) => (
          <Option key={value} value={value}>
            {text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** A labelled switch with its one-line explanation and the field's messages. */
export function SwitchField(props: { section: FormSectionProps; path: string; label: string; hint: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <Field hint={props.hint} {...fieldState(props.section, props.path)}>
      <Switch label={props.label} checked={props.checked} onChange={(_, d) => props.onChange(d.checked)} />
    </Field>
  );
}

/** Changes one group of the draft's pool options, keeping the rest. */
export function changeOption<K extends keyof PoolOptions>(section: FormSectionProps, key: K, patch: PoolOptions[K] extends object ? Partial<PoolOptions[K]> : PoolOptions[K]): void {
  const current = section.draft.options[key];
  const next = typeof current === 'object' && current !== null ? { ...current, ...(patch as object) } : patch;
  section.change({ options: { ...section.draft.options, [key]: next } });
}
