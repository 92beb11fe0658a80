import type { Result } from '../../contract/result';
import { contractSubprotocol, readDataFrame, tokenSubprotocolPrefix, type BridgeApi, type WireEvent, type WireRequest, type WireResponse } from '../../contract/transport';

/** Where this tab keeps the web host's token after taking it out of the address. */
export const tokenStorageKey = 'batch-deck.web-host-token';

/** The address fragment the web host prints: `#token=…`, optionally followed by a route (`#token=…#pools`). */
const tokenFragment = /^#token=([\w-]+)(?:(?:#|%23)(.*))?$/;

/**
 * Takes the web host's token out of the address (`http://127.0.0.1:PORT/#token=…`; a fragment, which browsers
 * never send to a server) into this tab's sessionStorage, and rewrites the address bar without it, keeping any
 * route that followed. Call it before the first render. sessionStorage belongs to this origin (this port) and this
 * tab only and is gone when the tab closes; it lets a reload reconnect. The page's own scripts can read it, which
 * the CSP limits to the built renderer (docs/security.md, "The web host").
 */
export function adoptAddressToken(location: Location = window.location, history: History = window.history, storage: Storage = window.sessionStorage): void {
  const match = tokenFragment.exec(location.hash);
  if (!match?.[1]) return;
  storage.setItem(tokenStorageKey, match[1]);
  history.replaceState(history.state, '', `${location.pathname}${location.search}${match[2] ? `#${match[2]}` : ''}`);
}

/** The subprotocols a socket offers: the contract's name (which the host echoes) and the token entry. */
export function socketSubprotocols(token: string | null): string[] {
  return token ? [contractSubprotocol, `${tokenSubprotocolPrefix}${token}`] : [contractSubprotocol];
}

/**
 * The browser side of the web host: carries the contract over a WebSocket to /ws on the page's own origin, with the
 * token from {@link adoptAddressToken} in `Sec-WebSocket-Protocol` (never in a cookie, which every port on
 * 127.0.0.1 would receive). Reconnects with backoff; calls made while disconnected fail with UNREACHABLE instead of
 * hanging.
 */
export function createWebBridge(location: Location = window.location, storage: Storage = window.sessionStorage): BridgeApi {
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;
  let retryDelay = 250;

  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

  const connect = (): Promise<WebSocket> => {
    opened ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, socketSubprotocols(storage.getItem(tokenStorageKey)));
      ws.onopen = () => {
        socket = ws;
        retryDelay = 250;
        resolve(ws);
      };
      ws.binaryType = 'arraybuffer';
      ws.onmessage = (message) => {
        if (message.data instanceof ArrayBuffer) dispatchFrame(new Uint8Array(message.data));
        else dispatch(JSON.parse(String(message.data)) as WireResponse | WireEvent);
      };
      ws.onclose = () => {
        socket = undefined;
        opened = undefined;
        for (const settle of pending.values()) settle(lost());
        pending.clear();
        reject(new Error('closed'));
        if (listeners.size > 0) setTimeout(() => void connect().catch(() => undefined), retryDelay);
        retryDelay = Math.min(retryDelay * 2, 5000);
      };
    });
    return opened;
  };

  const dispatch = (message: WireResponse | WireEvent): void => {
    if ('id' in message) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  };

  /** Terminal output arrives as binary frames; listeners get the same payload as from Electron's IPC. */
  const utf8 = new TextDecoder();
  const dispatchFrame = (bytes: Uint8Array): void => {
    const frame = readDataFrame(bytes);
    if (!frame) return;
    const payload = { sessionId: frame.sessionId, seq: frame.seq, data: utf8.decode(frame.bytes) };
    for (const listener of listeners.get('term:data') ?? []) listener(payload);
  };

  return {
    async invoke(channel, payload) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch {
        return lost();
      }
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, payload } satisfies WireRequest));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      void connect().catch(() => undefined);
      return () => set.delete(listener);
    },
  };
}

/** The result of a call whose connection went away. */
function lost(): Result<never> {
  return {
    ok: false,
    error: {
      code: 'UNREACHABLE',
      message:
        'The Batch Deck web host cannot be reached or refused this page. Is `npm start` still running? If it was restarted, open the new address it printed.',
    },
  };
}
