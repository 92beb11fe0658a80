import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { invokeChannelNames } from '../../../contract/channels';
import type { Result } from '../../../contract/result';
import { registerContractIpc, type IpcRegistrar } from '../../../main/electron/ipc';
import type { Logger } from '../../../main/log';
import { ContractRouter, type CallContext, type InvokeHandlers } from '../../../main/router';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Result<unknown>>;

const appPage = 'app://batch-deck/index.html';
const ourContents = { id: 1 } as WebContents;
const foreignContents = { id: 2 } as WebContents;

/** An ipcMain stand-in that keeps every handler registered, by channel. */
function recordingIpcMain(): IpcRegistrar & { handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
  } as IpcRegistrar & { handlers: Map<string, Handler> };
}

/** The real router over handlers that only record that they ran (every channel of the contract). */
function recordingRouter(): { router: ContractRouter; ran: string[]; contexts: CallContext[] } {
  const ran: string[] = [];
  const handlers = new Proxy({} as InvokeHandlers, {
    get: (_target, channel: string) => () => {
      ran.push(channel);
      return null;
    },
  });
  const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const router = new ContractRouter(handlers, quiet);
  const contexts: CallContext[] = [];
  const dispatch = router.dispatch.bind(router);
  vi.spyOn(router, 'dispatch').mockImplementation((channel, payload, ctx) => {
    contexts.push(ctx);
    return dispatch(channel, payload, ctx);
  });
  return { router, ran, contexts };
}

/** An invoke event as Electron builds it: who sent it and from which frame. */
function invokeFrom(sender: WebContents, frame: { url: string; parent: unknown } | null): IpcMainInvokeEvent {
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

const untrustedSenders: Array<[string, IpcMainInvokeEvent]> = [
  ['a page from another origin in our window', invokeFrom(ourContents, { url: 'https://evil.example/', parent: null })],
  ['a file:// page in our window', invokeFrom(ourContents, { url: 'file:///tmp/index.html', parent: null })],
  ['a subframe of our page', invokeFrom(ourContents, { url: appPage, parent: { url: appPage } })],
  ['a WebContents we did not create', invokeFrom(foreignContents, { url: appPage, parent: null })],
  ['a frame that is already gone', invokeFrom(ourContents, null)],
];

function wire(): ReturnType<typeof recordingRouter> & { ipc: ReturnType<typeof recordingIpcMain> } {
  const ipc = recordingIpcMain();
  const recorded = recordingRouter();
  registerContractIpc(ipc, recorded.router, (contents) => contents.id === ourContents.id);
  return { ...recorded, ipc };
}

describe('Electron IPC handlers', () => {
  it('registers exactly one handler for every channel of the contract and nothing else', () => {
    const { ipc } = wire();
    expect([...ipc.handlers.keys()].sort()).toEqual([...invokeChannelNames].sort());
  });

  describe.each(untrustedSenders)('refuse %s', (_name, event) => {
    it.each(invokeChannelNames)('%s answers FORBIDDEN_SENDER and runs nothing', async (channel) => {
      const { ipc, ran, contexts } = wire();
      const result = await ipc.handlers.get(channel)!(event, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      expect(contexts.map((ctx) => ctx.trusted)).toEqual([false]);
      expect(ran).toEqual([]);
    });
  });

  it.each(invokeChannelNames)('%s accepts the main frame of our own app:// page', async (channel) => {
    const { ipc, contexts } = wire();
    const result = await ipc.handlers.get(channel)!(invokeFrom(ourContents, { url: appPage, parent: null }), {});
    expect(contexts).toEqual([expect.objectContaining({ trusted: true, origin: appPage, connectionId: 'electron-1' })]);
    // Past the sender check the router validates the payload: `{}` may fit the channel's schema or not.
    if (!result.ok) expect(result.error.code).toBe('INVALID_PAYLOAD');
  });
});
