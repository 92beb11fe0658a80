import { Caption1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Tab, TabList, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ResponseOf } from '../../../contract/channels';
import { CopyButton } from '../../components/copy-button';

/** What `remote-login:ssh-command` answered. */
export type SshCommandResult = ResponseOf<'remote-login:ssh-command'>;

const shells = [
  { key: 'posix', label: 'bash / zsh' },
  { key: 'powershell', label: 'PowerShell' },
  { key: 'cmd', label: 'cmd' },
] as const;

const useStyles = makeStyles({
  body: { display: 'grid', gap: tokens.spacingVerticalXS },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  code: { fontFamily: tokens.fontFamilyMonospace, userSelect: 'all', overflowWrap: 'anywhere' },
});

/**
 * The copied ssh command, for the shell the user picks (each quotes the key path its own way), and the node's trusted
 * host key as a `known_hosts` line: with it in ~/.ssh/known_hosts, OpenSSH with `BatchMode=yes` connects without a
 * prompt.
 */
export function SshCommandNotice(props: { result: SshCommandResult; copied: boolean }) {
  const styles = useStyles();
  const available = shells.filter((s) => props.result.commands[s.key]);
  const [shell, setShell] = useState<(typeof shells)[number]['key']>('posix');
  const command = props.result.commands[shell] ?? props.result.command;
  const hosts = props.result.knownHostsLines.join('\n');
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{props.copied ? 'Copied' : 'Copy this command'}</MessageBarTitle>
        {available.length > 1 && (
          <TabList size="small" selectedValue={shell} onTabSelect={(_, d) => setShell(d.value as typeof shell)} aria-label="Shell">
            {available.map((s) => (
              <Tab key={s.key} value={s.key}>
                {s.label}
              </Tab>
            ))}
          </TabList>
        )}
        <span className={styles.line}>
          <code data-testid="ssh-command" className={styles.code}>
            {command}
          </code>
          <CopyButton text={command} label="Copy the ssh command" />
        </span>
        {hosts ? (
          <>
            <Caption1>Add this line to ~/.ssh/known_hosts so ssh trusts the node as Batch Deck does (needed with BatchMode):</Caption1>
            <span className={styles.line}>
              <code data-testid="known-hosts-line" className={styles.code}>
                {hosts}
              </code>
              <CopyButton text={`${hosts}\n`} label="Copy the known_hosts line" />
            </span>
          </>
        ) : (
          <Caption1>Connect once from Batch Deck and trust the node&apos;s host key to get its known_hosts line here.</Caption1>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
