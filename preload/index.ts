import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../contract/result';
import { bridgeGlobalName, type BridgeApi } from '../contract/transport';
import { eventChannelNames, invokeChannelNames } from './generated-channels';

// Names only (generated from the contract at build time): the schemas and zod stay in main, which validates every
// payload, so this preload, loaded before every page, stays a few kilobytes.
const invokeChannels = new Set(invokeChannelNames);
const eventChannels = new Set(eventChannelNames);

/**
 * The only thing the renderer gets: `window.batchDeck` with two functions, limited to the contract's channels.
 * No ipcRenderer, no event objects cross (listeners receive the payload only).
 */
const api: BridgeApi = {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>> {
    if (!invokeChannels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel named "${channel}".` } });
    }
    return ipcRenderer.invoke(channel, payload) as Promise<Result<unknown>>;
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!eventChannels.has(event)) throw new Error(`There is no event named "${event}".`);
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
};

contextBridge.exposeInMainWorld(bridgeGlobalName, api);
