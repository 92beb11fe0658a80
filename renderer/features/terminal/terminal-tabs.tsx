import {
  Button,
  makeStyles,
  Menu,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  mergeClasses,
  Tab,
  TabList,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import { DismissRegular, MoreHorizontalRegular } from '@fluentui/react-icons';
import { useEffect, useRef } from 'react';
import { useAccounts } from '../accounts/use-accounts';
import { StatusBadge } from './session-banner';
import { tabLabel } from './tab-label';
import { useTerminalStore, type SessionView } from './terminal-store';

const useStyles = makeStyles({
  strip: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    flexShrink: 0,
    minWidth: 0,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  tabs: { overflowX: 'auto', minWidth: 0, flex: 1, scrollbarWidth: 'thin' },
  tab: { maxWidth: '320px' },
  hidden: { opacity: 0.75 },
  tabContent: { display: 'inline-flex', gap: tokens.spacingHorizontalSNudge, alignItems: 'center', minWidth: 0 },
  tabText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

/** The short label and tooltip of every session, naming the account when more than one is configured. */
export function useTabLabels(sessions: SessionView[]): Map<string, { short: string; full: string }> {
  const accounts = useAccounts();
  const list = accounts.data ?? [];
  const names = new Map(list.map((a) => [a.id, a.name]));
  return new Map(sessions.map((s) => [s.sessionId, tabLabel(s, s.node ? names.get(s.node.accountId) : undefined, list.length > 1)]));
}

/**
 * One tab per session with a short label (the whole node id on hover), and an overflow menu listing every session, so
 * a tab scrolled out of view is one click away. The selected tab scrolls into view.
 */
export function TerminalTabs(props: { onClose(session: SessionView): void }) {
  const styles = useStyles();
  const sessions = useTerminalStore((s) => s.sessions);
  const layout = useTerminalStore((s) => s.layout);
  const { show } = useTerminalStore.getState();
  const labels = useTabLabels(sessions);
  const visible = new Set(layout.panes);
  const selected = layout.panes[layout.focused] ?? '';
  const strip = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!selected) return;
    strip.current?.querySelector(`[data-session-id="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [selected]);

  if (sessions.length === 0) return null;
  return (
    <div className={styles.strip} ref={strip}>
      <TabList size="small" selectedValue={selected} onTabSelect={(_, data) => show(String(data.value))} className={styles.tabs}>
        {sessions.map((s) => {
          const label = labels.get(s.sessionId) ?? { short: s.label, full: s.label };
          return (
            <Tooltip key={s.sessionId} content={label.full} relationship="description" positioning="below">
              <Tab
                value={s.sessionId}
                data-testid="terminal-tab"
                data-session-id={s.sessionId}
                aria-label={label.short === s.label ? s.label : `${label.short} (${s.label})`}
                className={mergeClasses(styles.tab, !visible.has(s.sessionId) && styles.hidden)}
              >
                <span className={styles.tabContent}>
                  <span className={styles.tabText}>{label.short}</span>
                  <StatusBadge status={s.status} />
                  <Button
                    as="a"
                    aria-label={`Close ${label.short}`}
                    title="Close this session"
                    size="small"
                    appearance="subtle"
                    icon={<DismissRegular />}
                    onClick={(event) => {
                      event.stopPropagation();
                      props.onClose(s);
                    }}
                  />
                </span>
              </Tab>
            </Tooltip>
          );
        })}
      </TabList>
      <Menu checkedValues={{ session: [selected] }} onCheckedValueChange={(_, data) => data.checkedItems[0] && show(data.checkedItems[0])}>
        <MenuTrigger disableButtonEnhancement>
          <Button size="small" appearance="subtle" icon={<MoreHorizontalRegular />} aria-label={`All terminal tabs (${sessions.length})`}>
            {sessions.length}
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {sessions.map((s) => (
              <MenuItemRadio key={s.sessionId} name="session" value={s.sessionId} data-testid="terminal-tab-menu-item" title={labels.get(s.sessionId)?.full}>
                {labels.get(s.sessionId)?.short ?? s.label}
              </MenuItemRadio>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
    </div>
  );
}
