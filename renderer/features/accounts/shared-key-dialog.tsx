import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { batchAccountNamePattern } from '../../../contract/features/account-name';
import type { AccountView } from '../../../contract/features/accounts';
import { ContractCallError } from '../../ipc/client';
import { InlineError } from './inline-error';
import { useAccountActions } from './use-accounts';

const useStyles = makeStyles({
  fields: { display: 'grid', gap: tokens.spacingVerticalM },
  said: { color: tokens.colorNeutralForeground3 },
});

/** What is wrong with a typed account name, or undefined when Batch would accept it. */
export function accountNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter the account name, as the Azure portal shows it.';
  if (batchAccountNamePattern.test(trimmed)) return undefined;
  if (/[A-Z]/.test(trimmed) && batchAccountNamePattern.test(trimmed.toLowerCase())) return `Batch account names are lower case: ${trimmed.toLowerCase()}.`;
  return 'Batch account names are 3 to 24 lower-case letters and digits.';
}

/**
 * A refused key, in words: which account it does not match and what to check. The service's own text ("Server failed
 * to authenticate the request. Make sure the value of Authorization header is formed correctly…") says neither.
 */
function WrongKey(props: { account: string; serviceText: string }) {
  const styles = useStyles();
  return (
    <MessageBar intent="error" layout="multiline" data-testid="shared-key-error" data-code="AUTH_FAILED">
      <MessageBarBody>
        <MessageBarTitle>The key does not match account {props.account}</MessageBarTitle>
        Copy key 1 or key 2 again from the Azure portal (Batch account {props.account} → Keys), whole: 88 characters ending in
        &quot;==&quot;. Check that the URL is this account&apos;s, and if a key was regenerated, use the new one.
        <div className={styles.said}>Batch said: {props.serviceText}</div>
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * Add or edit a shared-key account. Main checks the fields and makes one real call before saving; its error (with
 * the service's message) stays in the dialog and nothing is saved. When editing, an empty key keeps the stored one,
 * as long as the name and URL stay the same.
 */
export function SharedKeyDialog(props: { open: boolean; editing?: AccountView; onClose(): void }) {
  const styles = useStyles();
  const { addSharedKey, updateSharedKey } = useAccountActions();
  const [nameTouched, setNameTouched] = useState(false);
  const [added, setAdded] = useState<AccountView>();
  const [name, setName] = useState(props.editing?.name ?? '');
  const [url, setUrl] = useState(props.editing?.endpoint ?? '');
  const [key, setKey] = useState('');
  const mutation = props.editing ? updateSharedKey : addSharedKey;
  const error = mutation.error;
  const field = error instanceof ContractCallError ? (error.details?.field as string | undefined) : undefined;
  // The stored key signs only for the name and URL it was saved with (main enforces it; this says so up front).
  const targetChanged = props.editing !== undefined && (name.trim() !== props.editing.name || url.trim().replace(/\/+$/, '') !== props.editing.endpoint);
  const keyHint = !props.editing
    ? 'Primary or secondary key. It is stored encrypted and never shown again.'
    : targetChanged
      ? `The name or URL changed: enter the key again. The stored key is only used for ${props.editing.endpoint}.`
      : 'Leave empty to keep the stored key.';

  const nameProblem = nameTouched ? accountNameProblem(name) : undefined;
  const wrongKey = error instanceof ContractCallError && error.code === 'AUTH_FAILED' && field !== 'name' && field !== 'url';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNameTouched(true);
    if (accountNameProblem(name)) return;
    if (props.editing) updateSharedKey.mutate({ id: props.editing.id, name, url, key }, { onSuccess: () => close() });
    else addSharedKey.mutate({ name, url, key }, { onSuccess: (account) => setAdded(account) });
  };
  const close = () => {
    setKey('');
    mutation.reset();
    props.onClose();
  };

  if (added) {
    return (
      <Dialog open={props.open} onOpenChange={(_, data) => (data.open ? undefined : close())}>
        <DialogSurface aria-describedby={undefined}>
          <DialogBody>
            <DialogTitle>Account {added.name} added</DialogTitle>
            <DialogContent>
              <MessageBar intent="success" data-testid="shared-key-added">
                <MessageBarBody>
                  Batch accepted the key: {added.name} ({added.endpoint}) is in your accounts. Choose &quot;Use this account&quot; on its card to
                  work with it.
                </MessageBarBody>
              </MessageBar>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={close}>
                Done
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    );
  }

  return (
    <Dialog open={props.open} onOpenChange={(_, data) => (data.open ? undefined : close())}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{props.editing ? `Edit ${props.editing.name}` : 'Add a Batch account with a shared key'}</DialogTitle>
            <DialogContent className={styles.fields}>
              <Field
                label="Account name"
                required
                hint="3–24 lower-case letters and digits, as in the Azure portal."
                validationState={nameProblem || field === 'name' ? 'error' : 'none'}
                validationMessage={nameProblem}
              >
                <Input
                  value={name}
                  onChange={(_, d) => setName(d.value)}
                  onBlur={() => setNameTouched((touched) => touched || name !== '')}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
              <Field label="Account URL" required hint="https://<account>.<region>.batch.azure.com" validationState={field === 'url' ? 'error' : 'none'}>
                <Input value={url} onChange={(_, d) => setUrl(d.value)} autoComplete="off" spellCheck={false} />
              </Field>
              <Field
                label="Account key"
                required={!props.editing || targetChanged}
                hint={keyHint}
                validationState={field === 'key' ? 'error' : 'none'}
              >
                <Input type="password" value={key} onChange={(_, d) => setKey(d.value)} autoComplete="off" spellCheck={false} />
              </Field>
              {wrongKey ? (
                <WrongKey account={name.trim()} serviceText={error.message} />
              ) : (
                <InlineError error={error} testId="shared-key-error" />
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={close} disabled={mutation.isPending}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabled={mutation.isPending} icon={mutation.isPending ? <Spinner size="tiny" /> : undefined}>
                {mutation.isPending ? 'Checking…' : props.editing ? 'Check and save' : 'Check and add'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
