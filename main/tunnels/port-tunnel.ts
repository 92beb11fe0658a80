import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Client, ClientChannel } from 'ssh2';
import { ContractFailure } from '../../contract/result';

/** Counters of one tunnel, as the list shows them. */
export interface TunnelStats {
  bytesSent: number;
  bytesReceived: number;
  openConnections: number;
  totalConnections: number;
  lastError?: string;
}

/** Opens a direct-tcpip channel to `127.0.0.1:remotePort` on the node; rejects in words that name the port. */
export function forwardToNode(client: Client, remotePort: number, nodeId: string, from: { address: string; port: number }): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    try {
      client.forwardOut(from.address, from.port, '127.0.0.1', remotePort, (error, channel) => {
        if (!error) return resolve(channel);
        // SSH_OPEN_ADMINISTRATIVELY_PROHIBITED (1): the node's sshd forbids forwarding; else nothing accepted there.
        const reason = (error as Error & { reason?: number }).reason;
        const why =
          reason === 1
            ? `${nodeId} does not allow port forwarding (AllowTcpForwarding).`
            : `Nothing on ${nodeId} accepted a connection on port ${remotePort}: start the service there first (it must listen on 127.0.0.1 or all addresses).`;
        reject(new ContractFailure('UNREACHABLE', why));
      });
    } catch (error) {
      // ssh2 throws synchronously when the connection is already gone.
      reject(new ContractFailure('SSH_ERROR', `The connection to ${nodeId} is closed: ${(error as Error).message}`));
    }
  });
}

/** Listens on 127.0.0.1:`port` (0: a free one); CONFLICT that names the port when it is taken. */
export function listenLocal(port: number, onSocket: (socket: Socket) => void): Promise<Server> {
  const server = createServer(onSocket);
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') return reject(new ContractFailure('CONFLICT', `Local port ${port} is in use on this computer: pick another one, or leave it empty for a free one.`));
      if (error.code === 'EACCES') return reject(new ContractFailure('CONFLICT', `Local port ${port} needs administrator rights on this computer: pick one above 1023.`));
      reject(error);
    });
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * The local half of a port forward: a net.Server on 127.0.0.1 whose every connection becomes a forwardOut channel
 * on the node's shared SSH connection, piped both ways, with bytes and connections counted.
 */
export class PortTunnel {
  readonly stats: TunnelStats = { bytesSent: 0, bytesReceived: 0, openConnections: 0, totalConnections: 0 };
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;

  constructor(
    private readonly client: Client,
    private readonly remotePort: number,
    private readonly nodeId: string,
    private readonly changed: () => void,
  ) {}

  /** Starts listening; resolves with the local port. */
  async listen(localPort: number): Promise<number> {
    this.server = await listenLocal(localPort, (socket) => this.accept(socket));
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops accepting and ends every open connection; resolves once the port is free. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    this.stats.totalConnections += 1;
    this.stats.openConnections += 1;
    socket.pause();
    socket.once('close', () => {
      this.sockets.delete(socket);
      this.stats.openConnections -= 1;
      this.changed();
    });
    socket.on('error', () => socket.destroy());
    this.changed();
    const from = { address: socket.remoteAddress ?? '127.0.0.1', port: socket.remotePort ?? 0 };
    forwardToNode(this.client, this.remotePort, this.nodeId, from).then(
      (channel) => this.pipe(socket, channel),
      (error: Error) => {
        this.stats.lastError = error.message;
        socket.destroy();
      },
    );
  }

  private pipe(socket: Socket, channel: ClientChannel): void {
    if (socket.destroyed) return void channel.close();
    socket.on('data', (chunk: Buffer) => {
      this.stats.bytesSent += chunk.length;
      this.changed();
    });
    channel.on('data', (chunk: Buffer) => {
      this.stats.bytesReceived += chunk.length;
      this.changed();
    });
    channel.on('error', () => socket.destroy());
    channel.once('close', () => socket.destroy());
    socket.once('close', () => channel.close());
    socket.pipe(channel).pipe(socket);
    socket.resume();
  }
}
