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

/**
 * `term:data` crosses the web host's socket as one binary frame instead of JSON text (no escaping of every CR/LF and
 * control char on the way out, no JSON.parse of megabytes on the way in). Layout, big-endian:
 * byte 0 = {@link dataFrameKind}, byte 1 = n, bytes 2…2+n = the session id (ASCII), then the seq (float64), the number
 * of UTF-16 chars the text has (uint32; flow control counts chars), then the text as UTF-8.
 */
export const dataFrameKind = 1;

/** The parts of a `term:data` frame. */
export interface DataFrame {
  sessionId: string;
  seq: number;
  /** UTF-16 length of the text (what the renderer acknowledges). */
  chars: number;
  /** The text, UTF-8. */
  bytes: Uint8Array;
}

/** Bytes before the text in a frame for a session id of `idLength` chars. */
export function dataFrameHeaderLength(idLength: number): number {
  return 2 + idLength + 8 + 4;
}

/** Writes a frame's header into the start of `frame` (ids are ASCII by their schema); the text follows it. */
export function writeDataFrameHeader(frame: Uint8Array, sessionId: string, seq: number, chars: number): void {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  frame[0] = dataFrameKind;
  frame[1] = sessionId.length;
  for (let i = 0; i < sessionId.length; i += 1) frame[2 + i] = sessionId.charCodeAt(i);
  view.setFloat64(2 + sessionId.length, seq);
  view.setUint32(10 + sessionId.length, chars);
}

/** Reads a `term:data` frame; undefined for anything else (a frame too short or of another kind). */
export function readDataFrame(frame: Uint8Array): DataFrame | undefined {
  if (frame.length < 2 || frame[0] !== dataFrameKind) return undefined;
  const idLength = frame[1] as number;
  const textStart = dataFrameHeaderLength(idLength);
  if (frame.length < textStart) return undefined;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  return {
    sessionId: String.fromCharCode(...frame.subarray(2, 2 + idLength)),
    seq: view.getFloat64(2 + idLength),
    chars: view.getUint32(10 + idLength),
    bytes: frame.subarray(textStart),
  };
}
