import { connect, type Socket } from 'node:net';
import type { AcceptConnection, RejectConnection, ServerChannel, TcpipRequestInfo } from 'ssh2';

/** Destinations a node's SSH server forwards to: services on the node itself (loopback), never other machines. */
const nodeLocalHosts = new Map([
  ['127.0.0.1', '127.0.0.1'],
  ['localhost', '127.0.0.1'],
  ['::1', '::1'],
]);

/**
 * Serves one `direct-tcpip` request (what `ssh -L` and ssh2's forwardOut send): connects to the port on the node and
 * pipes both ways. Other destinations are refused (the emulated node is this machine: forwarding elsewhere would
 * reach beyond the sandbox). Refusals and failures are logged with their reason; the client sees "connect failed".
 */
export function serveDirectTcpip(
  accept: AcceptConnection<ServerChannel>,
  reject: RejectConnection,
  info: TcpipRequestInfo,
  options: { track(socket: Socket): void; log(message: string): void },
): void {
  const where = `${info.destIP}:${info.destPort}`;
  const host = nodeLocalHosts.get(info.destIP.toLowerCase());
  if (!host) {
    options.log(`direct-tcpip to ${where} refused: only services on the node (127.0.0.1, localhost) can be forwarded to`);
    return reject();
  }
  const socket = connect({ host, port: info.destPort });
  options.track(socket);
  socket.once('error', (error: NodeJS.ErrnoException) => {
    options.log(`direct-tcpip to ${where} failed: ${error.code ?? error.message}`);
    reject();
  });
  socket.once('connect', () => {
    const channel = accept();
    socket.removeAllListeners('error');
    socket.on('error', () => channel.destroy());
    channel.on('error', () => socket.destroy());
    socket.pipe(channel).pipe(socket);
    channel.once('close', () => socket.destroy());
  });
}
