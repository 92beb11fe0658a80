import { Badge, Button, Caption1, Input, makeStyles, mergeClasses, shorthands, tokens, Tooltip } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular, DismissRegular, SearchRegular, SendRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { terminalBackground } from '../../theme/terminal-theme';
import { useTerminalDrop } from '../files/use-terminal-drop';
import { RecordingBar } from './recording-bar';
import { RecordingMenu } from './recording-menu';
import { handleOf } from './session-registry';
import { SessionBanner, StatusBadge } from './session-banner';
import { useTerminalStore, type SessionView } from './terminal-store';

const useStyles = makeStyles({
  pane: {
    flex: 1,
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    minWidth: 0,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  focused: shorthands.borderColor(tokens.colorBrandStroke1),
  broadcasting: shorthands.borderColor(tokens.colorPaletteRedBorder2),
  header: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalSNudge}`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  title: { flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  search: { display: 'flex', gap: tokens.spacingHorizontalXS, padding: tokens.spacingHorizontalXS },
  // The terminal's own background: it follows the theme through xterm's colours (a CSS variable), not a token.
  host: { flex: 1, minHeight: 0, padding: tokens.spacingHorizontalXS, background: terminalBackground },
});

/** Waits this long after the last size change before fitting (columns stay stable while a divider is dragged). */
const fitDebounceMs = 60;

/** One pane of the split view: header, status banner, and the session's xterm (moved in, not re-created). */
export function TerminalPane(props: { index: number; session: SessionView | undefined; canClose: boolean }) {
  const { index, session } = props;
  const focused = useTerminalStore((s) => s.layout.focused === index);
  const broadcasting = useTerminalStore((s) => Boolean(session && s.broadcast.on && s.broadcast.targets.includes(session.sessionId)));
  const { focusPane, closePane } = useTerminalStore.getState();
  const host = useRef<HTMLDivElement>(null);
  const [searching, setSearching] = useState(false);
  const [query, setQuery] = useState('');
  const [recordingError, setRecordingError] = useState<string>();
  const sessionId = session?.sessionId;
  const styles = useStyles();
  // Files dropped on a node's terminal go up over SFTP as the session's user.
  const drop = useTerminalDrop(session?.node);

  useEffect(() => {
    const container = host.current;
    const handle = sessionId ? handleOf(sessionId) : undefined;
    if (!container || !handle) return;
    handle.attach(container);
    handle.onFindRequested = () => setSearching(true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => handle.fitToPane(), fitDebounceMs);
    });
    observer.observe(container);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
      handle.onFindRequested = undefined;
      handle.detach();
    };
  }, [sessionId]);

  useEffect(() => {
    if (focused && sessionId) handleOf(sessionId)?.focus();
  }, [focused, sessionId]);

  const find = (forward: boolean) => {
    const search = sessionId ? handleOf(sessionId)?.search : undefined;
    if (search && query) void (forward ? search.findNext(query) : search.findPrevious(query));
  };

  return (
    <section
      aria-label={session ? `Terminal ${session.label}` : 'Empty pane'}
      data-testid="terminal-pane"
      data-session-id={sessionId ?? ''}
      onMouseDown={() => focusPane(index)}
      onDragOver={drop.onDragOver}
      onDrop={drop.onDrop}
      className={mergeClasses(styles.pane, focused && styles.focused, broadcasting && styles.broadcasting)}
    >
      <header className={styles.header}>
        <Caption1 className={styles.title}>
          {session ? session.label : 'Pick a tab to show it here'}
        </Caption1>
        {broadcasting && (
          <Badge color="danger" icon={<SendRegular />} data-testid="pane-broadcast-badge">
            Broadcast
          </Badge>
        )}
        {drop.notice && <Caption1 data-testid="pane-drop-notice">{drop.notice}</Caption1>}
        {session && <StatusBadge status={session.status} />}
        {session && (
          <Tooltip content="Search (Ctrl+Shift+F)" relationship="label">
            <Button size="small" appearance="subtle" icon={<SearchRegular />} onClick={() => setSearching((v) => !v)} />
          </Tooltip>
        )}
        {session && <RecordingMenu sessionId={session.sessionId} onError={setRecordingError} />}
        {props.canClose && (
          <Tooltip content="Close this pane (the session stays in its tab)" relationship="label">
            <Button size="small" appearance="subtle" icon={<DismissRegular />} onClick={() => closePane(index)} />
          </Tooltip>
        )}
      </header>
      {searching && session && (
        <div className={styles.search}>
          <Input
            size="small"
            autoFocus
            placeholder="Find in scrollback"
            value={query}
            onChange={(_, data) => setQuery(data.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') find(!event.shiftKey);
              if (event.key === 'Escape') setSearching(false);
            }}
          />
          <Button size="small" icon={<ArrowUpRegular />} aria-label="Previous match" onClick={() => find(false)} />
          <Button size="small" icon={<ArrowDownRegular />} aria-label="Next match" onClick={() => find(true)} />
        </div>
      )}
      {session && <RecordingBar sessionId={session.sessionId} {...(recordingError ? { error: recordingError } : {})} />}
      {session && <SessionBanner sessionId={session.sessionId} status={session.status} />}
      <div
        ref={host}
        data-testid="terminal-host"
        className={styles.host}
      />
    </section>
  );
}
