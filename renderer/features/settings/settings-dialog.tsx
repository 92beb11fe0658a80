import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  SpinButton,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Settings } from '../../../contract/features/settings';
import { ContractCallError } from '../../ipc/client';
import { themeChoiceLabels } from '../../theme/resolve-theme';
import { useSettings, useUpdateSettings } from './use-settings';

const cloudLabels: Record<Settings['cloud'], string> = {
  public: 'Azure public cloud',
  china: 'Azure operated by 21Vianet (China)',
  usgov: 'Azure US Government',
};

const useStyles = makeStyles({
  fields: { display: 'grid', gap: tokens.spacingVerticalM },
});

/** Settings: theme, cloud, proxy, terminal behaviour and the plain-text secret store opt-in. Nothing is saved on bad input. */
export function SettingsDialog(props: { open: boolean; onClose: () => void }) {
  const settings = useSettings();
  return (
    <Dialog open={props.open} onOpenChange={(_, data) => (data.open ? undefined : props.onClose())}>
      <DialogSurface aria-label="Settings">
        {props.open && settings.data && <SettingsForm initial={settings.data} onClose={props.onClose} />}
      </DialogSurface>
    </Dialog>
  );
}

/** A dropdown of a few named choices (theme, cloud). */
function ChoiceField<T extends string>(props: { label: string; hint?: string; labels: Record<T, string>; value: T; onChange(value: T): void }) {
  return (
    <Field label={props.label} hint={props.hint}>
      <Dropdown value={props.labels[props.value]} selectedOptions={[props.value]} onOptionSelect={(_, data) => props.onChange(data.optionValue as T)}>
        {(Object.entries(props.labels) as [T, string][]).map(([value, label]) => (
          <Option key={value} value={value}>
            {label}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** The form inside the dialog; mounted fresh at every opening so the draft starts from what is saved. */
function SettingsForm(props: { initial: Settings; onClose: () => void }) {
  const styles = useStyles();
  const update = useUpdateSettings();
  const [draft, setDraft] = useState<Settings>(props.initial);
  const fieldError = (field: keyof Settings): string | undefined => {
    const error = update.error;
    if (!(error instanceof ContractCallError)) return undefined;
    const issues = (error.details?.issues ?? []) as { path: string; message: string }[];
    return issues.find((issue) => issue.path === field)?.message;
  };
  const save = (): void => update.mutate(draft, { onSuccess: props.onClose });
  return (
    <DialogBody>
      <DialogTitle>Settings</DialogTitle>
      <DialogContent className={styles.fields}>
        <ChoiceField
          label="Theme"
          hint="Same as the system follows the OS: light, dark or high contrast."
          labels={themeChoiceLabels}
          value={draft.theme}
          onChange={(theme) => setDraft({ ...draft, theme })}
        />
        <ChoiceField label="Cloud for Microsoft Entra ID sign-in" labels={cloudLabels} value={draft.cloud} onChange={(cloud) => setDraft({ ...draft, cloud })} />
        <Field
          label="Proxy URL"
          hint="Used for sign-in, Azure Resource Manager and Batch calls. Empty: HTTPS_PROXY / NO_PROXY from the environment."
          validationMessage={fieldError('proxyUrl')}
        >
          <Input value={draft.proxyUrl} placeholder="http://proxy.example:8080" onChange={(_, d) => setDraft({ ...draft, proxyUrl: d.value })} />
        </Field>
        <Field label="Terminal font size" validationMessage={fieldError('terminalFontSize')}>
          <SpinButton
            min={8}
            max={32}
            value={draft.terminalFontSize}
            onChange={(_, d) => setDraft({ ...draft, terminalFontSize: Number(d.value ?? d.displayValue ?? draft.terminalFontSize) })}
          />
        </Field>
        <Checkbox
          label="Copy terminal selection to the clipboard as soon as it is made"
          checked={draft.terminalCopyOnSelect}
          onChange={(_, d) => setDraft({ ...draft, terminalCopyOnSelect: Boolean(d.checked) })}
        />
        <Checkbox
          label="Ask before closing a connected SSH tab"
          checked={draft.terminalConfirmClose}
          onChange={(_, d) => setDraft({ ...draft, terminalConfirmClose: Boolean(d.checked) })}
        />
        <Checkbox
          label="Record every terminal session (output only, as an asciicast file and a transcript in the data folder's recordings/)"
          checked={draft.terminalRecordEverySession}
          onChange={(_, d) => setDraft({ ...draft, terminalRecordEverySession: Boolean(d.checked) })}
        />
        <Checkbox
          label="Store secrets even when no OS keyring is available (Linux; less safe: the key is fixed)"
          checked={draft.allowPlainTextSecretStore}
          onChange={(_, d) => setDraft({ ...draft, allowPlainTextSecretStore: Boolean(d.checked) })}
        />
      </DialogContent>
      <DialogActions>
        <Button appearance="secondary" onClick={props.onClose}>
          Cancel
        </Button>
        <Button appearance="primary" onClick={save} disabled={update.isPending}>
          Save
        </Button>
      </DialogActions>
    </DialogBody>
  );
}
