import {
  Badge,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import type { SessionStatus } from '../../../contract/features/terminal';
import { assertNever } from '../../../contract/result';
import { reportError } from '../../components/error-surface';
import { HostKeyChanged, HostKeyPrompt } from './host-key-banner';
import { reconnectSession } from './session-registry';

/** A short label and colour for a session's state (tabs and pane headers). */
export function statusBadge(status: SessionStatus): { text: string; color: 'success' | 'warning' | 'danger' | 'informative' | 'subtle' } {
  switch (status.state) {
    case 'connecting':
      return { text: status.attempt > 1 ? `Connecting (attempt ${status.attempt})` : 'Connecting', color: 'informative' };
    case 'host-key-prompt':
      return { text: 'Host key?', color: 'warning' };
    case 'host-key-changed':
      return { text: 'Blocked: host key changed', color: 'danger' };
    case 'connected':
      return { text: 'Connected', color: 'success' };
    case 'reconnecting':
      return { text: `Reconnecting (attempt ${status.attempt})`, color: 'warning' };
    case 'disconnected':
      return status.code === 'NODE_GONE' ? { text: 'Node gone', color: 'subtle' } : { text: 'Disconnected', color: 'danger' };
    case 'exited':
      return { text: status.exitCode === null ? `Ended (${status.signal ?? 'closed'})` : `Exited ${status.exitCode}`, color: 'subtle' };
    default:
      return assertNever(status, 'session status');
  }
}

/** The badge itself. */
export function StatusBadge(props: { status: SessionStatus }) {
  const badge = statusBadge(props.status);
  return (
    <Badge appearance="tint" color={badge.color} data-testid="session-status" data-state={props.status.state}>
      {badge.text}
    </Badge>
  );
}

const useStyles = makeStyles({ spinner: { justifyContent: 'flex-start', padding: tokens.spacingHorizontalXS } });

/** What a pane shows above the terminal when the session is not simply connected. Scrollback stays below it. */
export function SessionBanner(props: { sessionId: string; status: SessionStatus }) {
  const styles = useStyles();
  const { status, sessionId } = props;
  const reconnect = () => void reconnectSession(sessionId).catch(reportError);
  switch (status.state) {
    case 'connected':
      return null;
    case 'connecting':
      return <Spinner size="tiny" label="Connecting…" labelPosition="after" className={styles.spinner} />;
    case 'host-key-prompt':
      return <HostKeyPrompt status={status} />;
    case 'host-key-changed':
      return <HostKeyChanged status={status} />;
    case 'reconnecting':
      return (
        <MessageBar intent="warning" data-testid="session-reconnecting">
          <MessageBarBody>
            <MessageBarTitle>Connection lost</MessageBarTitle>
            {status.reason}. Reconnecting in {Math.round(status.delayMs / 1000)} s (attempt {status.attempt}).
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={reconnect}>Reconnect now</Button>
          </MessageBarActions>
        </MessageBar>
      );
    case 'disconnected':
      // The node left its pool (or the pool was deleted): reconnecting cannot help, so none is offered.
      if (status.code === 'NODE_GONE') {
        return (
          <MessageBar intent="info" data-testid="session-node-gone">
            <MessageBarBody>
              <MessageBarTitle>The node is gone</MessageBarTitle>
              {status.reason} Its output stays here until you close the tab.
            </MessageBarBody>
          </MessageBar>
        );
      }
      return (
        <MessageBar intent="error" data-testid="session-disconnected">
          <MessageBarBody>
            <MessageBarTitle>Disconnected</MessageBarTitle>
            {status.reason}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={reconnect}>Reconnect</Button>
          </MessageBarActions>
        </MessageBar>
      );
    case 'exited':
      return (
        <MessageBar intent="info" data-testid="session-exited">
          <MessageBarBody>
            The shell ended{status.exitCode !== null ? ` with exit code ${status.exitCode}` : status.signal ? ` by ${status.signal}` : ''}. Its output stays
            here until you close the tab.
          </MessageBarBody>
        </MessageBar>
      );
    default:
      return assertNever(status, 'session status');
  }
}
