import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { invokeChannelNames } from '../../contract/channels';
import type { EventBus } from '../events';
import type { ContractRouter } from '../router';
import { isAppUrl } from './window-options';

/** The part of ipcMain the wiring uses, so tests can pass a recorder. */
export type IpcRegistrar = Pick<IpcMain, 'handle'>;

/**
 * Registers one ipcMain handler per contract channel. Every handler checks its sender (the frame must be the app's
 * own page in a window we created) before the router sees the payload; the router refuses untrusted senders.
 */
export function registerContractIpc(
  ipcMain: IpcRegistrar,
  router: ContractRouter,
  isOurWebContents: (contents: WebContents) => boolean,
): void {
  for (const channel of invokeChannelNames) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) =>
      router.dispatch(channel, payload, {
        trusted: isTrustedSender(event, isOurWebContents),
        origin: event.senderFrame?.url ?? '<destroyed frame>',
        connectionId: `electron-${event.sender.id}`,
      }),
    );
  }
}

/** The sender check: the main frame of one of our windows, showing an app:// page. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  isOurWebContents: (contents: WebContents) => boolean,
): boolean {
  const frame = event.senderFrame;
  return Boolean(frame && frame.parent === null && isOurWebContents(event.sender) && isAppUrl(frame.url));
}

/** Forwards every event of the bus to one window while it lives. */
export function forwardEvents(bus: EventBus, contents: WebContents): void {
  const disconnect = bus.connect(`electron-${contents.id}`, (event, payload) => {
    if (!contents.isDestroyed()) contents.send(event, payload);
  });
  contents.once('destroyed', disconnect);
}
