import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import ssh2, { type Connection } from 'ssh2';
import { serveDirectTcpip } from './direct-tcpip';
import type { NodePaths } from './node-paths';
import { checkLogin, OFFERED_METHODS } from './ssh-auth';
import type { SessionProcess } from './session-process';
import { serveSession } from './shell-session';
import { waitAtMost } from './process-tree';
import type { NodeUserRecord } from './types';

/** How long ended connections get to flush their disconnect before their sockets are destroyed. */
const DISCONNECT_GRACE_MS = 500;
/** Failed attempts allowed per connection before it is dropped (OpenSSH's MaxAuthTries default). */
const MAX_AUTH_FAILURES = 6;

/** What one node's SSH server needs. */
export interface NodeSshServerOptions {
  /** Printed in logs to say which node spoke. */
  label: string;
  hostKey: string;
  paths: NodePaths;
  nodeEnv: Record<string, string>;
  /** The node's users, asked at every authentication attempt. */
  users(): NodeUserRecord[];
  log(message: string): void;
}

interface LiveConnection {
  client: Connection;
  userName?: string;
  processes: Set<SessionProcess>;
  /** Sockets of forwarded connections (direct-tcpip) to services on the node. */
  forwards: Set<Socket>;
}

/**
 * The SSH daemon of one emulated node: ssh2 `Server` on 127.0.0.1 (and, best effort, on ::1 with the same port,
 * which dual-stack pools report as their IPv6 remote login), shells via bash, local forwards (direct-tcpip) to
 * services on the node.
 */
export class NodeSshServer {
  private readonly ssh: ssh2.Server;
  /** We own the listening socket and every accepted socket, so close() can destroy a peer that never hangs up. */
  private readonly server: NetServer;
  private readonly server6: NetServer;
  private readonly sockets = new Set<Socket>();
  private readonly connections = new Set<LiveConnection>();
  private listening: Promise<number> | undefined;
  private closed = false;

  constructor(private readonly options: NodeSshServerOptions) {
    this.ssh = new ssh2.Server({ hostKeys: [options.hostKey], ident: 'BatchEmulatorNode' }, (client, info) =>
      this.accept(client, `${info.ip} ${info.port}`),
    );
    const onSocket = (socket: Socket): void => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      this.ssh.injectSocket(socket);
    };
    this.server = createServer(onSocket);
    this.server6 = createServer(onSocket);
    this.server.on('error', (error: Error) => options.log(`${options.label}: ssh listener error: ${error.message}`));
  }

  /** Listens on `preferredPort`, or on a free port when that one is taken; resolves to the real port. */
  listen(preferredPort: number): Promise<number> {
    if (this.closed) return Promise.reject(new Error(`SSH server of ${this.options.label} was stopped`));
    if (!this.listening) {
      const attempt = listenWithFallback(this.server, preferredPort).then(async (port) => {
        await this.listenIpv6(port);
        return port;
      });
      this.listening = attempt;
      // A failed listen must not stick: the next openSsh tries again.
      attempt.catch(() => {
        if (this.listening === attempt) this.listening = undefined;
      });
    }
    return this.listening;
  }

  /** Also listens on ::1 with the IPv4 port; a machine without IPv6 (or a taken port) only loses the IPv6 login. */
  private listenIpv6(port: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (error?: Error): void => {
        this.server6.off('error', done);
        if (error) this.options.log(`${this.options.label}: no IPv6 listener on [::1]:${port}: ${error.message}`);
        resolve();
      };
      this.server6.once('error', done);
      this.server6.listen(port, '::1', () => done());
    });
  }

  /** The port listened on, once listening. */
  get port(): number | undefined {
    const address = this.server.address() as AddressInfo | null;
    return address?.port;
  }

  /** Ends every connection logged in as `userName`, killing its shells. */
  async endUser(userName: string): Promise<void> {
    const ending = [...this.connections].filter((live) => live.userName === userName).map((live) => this.end(live));
    await Promise.all(ending);
  }

  /** Stops listening, ends every connection and kills every process; bounded in time. */
  async close(): Promise<void> {
    this.closed = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.server6.listening) this.server6.close();
    await Promise.all([...this.connections].map((live) => this.end(live)));
    await waitAtMost(closed, DISCONNECT_GRACE_MS);
    for (const socket of this.sockets) socket.destroy();
    if (this.listening) await closed;
  }

  private async end(live: LiveConnection): Promise<void> {
    this.connections.delete(live);
    const kills = [...live.processes].map((child) => child.kill());
    for (const socket of live.forwards) socket.destroy();
    live.client.end();
    await Promise.all(kills);
  }

  private accept(client: Connection, clientAddress: string): void {
    const live: LiveConnection = { client, processes: new Set(), forwards: new Set() };
    this.connections.add(live);
    const { log, label } = this.options;
    let failures = 0;
    client.on('authentication', (ctx) => {
      let users: NodeUserRecord[];
      try {
        users = this.options.users();
      } catch (error) {
        log(`${label}: could not read node users: ${(error as Error).message}`);
        return ctx.reject([...OFFERED_METHODS]);
      }
      const verdict = checkLogin(ctx, users, new Date());
      if (!verdict.accepted) {
        // `none` is how every client asks which methods exist; it is not a failed guess.
        if (ctx.method !== 'none') {
          failures++;
          log(`${label}: ${ctx.method} login refused for ${ctx.username}: ${verdict.reason}`);
        }
        ctx.reject([...OFFERED_METHODS]);
        if (failures >= MAX_AUTH_FAILURES) client.end();
        return;
      }
      live.userName = verdict.user.name;
      ctx.accept();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        serveSession(acceptSession(), {
          paths: this.options.paths,
          nodeEnv: this.options.nodeEnv,
          userName: live.userName ?? '',
          sshConnection: `${clientAddress} 127.0.0.1 ${this.port ?? 0}`,
          track: (child) => {
            live.processes.add(child);
            void child.exited.then(() => live.processes.delete(child));
          },
          log: (message) => log(`${label}: ${message}`),
        });
      });
      client.on('tcpip', (accept, reject, info) =>
        serveDirectTcpip(accept, reject, info, {
          track: (socket) => {
            live.forwards.add(socket);
            socket.once('close', () => live.forwards.delete(socket));
          },
          log: (message) => log(`${label}: ${message}`),
        }),
      );
    });
    client.on('error', (error: Error) => log(`${label}: connection error: ${error.message}`));
    client.on('close', () => void this.end(live));
  }
}

function listenWithFallback(server: NetServer, preferredPort: number): Promise<number> {
  const attempt = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        server.off('listening', onListening);
        reject(error);
      };
      const onListening = (): void => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, '127.0.0.1');
    });
  return attempt(preferredPort).catch((error: NodeJS.ErrnoException) => {
    // The requested frontend port is taken (or privileged): take any free one; the caller reports the real port.
    if (error.code === 'EADDRINUSE' || error.code === 'EACCES') return attempt(0);
    throw error;
  });
}
