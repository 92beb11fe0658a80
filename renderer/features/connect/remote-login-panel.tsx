import {
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { RemoteLoginRow } from '../../../contract/features/provision';
import { call, ContractCallError } from '../../ipc/client';
import { errorTitles } from '../../ipc/error-text';
import { useScopedAccountId } from '../accounts/account-scope';
import { useNavigation } from '../../navigation';
import { KeyExportDialog } from './key-export-dialog';
import { ProvisionDialog } from './provision-dialog';
import { ProvisionProgress } from './provision-progress';
import { RemoteLoginTable } from './remote-login-table';
import { RemoveUserDialog } from './remove-user-dialog';
import { SshCommandNotice, type SshCommandResult } from './ssh-command-notice';
import { usePoolOperations } from './use-provision-operations';
import { useRemoteLogin } from './use-remote-login';

const useStyles = makeStyles({
  panel: { display: 'grid', gap: tokens.spacingVerticalM },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalS },
  title: { marginRight: 'auto' },
  userSelect: { minWidth: '220px' },
  command: { userSelect: 'all' },
});

type Notice = { intent: 'success' | 'error' | 'info'; title: string; text: string; testId: string };

/**
 * Remote login for one pool: add a user to the selected nodes or the whole pool, follow its progress per node (and
 * cancel it), remove it again, and the live, sortable remote-login table with "copy ssh command" and "connect".
 */
