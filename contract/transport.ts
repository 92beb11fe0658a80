/**
 * The wire format between a renderer and a host when the transport is a message stream (the web host's WebSocket).
 * Electron IPC carries the same channel names and payloads through ipcRenderer.invoke/webContents.send instead.
 */
import type { Result } from './result';

/** Renderer → host: call one invoke channel. */
export interface WireRequest {
  id: number;
  channel: string;
  payload: unknown;
}

/** Host → renderer: the result of one call. */
export interface WireResponse {
  id: number;
  result: Result<unknown>;
}

/** Host → renderer: one event. */
export interface WireEvent {
  event: string;
  payload: unknown;
}

/** The namespaced API a host exposes to the renderer (`window.batchDeck` in Electron). Functions only. */
export interface BridgeApi {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  /** Subscribes to one event channel; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The name under which the preload exposes the bridge. */
export const bridgeGlobalName = 'batchDeck';

/** The web host's WebSocket subprotocol: the page offers it and the host echoes it back. */
export const contractSubprotocol = 'batch-deck.v1';

/** Prefix of the second subprotocol the page offers, `token.<token>`, which carries the per-start token (never echoed). */
export const tokenSubprotocolPrefix = 'token.';
