import type { Result } from '../../contract/result';
import type { BridgeApi, WireEvent, WireRequest, WireResponse } from '../../contract/transport';

/**
 * The browser side of the web host: carries the contract over a WebSocket to /ws on the page's own origin (the
 * token travels in the HttpOnly cookie set with the page). Reconnects with backoff; calls made while disconnected
 * fail with UNREACHABLE instead of hanging.
 */
export function createWebBridge(location: Location = window.location): BridgeApi {
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;
  let retryDelay = 250;

  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws${location.search}`;

  const connect = (): Promise<WebSocket> => {
    opened ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        retryDelay = 250;
        resolve(ws);
      };
      ws.onmessage = (message) => dispatch(JSON.parse(String(message.data)) as WireResponse | WireEvent);
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
    error: { code: 'UNREACHABLE', message: 'The connection to the Batch Deck web host was lost. Is `npm start` still running?' },
  };
}
