import { Caption1, Dropdown, makeStyles, Option, Tab, TabList, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useScopedAccountId } from '../accounts/account-scope';
import { useRemoteLogin } from '../connect/use-remote-login';
import { BatchFileBrowser } from './batch-file-browser';
import { SftpBrowser } from './sftp-browser';
import { TransferList } from './transfer-list';

const useStyles = makeStyles({
  box: { display: 'grid', gap: tokens.spacingVerticalS },
  controls: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  node: { minWidth: '360px' },
});

/**
 * A node's files: the Batch files API view (no SSH needed) or SFTP as one of the users Batch Deck provisioned on the
 * pool, and this pool's transfers with their progress (they go on, and show again, after the window reloads).
 */
export function NodeFilesPanel(props: { poolId: string; nodeIds: string[]; nodeId: string | undefined; onNodeChange: (nodeId: string) => void }) {
  const styles = useStyles();
  const accountId = useScopedAccountId();
  const { poolId, nodeId } = props;
  const [mode, setMode] = useState<'batch' | 'sftp'>('batch');
  const users = (useRemoteLogin(accountId, poolId).data?.users ?? []).map((u) => u.userName);
  const [chosenUser, setUser] = useState<string | undefined>();
  const user = chosenUser && users.includes(chosenUser) ? chosenUser : users[0];
  return (
    <div className={styles.box} data-testid="node-files">
      <div className={styles.controls}>
        <Dropdown
          size="small"
          aria-label="Node"
          placeholder="Choose a node"
          value={nodeId ?? ''}
          selectedOptions={nodeId ? [nodeId] : []}
          onOptionSelect={(_, d) => d.optionValue && props.onNodeChange(d.optionValue)}
          className={styles.node}
        >
          {props.nodeIds.slice(0, 500).map((id) => (
            <Option key={id} value={id}>
              {id}
            </Option>
          ))}
        </Dropdown>
        <TabList size="small" selectedValue={mode} onTabSelect={(_, d) => setMode(d.value as 'batch' | 'sftp')}>
          <Tab value="batch">Batch files</Tab>
          <Tab value="sftp">SFTP</Tab>
        </TabList>
        {mode === 'sftp' && users.length > 0 && (
          <Dropdown size="small" aria-label="SFTP user" value={user ?? ''} selectedOptions={user ? [user] : []} onOptionSelect={(_, d) => d.optionValue && setUser(d.optionValue)}>
            {users.map((u) => (
              <Option key={u} value={u}>
                {u}
              </Option>
            ))}
          </Dropdown>
        )}
      </div>
      {!nodeId && <Caption1>Choose a node, or use Files on a row of the node table.</Caption1>}
      {nodeId && mode === 'batch' && <BatchFileBrowser key={nodeId} scope={{ accountId, poolId, nodeId }} />}
      {nodeId && mode === 'sftp' && !user && <Caption1>SFTP logs in as a user Batch Deck created on this pool: add one on the Remote login tab first.</Caption1>}
      {nodeId && mode === 'sftp' && user && <SftpBrowser key={`${nodeId}/${user}`} scope={{ accountId, poolId, nodeId, user }} />}
      <TransferList accountId={accountId} poolId={poolId} />
    </div>
  );
}
