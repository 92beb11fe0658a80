import { contextBridge, ipcRenderer } from 'electron';
import { isEventChannel, isInvokeChannel } from '../contract/channels';
import type { Result } from '../contract/result';
import { bridgeGlobalName, type BridgeApi } from '../contract/transport';

/**
 * The only thing the renderer gets: `window.batchDeck` with two functions, limited to the contract's channels.
 * No ipcRenderer, no event objects cross (listeners receive the payload only).
 */
const api: BridgeApi = {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>> {
    if (!isInvokeChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel named "${channel}".` } });
    }
    return ipcRenderer.invoke(channel, payload) as Promise<Result<unknown>>;
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventChannel(event)) throw new Error(`There is no event named "${event}".`);
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
};

contextBridge.exposeInMainWorld(bridgeGlobalName, api);
