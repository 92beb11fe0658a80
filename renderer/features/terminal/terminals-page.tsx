import { Button, Tab, TabList, ToggleButton, Toolbar, ToolbarDivider, tokens, Tooltip } from '@fluentui/react-components';
import { AddRegular, DismissRegular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import { maxPanes } from '../../../contract/features/terminal';
import { reportError } from '../../components/error-surface';
import { useNavigation } from '../../navigation';
import { useScopedAccountId } from '../accounts/account-scope';
import { useSettings } from '../settings/use-settings';
import { BroadcastBar } from './broadcast-bar';
import { paneGrid } from './pane-layout';
import { StatusBadge } from './session-banner';
import { closeSession, configureTerminals, openLocalSession, openNodeSession, startTerminalClient } from './session-registry';
import { TerminalPane } from './terminal-pane';
import { useTerminalStore } from './terminal-store';

/** Route parameters already turned into a session (a reload or a StrictMode re-run must not open a second one). */
let openedRoute = '';

/** The Terminals page: one tab per session (SSH to nodes, local shells), a split view of up to 4 panes, broadcast. */
export function TerminalsPage() {
  const sessions = useTerminalStore((s) => s.sessions);
  const layout = useTerminalStore((s) => s.layout);
  const { show, setPaneCount } = useTerminalStore.getState();
  const settings = useSettings();
  const { route, go } = useNavigation();

  useEffect(() => {
    startTerminalClient().catch(reportError);
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
  const visible = new Set(layout.panes);
  return (
    <section aria-label="Terminals" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, minWidth: 0, padding: 8, gap: 6 }}>
      <Toolbar aria-label="Terminal actions" style={{ gap: 8, flexWrap: 'wrap', padding: 0 }}>
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
      </Toolbar>
      <TabList
        size="small"
        selectedValue={layout.panes[layout.focused] ?? ''}
        onTabSelect={(_, data) => show(String(data.value))}
        style={{ overflowX: 'auto', maxWidth: '100%', flexShrink: 0, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` }}
      >
        {sessions.map((s) => (
          <Tab key={s.sessionId} value={s.sessionId} data-testid="terminal-tab" aria-label={s.label} style={{ opacity: visible.has(s.sessionId) ? 1 : 0.75 }}>
            <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
              {s.label}
              <StatusBadge status={s.status} />
              <Tooltip content="Close this session" relationship="label">
                <Button
                  as="a"
                  aria-label={`Close ${s.label}`}
                  size="small"
                  appearance="subtle"
                  icon={<DismissRegular />}
                  onClick={(event) => {
                    event.stopPropagation();
                    closeSession(s.sessionId).catch(reportError);
                  }}
                />
              </Tooltip>
            </span>
          </Tab>
        ))}
      </TabList>
      {sessions.length === 0 ? (
        <p style={{ color: tokens.colorNeutralForeground3 }}>
          No terminals yet. Open a new local shell, or connect to a node from a pool&apos;s remote-login table.
        </p>
      ) : (
        <div style={{ display: 'grid', flex: 1, minHeight: 0, gap: 6, gridTemplateColumns: grid.columns, gridTemplateRows: grid.rows }}>
          {layout.panes.map((sessionId, index) => (
            <div key={index} style={{ display: 'flex', minHeight: 0, minWidth: 0, gridColumn: grid.span(index) }}>
              <TerminalPane index={index} session={sessions.find((s) => s.sessionId === sessionId)} canClose={layout.panes.length > 1} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
