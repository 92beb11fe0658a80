import {
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
} from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useScopedAccountId } from '../accounts/account-scope';
import { useConnectStyles } from './connect-styles';
import { call, ContractCallError } from '../../ipc/client';
import { managedKeyQueryKey, useManagedKey } from './managed-key-summary';

/**
 * Exports the managed private key, only on this explicit request, to a file the user names (main writes it with
 * mode 0600 and never overwrites unless asked). Needed for `ssh -i` outside Batch Deck; the embedded terminal
 * does not need it.
 */
export function KeyExportDialog(props: { open: boolean; reason?: string; onClose(): void; onExported(path: string): void }) {
  const accountId = useScopedAccountId();
  const styles = useConnectStyles();
  const key = useManagedKey();
  const queryClient = useQueryClient();
  const [path, setPath] = useState<string>();
  const [overwrite, setOverwrite] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const value = path ?? key.data?.exportedPath ?? key.data?.suggestedPath ?? '';

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await call('keys:export-private', { accountId, path: value, overwrite });
      await queryClient.invalidateQueries({ queryKey: managedKeyQueryKey(accountId) });
      props.onExported(result.path);
      props.onClose();
    } catch (e) {
      setError(e instanceof ContractCallError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onOpenChange={(_, d) => (d.open ? undefined : props.onClose())}>
      <DialogSurface aria-label="Export the managed private key">
        <DialogBody>
          <DialogTitle>Export the managed private key</DialogTitle>
          <DialogContent className={styles.dialogContent}>
            {props.reason && <Caption1>{props.reason}</Caption1>}
            <Caption1>
              Anyone who can read this file can log in to every node where this account's managed key is provisioned. Batch Deck writes it
              readable by you only (0600).
            </Caption1>
            {key.data && <Caption1>Public key fingerprint: {key.data.fingerprint}</Caption1>}
            <Field label="Key file" required validationMessage={error} hint="An absolute path; ~/ means your home folder.">
              <Input value={value} onChange={(_, d) => setPath(d.value)} data-testid="key-export-path" />
            </Field>
            <Checkbox checked={overwrite} onChange={(_, d) => setOverwrite(d.checked === true)} label="Replace the file if it exists" />
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Cancel</Button>
            <Button appearance="primary" disabled={busy || value.trim() === ''} onClick={() => void submit()} data-testid="key-export-submit">
              Export
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