export function RemoteLoginPanel(props: { poolId: string; selectedNodeIds: string[] }) {
  const { poolId, selectedNodeIds } = props;
  const styles = useStyles();
  const accountId = useScopedAccountId();
  const table = useRemoteLogin(accountId, poolId);
  const operations = usePoolOperations(accountId, poolId);
  const go = useNavigation((s) => s.go);
  const [dialog, setDialog] = useState<'provision' | 'remove' | 'export'>();
  const [exportReason, setExportReason] = useState<string>();
  const [pendingCopy, setPendingCopy] = useState<RemoteLoginRow>();
  const [chosenUser, setChosenUser] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const [command, setCommand] = useState<{ result: SshCommandResult; copied: boolean }>();
  // Each opening mounts a fresh dialog (fresh form, fresh default expiry); the closed one unmounts only once closed.
  const [openings, setOpenings] = useState(0);
  const open = (which: 'provision' | 'remove' | 'export', reason?: string) => {
    setExportReason(reason);
    setOpenings((n) => n + 1);
    setDialog(which);
  };

  const users = table.data?.users ?? [];
  const userName = chosenUser && users.some((u) => u.userName === chosenUser) ? chosenUser : (operations[0]?.summary.subject ?? users[0]?.userName);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const chosen = users.find((u) => u.userName === userName);
  const userExpired = chosen !== undefined && Date.parse(chosen.expiryTime) <= now;
  const noEndpoint = table.data?.rows.find((r) => r.unavailable?.code === 'NO_SSH_ENDPOINT')?.unavailable;

  const copyCommand = async (row: RemoteLoginRow) => {
    if (!userName) return;
    try {
      const result = await call('remote-login:ssh-command', { accountId, poolId, nodeId: row.nodeId, userName });
      if (result.keyFileNeeded) {
        setPendingCopy(row);
        open('export', 'The ssh command needs the managed private key in a file. Export it once; later commands reuse the file.');
        return;
      }
      if (notice?.intent === 'error') setNotice(undefined);
      const copied = await navigator.clipboard?.writeText(result.command).then(() => true, () => false);
      setCommand({ result, copied: copied === true });
    } catch (error) {
      const code = error instanceof ContractCallError ? error.code : 'INTERNAL';
      setCommand(undefined);
      setNotice({ intent: 'error', title: errorTitles[code], text: error instanceof Error ? error.message : String(error), testId: 'ssh-command-error' });
    }
  };

  const connect = (row: RemoteLoginRow) => {
    if (userName) go('terminals', { accountId, poolId, nodeId: row.nodeId, user: userName });
  };

  return (
    <section aria-label="Remote login" className={styles.panel} data-testid="remote-login-panel">
      <div className={styles.toolbar}>
        <Subtitle2 as="h3" className={styles.title}>
          Remote login
        </Subtitle2>
        <Field label="User shown">
          <Select className={styles.userSelect} value={userName ?? ''} onChange={(_, d) => setChosenUser(d.value)} disabled={users.length === 0} aria-label="User shown in the table">
            {users.length === 0 && <option value="">none yet</option>}
            {users.map((u) => (
              <option key={u.userName} value={u.userName}>
                {u.userName} ({u.authKind === 'managedKey' ? 'managed key' : u.authKind === 'publicKey' ? 'own key' : 'password'}
                {u.isAdmin ? ', admin' : ''}, expires {new Date(u.expiryTime).toLocaleString()})
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" onClick={() => open('provision')} data-testid="open-provision">
          Add user…
        </Button>
        <Button disabled={!userName} onClick={() => open('remove')}>
          Remove user…
        </Button>
        <Button onClick={() => open('export')}>Export key…</Button>
        <Button onClick={() => void table.refresh().catch(() => undefined)} disabled={table.refreshing} data-testid="refresh-logins">
          {table.refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
      </div>

      {operations.slice(0, 2).map((op) => (
        <ProvisionProgress key={op.summary.operationId} operation={op} />
      ))}

      {command && <SshCommandNotice result={command.result} copied={command.copied} />}
      {notice && (
        <MessageBar intent={notice.intent}>
          <MessageBarBody>
            <MessageBarTitle>{notice.title}</MessageBarTitle>
            <code data-testid={notice.testId} className={styles.command}>
              {notice.text}
            </code>
          </MessageBarBody>
        </MessageBar>
      )}
      {noEndpoint && (
        <MessageBar intent="warning" data-testid="no-ssh-endpoint">
          <MessageBarBody>
            <MessageBarTitle>{errorTitles.NO_SSH_ENDPOINT}</MessageBarTitle>
            {noEndpoint.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {table.isError && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{table.error instanceof ContractCallError ? errorTitles[table.error.code] : 'Could not read remote login settings'}</MessageBarTitle>
            {table.error.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {table.isPending && <Spinner size="small" label="Reading each node's remote login settings…" />}
      {table.data && (
        <>
          <RemoteLoginTable rows={table.data.rows} userName={userName} userExpired={userExpired} actions={{ copyCommand: (r) => void copyCommand(r), connect }} />
          <Caption1>
            {table.data.rows.length} node(s) · login settings read {new Date(table.data.fetchedAt).toLocaleTimeString()}
          </Caption1>
        </>
      )}

      {/* Dialogs stay mounted and toggle `open`: unmounting an open modal would skip its cleanup. */}
      <ProvisionDialog
        key={`provision-${openings}`}
        open={dialog === 'provision'}
        poolId={poolId}
        selectedNodeIds={selectedNodeIds}
        existing={users}
        onClose={() => setDialog(undefined)}
        onStarted={(_, name) => setChosenUser(name)}
      />
      {userName && (
        <RemoveUserDialog
          key={`remove-${openings}`}
          open={dialog === 'remove'}
          poolId={poolId}
          userName={userName}
          selectedNodeIds={selectedNodeIds}
          onClose={() => setDialog(undefined)}
          onStarted={() => undefined}
        />
      )}
      <KeyExportDialog
        key={`export-${openings}`}
        open={dialog === 'export'}
        reason={exportReason}
        onClose={() => setDialog(undefined)}
        onExported={(path) => {
          setNotice({ intent: 'info', title: 'Private key exported (0600)', text: path, testId: 'key-exported' });
          if (pendingCopy) void copyCommand(pendingCopy);
          setPendingCopy(undefined);
        }}
      />
    </section>
  );
}
