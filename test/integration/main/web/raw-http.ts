import { connect } from 'node:net';
import WebSocket from 'ws';
import { contractSubprotocol, tokenSubprotocolPrefix } from '../../../../contract/transport';

/** A status line and the header block of one raw response. */
export interface RawResponse {
  status: number;
  head: string;
  body: string;
}

/**
 * Writes one request byte for byte over TCP (no client in between that would normalise or refuse the target, as
 * fetch and http.request do) and reads the answer until the host closes the connection.
 */
export function rawRequest(port: number, target: string, headers: Record<string, string>, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n', 2);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body });
    });
    const lines = Object.entries({ connection: 'close', ...headers }).map(([name, value]) => `${name}: ${value}`);
    socket.write(`${method} ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  });
}

/** The headers of a WebSocket upgrade from `origin`, offering the token entry when `token` is given. */
export function upgradeHeaders(host: string, origin: string, token?: string): Record<string, string> {
  return {
    host,
    origin,
    connection: 'Upgrade',
    upgrade: 'websocket',
    'sec-websocket-version': '13',
    'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'sec-websocket-protocol': token === undefined ? contractSubprotocol : `${contractSubprotocol}, ${tokenSubprotocolPrefix}${token}`,
  };
}

/** Opens /ws with the `ws` client; resolves with the open socket or with the status it was refused with. */
export function openSocket(port: number, origin: string | undefined, protocols: string[]): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, protocols, origin ? { headers: { origin } } : {});
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ status: -1 }));
  });
}

/** One contract call over an open socket. */
export function callOver(ws: WebSocket, channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown }> {
  return new Promise((resolve) => {
    ws.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { id?: number; result?: { ok: boolean; value?: unknown } };
      if (message.id === 7 && message.result) resolve(message.result);
    });
    ws.send(JSON.stringify({ id: 7, channel, payload }));
  });
}
