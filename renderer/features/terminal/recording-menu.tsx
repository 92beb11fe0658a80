import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, Tooltip } from '@fluentui/react-components';
import { MoreHorizontalRegular, RecordRegular, RecordStopRegular } from '@fluentui/react-icons';
import { call } from '../../ipc/client';
import { describeError } from '../../ipc/error-text';
import { useRecording } from './recording-state';

/** The terminal pane's menu: start or stop logging the session (asciicast + transcript of its output). */
export function RecordingMenu(props: { sessionId: string; onError(message: string): void }) {
  const recording = useRecording(props.sessionId);
  const running = recording?.state === 'recording';
  const toggle = () => {
    const request = running ? call('recording:stop', { sessionId: props.sessionId }) : call('recording:start', { sessionId: props.sessionId });
    request.catch((error: unknown) => props.onError(describeError(error).message));
  };
  return (
    <Menu>
      <Tooltip content="Terminal menu" relationship="label">
        <MenuTrigger disableButtonEnhancement>
          <Button size="small" appearance="subtle" icon={<MoreHorizontalRegular />} aria-label="Terminal menu" />
        </MenuTrigger>
      </Tooltip>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={running ? <RecordStopRegular /> : <RecordRegular />} onClick={toggle}>
            {running ? 'Stop recording' : 'Start recording'}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
