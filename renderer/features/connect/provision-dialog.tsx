import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Textarea,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  nodeUserNameSchema,
  nodeUserPasswordSchema,
  sshPublicKeySchema,
  type ProvisionAuthKind,
  type ProvisionedUser,
} from '../../../contract/features/provision';
import { call } from '../../ipc/client';
import { describeError } from '../../ipc/error-text';
import { useScopedAccountId } from '../accounts/account-scope';
import { useConnectStyles } from './connect-styles';
import { ManagedKeySummary } from './managed-key-summary';

/** `YYYY-MM-DDTHH:mm` in local time, what a datetime-local input holds. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The first problem a schema finds, in its own words, or undefined. */
function problem(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error?.issues[0]?.message;
}

/**
 * The provisioning form: user name, how it signs in (managed key, own public key, or password with a strong
 * generated default), admin, expiry (one day by default), and which nodes (the selection or the whole pool). An
 * existing password user keeps its password unless "Change the password" is ticked (then every node that has the
 * user gets the new one). Checks with the contract's own schemas before it sends; main checks again.
 */
export function ProvisionDialog(props: {
  poolId: string;
  selectedNodeIds: string[];
  /** Users Batch Deck already provisioned on the pool (to say what happens to an existing password). */
  existing: ProvisionedUser[];
  open: boolean;
  onClose(): void;
  onStarted(operationId: string, userName: string): void;
}) {
  const accountId = useScopedAccountId();
  const styles = useConnectStyles();
  const [userName, setUserName] = useState('');
  const [rotatePassword, setRotatePassword] = useState(false);
  const [authKind, setAuthKind] = useState<ProvisionAuthKind>('managedKey');
  const [publicKey, setPublicKey] = useState('');
  const [password, setPassword] = useState('');
  const [isAdmin, setIsAdmin] = useState(false);
  const [expiry, setExpiry] = useState(() => localInputValue(new Date(Date.now() + 24 * 3_600_000)));
  const [chosenTarget, setTarget] = useState<'selected' | 'all'>('selected');
  // With nothing selected the only sensible target is the whole pool, whatever was chosen before.
  const target = props.selectedNodeIds.length === 0 ? 'all' : chosenTarget;
  const [touched, setTouched] = useState(false);
  // When the dialog opened: the expiry check compares with it (main checks against its own clock again).
  const [openedAt] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string>();

  const expiryDate = new Date(expiry);
  const existingPassword = props.existing.some((u) => u.userName.toLowerCase() === userName.toLowerCase() && u.authKind === 'password');
  const errors = {
    userName: problem(nodeUserNameSchema, userName),
    publicKey: authKind === 'publicKey' ? problem(sshPublicKeySchema, publicKey) : undefined,
    password: authKind === 'password' && password !== '' ? problem(nodeUserPasswordSchema, password) : undefined,
    expiry: Number.isNaN(expiryDate.getTime()) ? 'Choose a date and time.' : expiryDate.getTime() <= openedAt ? 'The expiry must be in the future.' : undefined,
    target: target === 'selected' && props.selectedNodeIds.length === 0 ? 'No nodes are selected; choose the whole pool or select nodes first.' : undefined,
  };
  const valid = Object.values(errors).every((e) => e === undefined);

  const submit = async () => {
    setTouched(true);
    if (!valid) return;
    setBusy(true);
    setServerError(undefined);
    const auth = authKind === 'publicKey' ? { kind: authKind, publicKey } : authKind === 'password' ? { kind: authKind, ...(password ? { password } : {}) } : { kind: authKind };
    try {
      const { operationId } = await call('provision:apply', {
        accountId,
        poolId: props.poolId,
        rotatePassword: authKind === 'password' && existingPassword && rotatePassword,
        nodes: target === 'all' ? 'all' : props.selectedNodeIds,
        userName,
        auth,
        isAdmin,
        expiryTime: expiryDate.toISOString(),
      });
      props.onStarted(operationId, userName);
      props.onClose();
    } catch (error) {
      setServerError(describeError(error).message);
    } finally {
      setBusy(false);
    }
  };

  const show = (message: string | undefined) => (touched ? message : undefined);
  return (
    <Dialog open={props.open} onOpenChange={(_, data) => (data.open ? undefined : props.onClose())}>
      <DialogSurface aria-label="Add a user to nodes">
        <DialogBody>
          <DialogTitle>Add a user to nodes of {props.poolId}</DialogTitle>
          <DialogContent className={styles.dialogContent}>
            <Field label="User name" required validationMessage={show(errors.userName)}>
              <Input value={userName} onChange={(_, d) => setUserName(d.value)} data-testid="provision-user-name" />
            </Field>
            <Field label="Sign-in">
              <RadioGroup value={authKind} onChange={(_, d) => setAuthKind(d.value as ProvisionAuthKind)}>
                <Radio value="managedKey" label="Batch Deck's managed key for this account (recommended)" />
                <Radio value="publicKey" label="My own public key" />
                <Radio value="password" label="Password" />
              </RadioGroup>
            </Field>
            {authKind === 'managedKey' && <ManagedKeySummary />}
            {authKind === 'publicKey' && (
              <Field label="OpenSSH public key" required validationMessage={show(errors.publicKey)}>
                <Textarea value={publicKey} onChange={(_, d) => setPublicKey(d.value)} placeholder="ssh-ed25519 AAAA… you@host" resize="vertical" />
              </Field>
            )}
            {authKind === 'password' && (
              <Field
                label="Password"
                hint={
                  existingPassword && !rotatePassword
                    ? `Leave empty: ${userName} keeps the password Batch Deck holds for it, on new nodes too.`
                    : "Leave empty for a strong generated one, kept in Batch Deck's secret store."
                }
                validationMessage={show(errors.password)}
              >
                <Input type="password" value={password} onChange={(_, d) => setPassword(d.value)} autoComplete="new-password" data-testid="provision-password" />
              </Field>
            )}
            {authKind === 'password' && existingPassword && (
              <Checkbox
                checked={rotatePassword}
                onChange={(_, d) => setRotatePassword(d.checked === true)}
                label="Change the password on every node that has this user"
                data-testid="provision-rotate"
              />
            )}
            <Checkbox checked={isAdmin} onChange={(_, d) => setIsAdmin(d.checked === true)} label="Administrator (sudo)" />
            <Field label="Expires" validationMessage={show(errors.expiry)}>
              <Input type="datetime-local" value={expiry} onChange={(_, d) => setExpiry(d.value)} />
            </Field>
            <Field label="Nodes" validationMessage={show(errors.target)}>
              <RadioGroup value={target} onChange={(_, d) => setTarget(d.value as 'selected' | 'all')}>
                <Radio value="selected" label={`The ${props.selectedNodeIds.length} selected node(s)`} disabled={props.selectedNodeIds.length === 0} />
                <Radio value="all" label="Every node of the pool" />
              </RadioGroup>
            </Field>
            {serverError && (
              <Field validationMessage={serverError} validationState="error">
                <span />
              </Field>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Cancel</Button>
            <Button appearance="primary" onClick={() => void submit()} disabled={busy || (touched && !valid)} data-testid="provision-submit">
              {busy ? 'Starting…' : 'Add user'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
