import { Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { useState } from 'react';
import { reportError } from '../../components/error-surface';
import { useSettings, useUpdateSettings } from '../settings/use-settings';
import { closeSession, handleOf } from './session-registry';
import { useTerminalStore, type SessionView } from './terminal-store';

/** A connected SSH session is "live": closing it ends the remote shell and whatever runs there. */
export function isLive(session: SessionView): boolean {
  return session.kind === 'ssh' && session.status.state === 'connected';
}

/** Closes a session, then gives the keyboard to the terminal of the focused pane (the next tab moves into it). */
export async function closeAndRefocus(sessionId: string): Promise<void> {
  await closeSession(sessionId);
  // After the dialog (if any) has returned focus to where it was opened, which no longer exists.
  setTimeout(() => {
    const { layout } = useTerminalStore.getState();
    const next = layout.panes[layout.focused] ?? layout.panes.find(Boolean);
    if (next) handleOf(next)?.focus();
  }, 0);
}

/**
 * Closing tabs: a connected SSH tab asks first (unless the setting says not to, or "Don't ask again" was ticked);
 * anything else closes at once. Returns the request function and the dialog to render.
 */
export function useCloseSession(): { request(session: SessionView): void; dialog: React.ReactNode } {
  const settings = useSettings();
  const update = useUpdateSettings();
  const [pending, setPending] = useState<{ session: SessionView; label: string } | undefined>();
  const [dontAsk, setDontAsk] = useState(false);
  const close = (sessionId: string) => void closeAndRefocus(sessionId).catch(reportError);

  const request = (session: SessionView) => {
    if (isLive(session) && settings.data?.terminalConfirmClose !== false) {
      setDontAsk(false);
      setPending({ session, label: session.node ? `${session.node.user} on ${session.node.nodeId}` : session.label });
    } else close(session.sessionId);
  };
  const confirm = () => {
    if (!pending) return;
    if (dontAsk) update.mutate({ terminalConfirmClose: false });
    setPending(undefined);
    close(pending.session.sessionId);
  };
  const dialog = (
    <Dialog open={pending !== undefined} onOpenChange={(_, data) => !data.open && setPending(undefined)}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Close this SSH session?</DialogTitle>
          <DialogContent>
            <p>
              The shell of {pending?.label} ends, and so does anything still running in it. Its scrollback is not kept.
            </p>
            <Checkbox label="Don't ask again (Settings can turn this back on)" checked={dontAsk} onChange={(_, d) => setDontAsk(Boolean(d.checked))} />
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={() => setPending(undefined)}>
              Keep it open
            </Button>
            <Button appearance="primary" onClick={confirm}>
              Close session
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
  return { request, dialog };
}
