import { Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { usePoolActions } from './use-pools';

const useStyles = makeStyles({ content: { display: 'grid', gap: tokens.spacingVerticalM } });

/** Deletes the account's pool only after the user types its id exactly. */
export function DeletePoolDialog(props: { accountId: string; poolId: string; open: boolean; onClose: () => void; onDeleted?: () => void }) {
  const { remove } = usePoolActions(props.accountId);
  const styles = useStyles();
  const [typed, setTyped] = useState('');
  const matches = typed === props.poolId;
  const submit = () =>
    remove.mutate(
      { poolId: props.poolId, confirmId: typed },
      {
        onSuccess: () => {
          props.onClose();
          props.onDeleted?.();
        },
      },
    );
  return (
    <Dialog open={props.open} onOpenChange={(_, data) => (data.open ? undefined : props.onClose())}>
      <DialogSurface aria-label={`Delete ${props.poolId}`}>
        <DialogBody>
          <DialogTitle>Delete pool {props.poolId}?</DialogTitle>
          <DialogContent className={styles.content}>
            <Body1>Every node is removed with its files; running tasks stop. This cannot be undone.</Body1>
            <Field label={`Type ${props.poolId} to confirm`}>
              <Input value={typed} onChange={(_, d) => setTyped(d.value)} aria-label="Pool id to confirm" autoFocus />
            </Field>
            {remove.isError && <ServiceErrorMessage error={remove.error} />}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Cancel</Button>
            <Button appearance="primary" onClick={submit} disabled={!matches || remove.isPending}>
              {remove.isPending ? 'Deleting…' : 'Delete pool'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
