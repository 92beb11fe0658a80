import { createServer, type AddressInfo, type Server } from 'node:net';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSshFixture, type SshFixture } from '../emulator/node-runtime/runtime-fixture';

// The emulated node's SSH server forwards local ports (ssh -L, ssh2 forwardOut) to services on the node only.
let fixture: SshFixture;
let service: Server;
let servicePort: number;
let client: Client;

beforeAll(async () => {
  fixture = await createSshFixture('ops');
  // A service "on the node": the emulated node is this machine, so a loopback server stands for it.
  service = createServer((socket) => socket.on('data', (chunk) => socket.write(`node says: ${chunk.toString()}`)));
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  servicePort = (service.address() as AddressInfo).port;
  client = await fixture.login();
});

afterAll(async () => {
  client?.end();
  await new Promise((resolve) => service?.close(resolve));
  await fixture?.dispose();
});

/** Opens a direct-tcpip channel to `host:port` on the node. */
function forward(host: string, port: number): Promise<ClientChannel> {
  return new Promise((resolve, reject) => client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => (error ? reject(error) : resolve(channel))));
}

/** Sends `text` and resolves with the first answer. */
function ask(channel: ClientChannel, text: string): Promise<string> {
  return new Promise((resolve) => {
    channel.once('data', (chunk: Buffer) => resolve(chunk.toString()));
    channel.write(text);
  });
}

describe('port forwarding on an emulated node', () => {
  it('a forward to 127.0.0.1 or localhost reaches the service on the node, both ways', async () => {
    const byAddress = await forward('127.0.0.1', servicePort);
    expect(await ask(byAddress, 'hi')).toBe('node says: hi');
    const byName = await forward('localhost', servicePort);
    expect(await ask(byName, 'again')).toBe('node says: again');
    byAddress.close();
    byName.close();
  });

  it('a forward to another machine is refused, and the connection stays usable', async () => {
    await expect(forward('192.0.2.10', 80)).rejects.toThrow(/Channel open failure/);
    const ok = await forward('127.0.0.1', servicePort);
    expect(await ask(ok, 'still')).toBe('node says: still');
    ok.close();
  });

  it('a forward to a port nothing listens on is refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(forward('127.0.0.1', port)).rejects.toMatchObject({ reason: 2 }); // SSH_OPEN_CONNECT_FAILED
  });
});
