import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A forward proxy for tests: CONNECT tunnels (and absolute-URI GETs), resolving `*.batchdeck.test` to 127.0.0.1. */
export interface ConnectProxy {
  url: string;
  /** Every `host:port` a client asked to reach through the proxy. */
  targets: string[];
  close(): Promise<void>;
}

/** Starts the proxy on a free loopback port. Only loopback targets are ever connected. */
export async function startConnectProxy(): Promise<ConnectProxy> {
  const targets: string[] = [];
  const sockets = new Set<net.Socket>();
  const loopback = (host: string) => (host.endsWith('.batchdeck.test') || host === '127.0.0.1' ? '127.0.0.1' : undefined);
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '');
    targets.push(target.host);
    const address = loopback(target.hostname);
    if (!address) return void res.writeHead(403).end();
    const upstream = http.request({ host: address, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    targets.push(`${host}:${port}`);
    const address = loopback(host);
    if (!address) return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstream = net.connect(Number(port), address, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
