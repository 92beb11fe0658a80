import {
  Button,
  Caption1,
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
  tokens,
} from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { suggestedRemotePorts } from '../../../contract/features/tunnels';
import { call } from '../../ipc/client';
import { describeError } from '../../ipc/error-text';
import { remoteLoginKey } from '../connect/use-remote-login';

const useStyles = makeStyles({
  content: { display: 'grid', gap: tokens.spacingVerticalM },
  suggestions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** A typed port: undefined when empty, NaN when not a number 1–65535. */
function parsePort(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const port = Number(text.trim());
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : Number.NaN;
}

/**
 * "Forward a port" on one node: the remote port (Jupyter, TensorBoard, 8080 suggested, or any), the local port on
 * 127.0.0.1 (a free one when empty) and the provisioned user whose SSH connection carries it.
 */
export function ForwardPortDialog(props: { accountId: string; poolId: string; nodeId: string; onClose(): void }) {
  const { accountId, poolId, nodeId } = props;
  const styles = useStyles();
  const table = useQuery({ queryKey: remoteLoginKey(accountId, poolId), queryFn: () => call('remote-login:list', { accountId, poolId }) });
  const users = Object.entries(table.data?.rows.find((row) => row.nodeId === nodeId)?.users ?? {})
    .filter(([, state]) => state.present)
    .map(([name]) => name);
  const [chosenUser, setUser] = useState<string>();
  const user = chosenUser ?? users[0];
  const [remote, setRemote] = useState('8888');
  const [local, setLocal] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const remotePort = parsePort(remote);
  const localPort = parsePort(local);
  const valid = remotePort !== undefined && !Number.isNaN(remotePort) && !Number.isNaN(localPort ?? 0) && Boolean(user);

  const submit = async () => {
    if (!valid || !user || remotePort === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      await call('tunnels:open', { accountId, poolId, nodeId, user, remotePort, ...(localPort ? { localPort } : {}) });
      props.onClose();
    } catch (e) {
      setError(describeError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_, d) => (d.open ? undefined : props.onClose())}>
      <DialogSurface aria-label="Forward a port">
        <DialogBody>
          <DialogTitle>Forward a port from {nodeId}</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label="Port on the node" validationMessage={Number.isNaN(remotePort) ? 'A port is a number from 1 to 65535.' : undefined}>
              <Input value={remote} onChange={(_, d) => setRemote(d.value)} inputMode="numeric" data-testid="tunnel-remote-port" />
            </Field>
            <div className={styles.suggestions}>
              {suggestedRemotePorts.map((s) => (
                <Button key={s.port} size="small" appearance={remotePort === s.port ? 'primary' : 'secondary'} onClick={() => setRemote(String(s.port))}>
                  {s.name} {s.port}
                </Button>
              ))}
            </div>
            <Field
              label="Local port on 127.0.0.1"
              hint="Leave empty for a free one."
              validationMessage={Number.isNaN(localPort) ? 'A port is a number from 1 to 65535.' : undefined}
            >
              <Input value={local} onChange={(_, d) => setLocal(d.value)} inputMode="numeric" placeholder="any free port" data-testid="tunnel-local-port" />
            </Field>
            <Field label="As user" validationMessage={table.data && users.length === 0 ? 'No provisioned user is on this node yet: add one on the Remote login tab.' : undefined}>
              <Dropdown value={user ?? ''} selectedOptions={user ? [user] : []} onOptionSelect={(_, d) => setUser(d.optionValue)} aria-label="User">
                {users.map((name) => (
                  <Option key={name} value={name}>
                    {name}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            {error && <Caption1 role="alert" data-testid="tunnel-error">{error}</Caption1>}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Cancel</Button>
            <Button appearance="primary" disabled={!valid || busy} onClick={() => void submit()} data-testid="tunnel-submit">
              {busy ? 'Checking the port…' : 'Forward'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
