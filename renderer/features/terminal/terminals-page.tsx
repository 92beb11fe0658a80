import { Badge, Button, makeStyles, Spinner, ToggleButton, Toolbar, ToolbarDivider, tokens, Tooltip } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { maxPanes } from '../../../contract/features/terminal';
import { reportError } from '../../components/error-surface';
import { useNavigation } from '../../navigation';
import { useScopedAccountId } from '../accounts/account-scope';
import { useSettings } from '../settings/use-settings';
import { BroadcastBar } from './broadcast-bar';
import { paneGrid } from './pane-layout';
import { useCloseSession } from './close-session-dialog';
import { configureTerminals, openLocalSession, openNodeSession, startTerminalClient } from './session-registry';
import { TerminalPane } from './terminal-pane';
import { TerminalTabs } from './terminal-tabs';
import { useTerminalStore } from './terminal-store';
import { useOtherTerminalWindows } from './window-peers';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    flex: 1,
    minHeight: 0,
    minWidth: 0,
    padding: tokens.spacingHorizontalS,
    gap: tokens.spacingVerticalSNudge,
  },
  toolbar: { gap: tokens.spacingHorizontalS, flexWrap: 'wrap', padding: 0 },
  empty: { color: tokens.colorNeutralForeground3 },
  panes: { display: 'grid', flex: 1, minHeight: 0, gap: tokens.spacingHorizontalSNudge },
  pane: { display: 'flex', minHeight: 0, minWidth: 0 },
});

/** Route parameters already turned into a session (a reload or a StrictMode re-run must not open a second one). */
let openedRoute = '';

/** The Terminals page: one tab per session (SSH to nodes, local shells), a split view of up to 4 panes, broadcast. */
export function TerminalsPage() {
  const sessions = useTerminalStore((s) => s.sessions);
  const layout = useTerminalStore((s) => s.layout);
  const { setPaneCount } = useTerminalStore.getState();
  const styles = useStyles();
  const closer = useCloseSession();
  const otherWindows = useOtherTerminalWindows();
  const settings = useSettings();
  const { route, go } = useNavigation();

  // The page shows its tabs and actions once the sessions main holds are adopted, so what it shows first is complete.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    startTerminalClient()
      .catch(reportError)
      .finally(() => setReady(true));
  }, []);

  useEffect(() => {
    if (settings.data) configureTerminals({ fontSize: settings.data.terminalFontSize, copyOnSelect: settings.data.terminalCopyOnSelect });
  }, [settings.data]);

  // The remote-login table navigates here with { accountId, poolId, nodeId, user }: open that session once, then clear
  // the route. The session keeps that account (the pool's), not whichever one this window shows by then.
  const windowAccountId = useScopedAccountId();
  const { poolId, nodeId, user } = route.params;
  const accountId = route.params.accountId ?? windowAccountId;
  useEffect(() => {
    if (!poolId || !nodeId || !user) return;
    const key = JSON.stringify([accountId, poolId, nodeId, user]);
    go('terminals', {});
    if (openedRoute === key) return;
    openedRoute = key;
    openNodeSession({ accountId, poolId, nodeId, user }).catch(reportError);
  }, [accountId, poolId, nodeId, user, go]);

  const grid = paneGrid(layout.panes.length);
  // The grid's tracks depend on the pane count: computed, so inline.
  const gridStyle = { gridTemplateColumns: grid.columns, gridTemplateRows: grid.rows };
  if (!ready) {
    return (
      <section aria-label="Terminals" aria-busy="true" className={styles.page}>
        <Spinner label="Restoring terminal sessions…" />
      </section>
    );
  }
  return (
    <section aria-label="Terminals" className={styles.page}>
      <Toolbar aria-label="Terminal actions" className={styles.toolbar}>
        <Button icon={<AddRegular />} onClick={() => void openLocalSession().catch(reportError)}>
          New local shell
        </Button>
        <ToolbarDivider />
        <span>Panes:</span>
        {Array.from({ length: maxPanes }, (_, i) => i + 1).map((count) => (
          <ToggleButton key={count} size="small" checked={layout.panes.length === count} onClick={() => setPaneCount(count)} aria-label={`${count} panes`}>
            {count}
          </ToggleButton>
        ))}
        <ToolbarDivider />
        <BroadcastBar />
        {otherWindows > 0 && (
          <Tooltip content="The same sessions are open in another window: typing in either goes to the same shell." relationship="description">
            <Badge appearance="tint" color="informative" data-testid="terminal-shared-badge">
              {otherWindows === 1 ? 'Also open in another window' : `Also open in ${otherWindows} other windows`}
            </Badge>
          </Tooltip>
        )}
      </Toolbar>
      <TerminalTabs onClose={closer.request} />
      {sessions.length === 0 ? (
        <p className={styles.empty}>No terminals yet. Open a new local shell, or connect to a node from a pool&apos;s remote-login table.</p>
      ) : (
        <div className={styles.panes} style={gridStyle}>
          {layout.panes.map((sessionId, index) => (
            <div key={index} className={styles.pane} style={grid.span(index) ? { gridColumn: grid.span(index) } : undefined}>
              <TerminalPane index={index} session={sessions.find((s) => s.sessionId === sessionId)} canClose={layout.panes.length > 1} />
            </div>
          ))}
        </div>
      )}
      {closer.dialog}
    </section>
  );
}
