import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Spinner,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { AccountView } from '../../../contract/features/accounts';
import { ContractCallError } from '../../ipc/client';
import { InlineError } from './inline-error';
import { useAccountActions } from './use-accounts';

/**
 * Add or edit a shared-key account. Main checks the fields and makes one real call before saving; its error (with
 * the service's message) stays in the dialog and nothing is saved. When editing, an empty key keeps the stored one,
 * as long as the name and URL stay the same.
 */
export function SharedKeyDialog(props: { open: boolean; editing?: AccountView; onClose(): void }) {
  const { addSharedKey, updateSharedKey } = useAccountActions();
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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = { onSuccess: () => close() };
    if (props.editing) updateSharedKey.mutate({ id: props.editing.id, name, url, key }, done);
    else addSharedKey.mutate({ name, url, key }, done);
  };
  const close = () => {
    setKey('');
    mutation.reset();
    props.onClose();
  };

  return (
    <Dialog open={props.open} onOpenChange={(_, data) => (data.open ? undefined : close())}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{props.editing ? `Edit ${props.editing.name}` : 'Add a Batch account with a shared key'}</DialogTitle>
            <DialogContent style={{ display: 'grid', gap: 12 }}>
              <Field label="Account name" required hint="3–24 lower-case letters and digits, as in the Azure portal." validationState={field === 'name' ? 'error' : 'none'}>
                <Input value={name} onChange={(_, d) => setName(d.value)} autoComplete="off" spellCheck={false} />
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
              <InlineError error={error} testId="shared-key-error" />
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
