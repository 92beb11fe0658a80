import {
  Button,
  makeStyles,
  Menu,
  MenuItemCheckbox,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  Switch,
  tokens,
} from '@fluentui/react-components';
import { SendRegular } from '@fluentui/react-icons';
import { useTerminalStore } from './terminal-store';


const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  indicator: { flexBasis: '100%', minWidth: 0, borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteRedBorder2}` },
  oneLine: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});
/**
 * Chooses the sessions that receive broadcast input and turns broadcasting on or off. While on, a red bar says how
 * many sessions every keystroke goes to, and each target pane is outlined and badged.
 */
export function BroadcastBar() {
  const sessions = useTerminalStore((s) => s.sessions);
  const broadcast = useTerminalStore((s) => s.broadcast);
  const { setTargets, setBroadcast } = useTerminalStore.getState();
  const live = sessions.filter((s) => s.status.state !== 'exited');
  const targets = broadcast.targets;
  const styles = useStyles();
  return (
    <>
      <div className={styles.row}>
        <Menu
          checkedValues={{ targets }}
          onCheckedValueChange={(_, data) => setTargets(data.checkedItems)}
          hasCheckmarks
        >
          <MenuTrigger disableButtonEnhancement>
            <Button icon={<SendRegular />} disabled={live.length === 0}>
              Broadcast to… ({targets.length})
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {live.map((s) => (
                <MenuItemCheckbox key={s.sessionId} name="targets" value={s.sessionId}>
                  {s.label}
                </MenuItemCheckbox>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
        <Button size="small" appearance="subtle" disabled={live.length === 0} onClick={() => setTargets(live.map((s) => s.sessionId))}>
          Select all
        </Button>
        <Switch
          label="Broadcast input"
          checked={broadcast.on}
          disabled={targets.length === 0}
          onChange={(_, data) => setBroadcast(data.checked)}
        />
      </div>
      {broadcast.on && (
        <MessageBar
          intent="error"
          icon={<SendRegular />}
          data-testid="broadcast-indicator"
          className={styles.indicator}
        >
          <MessageBarBody className={styles.oneLine}>
            Broadcasting: what you type in a red-outlined pane goes to {targets.length} session{targets.length === 1 ? '' : 's'} (
            {sessions.filter((s) => targets.includes(s.sessionId)).map((s) => s.label).join(', ')}).
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
