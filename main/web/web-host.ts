import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { BatchDeckApp } from '../app';
import type { Logger } from '../log';
import { RefusalLog } from './refusal-log';
import { contractSubprotocol } from '../../contract/transport';
import { checkHost, checkSocket, type Refusal } from './request-guard';
import { downloadPrefix, serveDownload } from './download-route';
import { requestPath } from './request-target';
import { attachSocket } from './socket-bridge';
import { serveStatic } from './static-files';

/** Options for the loopback web host. */
export interface WebHostOptions {
  /**
   * The app, or a loader called as soon as the host listens (the CLI loads the app's modules then: the address is
   * printed first, and the sockets wait for the app).
   */
  app: BatchDeckApp | (() => Promise<BatchDeckApp>);
  log: Logger;
  /** Folder with the built renderer (index.html + assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); a random one per start otherwise. */
  token?: string;
  /** How long one window of the refusal log lasts (tests shorten it). */
  refusalWindowMs?: number;
}

/** A started web host. */
export interface RunningWebHost {
  /** The address to open: `http://127.0.0.1:PORT/#token=…` (a fragment, which browsers never send). */
  url: string;
  origin: string;
  port: number;
  token: string;
  /** The app the sockets serve, once loaded. */
  app: Promise<BatchDeckApp>;
  close(): Promise<void>;
}

const malformed: Refusal = { status: 400, kind: 'malformed target', message: 'the request target is not a well-formed path' };

/**
 * Serves the renderer and the contract (over a WebSocket at /ws) on 127.0.0.1 only. Every request needs a
 * well-formed target (else 400) and the Host `127.0.0.1:PORT` (else 421). The static files are not secret and need
 * nothing more; the socket also needs Origin `http://127.0.0.1:PORT` and the per-start token, which the page sends
 * as the subprotocol `token.<token>` next to `batch-deck.v1` (the one the host echoes). No cookie is ever set:
 * browsers send cookies for 127.0.0.1 to every port on it.
 */
export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const refusals = new RefusalLog(options.log, options.refusalWindowMs);
  let origin = '';
  const refuse = (req: IncomingMessage, refusal: Refusal): string => {
    refusals.record(`${req.method ?? '?'} ${JSON.stringify((req.url ?? '').slice(0, 80))}`, refusal);
    return `Batch Deck refused this request: ${refusal.message}.\nOpen the address that \`npm start\` printed.\n`;
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const path = requestPath(req.url);
    const refusal = path === undefined ? malformed : checkHost(req, origin);
    if (refusal) res.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8' }).end(refuse(req, refusal));
    else if (path?.startsWith(downloadPrefix)) void appReady.then((app) => serveDownload(req, res, app.downloads, path)).catch(() => res.writeHead(503).end());
    else serveStatic(req, res, options.rendererDir, path ?? '/');
  };
  const server: Server = createServer((req, res) => {
    try {
      onRequest(req, res);
    } catch (error) {
      options.log.error('web', `answering ${req.method ?? '?'} failed`, error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end();
    }
  });

  // A loader runs on the first turn after the server listens; a ready app is used as is.
  const appReady = typeof options.app === 'function' ? loadOnceListening(server, options.app) : Promise.resolve(options.app);
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 8 * 1024 * 1024,
    // The token entry is never echoed: only the non-secret contract name goes back to the page.
    handleProtocols: (offered) => (offered.has(contractSubprotocol) ? contractSubprotocol : false),
  });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = requestPath(req.url);
    const refusal = path === undefined ? malformed : (checkHost(req, origin) ?? checkSocketPath(path) ?? checkSocket(req, origin, token));
    if (refusal) {
      refuse(req, refusal);
      socket.end(`HTTP/1.1 ${refusal.status} ${statusText(refusal.status)}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    appReady
      .then((app) => sockets.handleUpgrade(req, socket, head, (ws) => attachSocket(ws, app, options.log, origin)))
      .catch((error: unknown) => {
        options.log.error('web', 'a WebSocket was refused: the app did not start', error);
        socket.destroy();
      });
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands the raw socket over without an error listener: a client that resets it must not end the host.
    socket.on('error', () => socket.destroy());
    try {
      onUpgrade(req, socket, head);
    } catch (error) {
      options.log.error('web', 'a WebSocket upgrade failed', error);
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    app: appReady,
    close: () =>
      new Promise<void>((resolve) => {
        refusals.flush();
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Calls `load` on the first turn after `server` listens. Loading at once beat loading between the page's requests
 * (bench/startup-cold.bench.ts, 15 rounds each): the app's modules load before the browser asks, and the browser then
 * gets its files in one burst and compiles them on the other core; steps between requests held each script back.
 */
function loadOnceListening<T>(server: Server, load: () => Promise<T>): Promise<T> {
  return new Promise<void>((resolve) => server.once('listening', () => setImmediate(resolve))).then(load);
}

/** Refuses an upgrade anywhere but /ws. */
function checkSocketPath(path: string): Refusal | undefined {
  return path === '/ws' ? undefined : { status: 404, kind: 'wrong path', message: `there is no socket at ${JSON.stringify(path.slice(0, 80))}` };
}

/** The reason phrase for the statuses the upgrade handler answers with. */
function statusText(status: number): string {
  return { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request' }[status] ?? 'Error';
}
