import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TunnelInfo } from '../../../contract/features/tunnels';
import { EventBus } from '../../../main/events';
import { SshConnectionPool } from '../../../main/ssh/connection-pool';
import { HostKeyPrompts } from '../../../main/ssh/host-key-prompts';
import { HostKeyTrust } from '../../../main/ssh/host-key-trust';
import { KnownHostsFile } from '../../../main/ssh/known-hosts-file';
import { TunnelService } from '../../../main/tunnels/tunnel-service';
import { eventually } from '../../helpers/eventually';
import { startSshd, type RunningSshd } from '../../helpers/sshd';
import { MemoryLogger, serverConnections } from './terminal-fixture';

// Port forwards over OpenSSH's sshd: the "service on the node" is an HTTP-ish server on loopback (sshd runs here).
let sshd: RunningSshd;
let dataDir: string;
let pool: SshConnectionPool;
let tunnels: TunnelService;
let service: Server;
let servicePort: number;
let gone: string | undefined;
const seen: TunnelInfo[][] = [];

beforeAll(async () => {
  sshd = await startSshd();
  dataDir = mkdtempSync(join(tmpdir(), 'batch-deck-tunnels-'));
  const knownHosts = join(dataDir, 'known_hosts');
  writeFileSync(knownHosts, `${sshd.hostKeyId} ${sshd.hostPublicKey()}\n`);
  const trust = new HostKeyTrust(dataDir, new KnownHostsFile(knownHosts));
  const log = new MemoryLogger();
  const resolver = { resolve: async () => sshd.loginTarget(), whyGone: async () => gone };
  pool = new SshConnectionPool({ resolver, trust, prompts: new HostKeyPrompts(), log });
  const events = new EventBus();
  events.connect('test', (event, payload) => {
    if (event === 'tunnels:changed') seen.push((payload as { tunnels: TunnelInfo[] }).tunnels);
  });
  tunnels = new TunnelService({ connections: pool, resolver, events, log });
  service = createServer((socket) => socket.once('data', () => socket.end('HTTP/1.0 200 OK\r\n\r\nDirectory listing for /\n')));
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  servicePort = (service.address() as AddressInfo).port;
});

afterAll(async () => {
  await tunnels?.dispose();
  await pool?.dispose();
  await new Promise((resolve) => service?.close(resolve));
  await sshd?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const node = (nodeId: string) => ({ accountId: 'acct', poolId: 'pool-1', nodeId, user: sshd.user });

/** A free loopback port right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('port forwarding', () => {
  it('a local port reaches the service on the node; closing the tunnel refuses the next connection', async () => {
    const tunnel = await tunnels.open({ ...node('n1'), remotePort: servicePort });
    expect(tunnel.localUrl).toBe(`http://127.0.0.1:${tunnel.localPort}/`);
    const page = await (await fetch(tunnel.localUrl)).text();
    expect(page).toContain('Directory listing for /');
    await eventually(async () => {
      const now = tunnels.list()[0];
      return now && now.totalConnections === 1 && now.openConnections === 0 && now.bytesReceived > 0 ? true : undefined;
    }, 5000);
    // The renderer hears the counters too (pushed at most every 250 ms while data moves).
    await eventually(async () => ((seen.at(-1)?.[0]?.bytesSent ?? 0) > 0 ? true : undefined), 5000);

    await tunnels.close(tunnel.tunnelId);
    await expect(fetch(tunnel.localUrl)).rejects.toThrow();
    expect(tunnels.list()).toEqual([]);
    await eventually(async () => ((await serverConnections(sshd.port)) === 0 ? true : undefined), 5000); // last user gone
  });

  it('the local port the user picks is used; a port in use is refused naming it, and nothing is left open', async () => {
    const wanted = await freePort();
    const tunnel = await tunnels.open({ ...node('n2'), remotePort: servicePort, localPort: wanted });
    expect(tunnel.localPort).toBe(wanted);
    await expect(tunnels.open({ ...node('n2'), remotePort: servicePort, localPort: wanted })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`Local port ${wanted} is in use`),
    });
    expect(tunnels.list()).toHaveLength(1);
    await tunnels.close(tunnel.tunnelId);
  });

  it('a remote port nothing listens on is refused, naming the port, before any local port opens', async () => {
    const closed = await freePort();
    await expect(tunnels.open({ ...node('n3'), remotePort: closed })).rejects.toMatchObject({
      code: 'UNREACHABLE',
      message: expect.stringContaining(`port ${closed}`),
    });
    expect(tunnels.list()).toEqual([]);
  });

  it('when the node goes away the tunnel ends and says why', async () => {
    const tunnel = await tunnels.open({ ...node('n4'), remotePort: servicePort });
    gone = 'Node n4 is no longer in pool pool-1 (it was removed or the pool was resized).';
    for (const pid of await sshd.connectionPids()) process.kill(pid, 'SIGKILL');
    const ended = await eventually(async () => tunnels.list().find((t) => t.tunnelId === tunnel.tunnelId && t.state === 'ended'), 5000);
    expect(ended.endedReason).toBe(gone);
    await expect(fetch(tunnel.localUrl)).rejects.toThrow();
    gone = undefined;
    await tunnels.close(tunnel.tunnelId);
  });
});
