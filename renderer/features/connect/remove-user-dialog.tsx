import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Radio,
  RadioGroup,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useScopedAccountId } from '../accounts/account-scope';
import { useConnectStyles } from './connect-styles';
import { call } from '../../ipc/client';
import { describeError } from '../../ipc/error-text';

/** Removes one user Batch Deck provisioned from the selected nodes or from every node of the pool. */
export function RemoveUserDialog(props: {
  poolId: string;
  userName: string;
  selectedNodeIds: string[];
  open: boolean;
  onClose(): void;
  onStarted(operationId: string): void;
}) {
  const accountId = useScopedAccountId();
  const styles = useConnectStyles();
  const [chosenTarget, setTarget] = useState<'selected' | 'all'>('selected');
  const target = props.selectedNodeIds.length === 0 ? 'all' : chosenTarget;
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const nodes = target === 'all' ? ('all' as const) : props.selectedNodeIds;
      const { operationId } = await call('provision:remove', { accountId, poolId: props.poolId, nodes, userName: props.userName });
      props.onStarted(operationId);
      props.onClose();
    } catch (e) {
      setError(describeError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onOpenChange={(_, d) => (d.open ? undefined : props.onClose())}>
      <DialogSurface aria-label={`Remove ${props.userName}`}>
        <DialogBody>
          <DialogTitle>Remove {props.userName}</DialogTitle>
          <DialogContent className={styles.dialogContent}>
            <Caption1>Open SSH sessions of this user on those nodes end when it is removed.</Caption1>
            <Field label="From" validationMessage={error}>
              <RadioGroup value={target} onChange={(_, d) => setTarget(d.value as 'selected' | 'all')}>
                <Radio value="selected" label={`The ${props.selectedNodeIds.length} selected node(s)`} disabled={props.selectedNodeIds.length === 0} />
                <Radio value="all" label="Every node of the pool" />
              </RadioGroup>
            </Field>
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Keep the user</Button>
            <Button appearance="primary" disabled={busy} onClick={() => void submit()} data-testid="remove-user-submit">
              Remove
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
