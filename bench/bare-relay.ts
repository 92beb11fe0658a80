// The floor of any renderer/main split, for the terminal bench: a bare relay in the main-side process that passes a
// WebSocket's text to an ssh2 shell and the shell's bytes back as binary frames, and nothing else (no contract, no
// validation, no flow control beyond TCP's, no mirror). What Batch Deck costs over it is its own code; what the relay
// costs over a direct ssh2 client is the extra process and its two hops, which any renderer/main design pays.
import ssh2 from 'ssh2';
import { WebSocketServer } from 'ws';
import type { NodeLoginTarget } from '../main/ssh/node-login';

/** A listening relay: one shell per WebSocket connection. */
export interface BareRelay {
  /** ws://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
}

/** Starts the relay on a loopback port; each connection gets its own SSH connection and shell (120 × 40). */
export async function startBareRelay(target: NodeLoginTarget): Promise<BareRelay> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const clients = new Set<ssh2.Client>();
  server.on('connection', (socket) => {
    const client = new ssh2.Client();
    clients.add(client);
    // A WebSocket close reason holds at most 123 bytes.
    const closeWith = (error: Error): void => socket.close(1011, error.message.slice(0, 100));
    let channel: ssh2.ClientChannel | undefined;
    // Input that arrives before the shell is open waits for it.
    const early: string[] = [];
    socket.on('message', (data) => (channel ? channel.write(String(data)) : early.push(String(data))));
    client.on('ready', () =>
      client.shell({ term: 'xterm-256color', cols: 120, rows: 40 }, (error, opened) => {
        if (error) return closeWith(error);
        opened.on('data', (chunk: Buffer) => socket.send(chunk, { binary: true }));
        channel = opened;
        for (const data of early.splice(0)) opened.write(data);
      }),
    );
    client.on('error', closeWith);
    socket.on('close', () => client.end());
    const auth = target.auth.kind === 'privateKey' ? { privateKey: target.auth.privateKey } : { password: target.auth.password };
    client.connect({ host: target.host, port: target.port, username: target.username, ...auth });
  });
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.end();
        server.close(() => resolve());
      }),
  };
}
