import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { BatchDeckApp } from '../app';
import type { Logger } from '../log';
import { attachSocket } from './socket-bridge';
import { serveStatic } from './static-files';

/** Options for the loopback web host. */
export interface WebHostOptions {
  app: BatchDeckApp;
  log: Logger;
  /** Folder with the built renderer (index.html + assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); a random one per start otherwise. */
  token?: string;
}

/** A started web host. */
export interface RunningWebHost {
  /** The address to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Name of the cookie that carries the token for assets and the socket after the first page load. */
export const tokenCookie = 'batchdeck_token';

/**
 * Serves the renderer and the contract (over a WebSocket at /ws) on 127.0.0.1 only. Every request must carry the
 * per-start token (query on first load, then an HttpOnly SameSite=Strict cookie) and a Host of 127.0.0.1:PORT; the
 * socket also needs Origin http://127.0.0.1:PORT. Anything else is refused.
 */
export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let origin = '';
  const guard = (req: IncomingMessage): string | undefined => checkRequest(req, origin, token);
  const server: Server = createServer((req, res) => {
    const refusal = guard(req);
    if (refusal) {
      options.log.warn('web', `refused ${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}: ${refusal}`);
      res.writeHead(refusal.startsWith('Host') ? 421 : 403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Batch Deck refused this request: ${refusal}\nOpen the address that \`npm start\` printed.\n`);
      return;
    }
    serveStatic(req, res, options.rendererDir, `${tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`);
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const refusal = guard(req) ?? checkOrigin(req, origin);
    if (refusal || new URL(req.url ?? '/', 'http://x').pathname !== '/ws') {
      options.log.warn('web', `refused a WebSocket: ${refusal ?? 'wrong path'}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attachSocket(ws, options.app, options.log, origin));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Returns why a request is refused, or undefined when its Host and token are right. */
function checkRequest(req: IncomingMessage, origin: string, token: string): string | undefined {
  if (`http://${req.headers.host ?? ''}` !== origin) return `Host "${req.headers.host ?? ''}" is not ${origin.slice(7)}`;
  const url = new URL(req.url ?? '/', origin);
  const given = url.searchParams.get('token') ?? readCookie(req.headers.cookie, tokenCookie);
  if (!given) return 'the token is missing';
  if (!sameSecret(given, token)) return 'the token is wrong';
  return undefined;
}

/** Returns why a socket's Origin is refused, or undefined when it is the host's own origin. */
function checkOrigin(req: IncomingMessage, origin: string): string | undefined {
  return req.headers.origin === origin ? undefined : `Origin "${req.headers.origin ?? ''}" is not ${origin}`;
}

/** Reads one cookie value from a Cookie header. */
function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Constant-time comparison of two tokens. */
function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
