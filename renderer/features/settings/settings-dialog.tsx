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
import type { Settings, ThemeChoice } from '../../../contract/features/settings';
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
        <Field label="Theme" hint="Same as the system follows the OS: light, dark or high contrast.">
          <Dropdown
            value={themeChoiceLabels[draft.theme]}
            selectedOptions={[draft.theme]}
            onOptionSelect={(_, data) => setDraft({ ...draft, theme: data.optionValue as ThemeChoice })}
          >
            {Object.entries(themeChoiceLabels).map(([value, label]) => (
              <Option key={value} value={value}>
                {label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Cloud for Microsoft Entra ID sign-in">
          <Dropdown
            value={cloudLabels[draft.cloud]}
            selectedOptions={[draft.cloud]}
            onOptionSelect={(_, data) => setDraft({ ...draft, cloud: data.optionValue as Settings['cloud'] })}
          >
            {Object.entries(cloudLabels).map(([value, label]) => (
              <Option key={value} value={value}>
                {label}
              </Option>
            ))}
          </Dropdown>
        </Field>
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
