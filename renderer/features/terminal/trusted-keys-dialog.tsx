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
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../ipc/client';


const useStyles = makeStyles({
  content: { display: 'grid', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});
/**
 * Lists the keys Batch Deck trusts for one host and removes one on request, after the user confirms they verified the
 * new key another way. Removing does not trust anything: the next connection asks about the presented key.
 */
export function TrustedKeysDialog(props: { open: boolean; hostKeyId: string; onClose(): void }) {
  const client = useQueryClient();
  const [confirmed, setConfirmed] = useState(false);
  const keys = useQuery({ queryKey: ['hostkeys'], queryFn: () => call('hostkeys:list', {}), enabled: props.open });
  const forget = useMutation({
    mutationFn: (fingerprint: string) => call('hostkeys:forget', { hostKeyId: props.hostKeyId, fingerprint }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['hostkeys'] }),
  });
  const forHost = (keys.data ?? []).filter((k) => k.hostKeyId === props.hostKeyId);
  const styles = useStyles();
  return (
    <Dialog open={props.open} onOpenChange={(_, data) => (data.open ? undefined : props.onClose())}>
      <DialogSurface aria-label={`Trusted keys for ${props.hostKeyId}`}>
        <DialogBody>
          <DialogTitle>Trusted keys for {props.hostKeyId}</DialogTitle>
          <DialogContent className={styles.content}>
            {forHost.length === 0 && <Caption1>Batch Deck trusts no key for this host now. Reconnect to be asked about the new key.</Caption1>}
            {forHost.map((key) => (
              <div key={key.fingerprint} className={styles.row}>
                <span>
                  {key.keyType} <code>{key.fingerprint}</code> <Caption1>trusted {new Date(key.addedAt).toLocaleString()}</Caption1>
                </span>
                <Button size="small" disabled={!confirmed || forget.isPending} onClick={() => forget.mutate(key.fingerprint)}>
                  Forget
                </Button>
              </div>
            ))}
            {forHost.length > 0 && (
              <Checkbox
                checked={confirmed}
                onChange={(_, data) => setConfirmed(Boolean(data.checked))}
                label="I know why this host's key changed and will verify the new fingerprint before trusting it."
              />
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
