import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { KnownHostKey, SessionStatus } from '../../../contract/features/terminal';
import { reportError } from '../../components/error-surface';
import { call } from '../../ipc/client';
import { TrustedKeysDialog } from './trusted-keys-dialog';

type Prompt = Extract<SessionStatus, { state: 'host-key-prompt' }>;
type Changed = Extract<SessionStatus, { state: 'host-key-changed' }>;

/** Asks the user about an unknown host key; the connection waits, nothing has been sent to the host yet. */
export function HostKeyPrompt(props: { status: Prompt }) {
  const { hostKeyId, key, otherKnown } = props.status;
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'trust' | 'reject') => {
    setBusy(true);
    try {
      await call('hostkeys:decide', { hostKeyId, fingerprint: key.fingerprint, decision });
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="host-key-prompt">
      <MessageBarBody>
        <MessageBarTitle>Unknown host key for {hostKeyId}</MessageBarTitle>
        <div>
          {key.keyType} <code data-testid="host-key-fingerprint">{key.fingerprint}</code>
        </div>
        <Caption1>
          Nothing has been sent to this host. Trust it only if this fingerprint matches the node&apos;s own key (on the node:
          <code> ssh-keygen -lf /etc/ssh/ssh_host_{key.keyType.replace(/^ssh-|-sha2-nistp\d+$/g, '')}_key.pub</code>).
        </Caption1>
        {otherKnown.length > 0 && <KnownKeys title="Keys of other types already known for this host:" keys={otherKnown} />}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" disabled={busy} onClick={() => void decide('trust')}>
          Trust and connect
        </Button>
        <Button disabled={busy} onClick={() => void decide('reject')}>
          Reject
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/**
 * A changed host key: the connection was refused before authentication. There is deliberately no accept button; the
 * user must remove the old key (our store) or run ssh-keygen -R (known_hosts, which we never write), then reconnect
 * and verify the new fingerprint.
 */
export function HostKeyChanged(props: { status: Changed }) {
  const { hostKeyId, presented, known } = props.status;
  const [reviewing, setReviewing] = useState(false);
  const inKnownHosts = known.some((k) => k.source === 'known_hosts');
  return (
    <MessageBar intent="error" layout="multiline" data-testid="host-key-changed">
      <MessageBarBody>
        <MessageBarTitle>Host key changed for {hostKeyId}: connection blocked</MessageBarTitle>
        <div>
          Now presented: {presented.keyType} <code data-testid="host-key-new">{presented.fingerprint}</code>
        </div>
        <KnownKeys title="Trusted before:" keys={known} />
        <Caption1>
          No credentials were sent. A reimaged node or a different node behind the same address explains this; so would
          someone intercepting the connection. Check the new fingerprint on the node before you trust it.
          {inKnownHosts && (
            <>
              {' '}The old key is in ~/.ssh/known_hosts, which Batch Deck never edits: run <code>ssh-keygen -R &quot;{hostKeyId}&quot;</code>.
            </>
          )}
        </Caption1>
      </MessageBarBody>
      <MessageBarActions>
        {known.some((k) => k.source === 'trust-store') && <Button onClick={() => setReviewing(true)}>Review trusted keys…</Button>}
      </MessageBarActions>
      <TrustedKeysDialog open={reviewing} hostKeyId={hostKeyId} onClose={() => setReviewing(false)} />
    </MessageBar>
  );
}

const useStyles = makeStyles({ list: { margin: `${tokens.spacingVerticalXXS} 0` } });

function KnownKeys(props: { title: string; keys: KnownHostKey[] }) {
  const styles = useStyles();
  return (
    <div>
      {props.title}
      <ul className={styles.list}>
        {props.keys.map((k) => (
          <li key={`${k.source}:${k.fingerprint}`}>
            {k.keyType} <code>{k.fingerprint}</code> ({k.source === 'known_hosts' ? '~/.ssh/known_hosts' : 'Batch Deck trust store'})
          </li>
        ))}
      </ul>
    </div>
  );
}
