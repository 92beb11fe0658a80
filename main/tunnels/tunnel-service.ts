import { randomUUID } from 'node:crypto';
import type { TunnelInfo } from '../../contract/features/tunnels';
import { ContractFailure } from '../../contract/result';
import type { EventEmitter } from '../events';
import type { Logger } from '../log';
import type { SshConnections, SshLease } from '../ssh/connection-pool';
import type { NodeLoginResolver } from '../ssh/node-login';
import { SshConnectFailure } from '../ssh/ssh-failure';
import { forwardToNode, PortTunnel } from './port-tunnel';

/** How often (at most) byte counters are pushed to the renderer while data moves. */
const statsIntervalMs = 250;

/** What the tunnel service is built from. */
export interface TunnelServiceDeps {
  connections: SshConnections;
  resolver: Pick<NodeLoginResolver, 'whyGone'>;
  events: EventEmitter;
  log: Logger;
  /** Opens a loopback URL in the OS browser (Electron); absent in the web host, where the page opens it. */
  openLoopbackUrl?: (url: string) => Promise<void>;
}

/** What the user asked to forward. */
export interface TunnelRequest {
  accountId: string;
  poolId: string;
  nodeId: string;
  user: string;
  remotePort: number;
  localPort?: number;
}

interface Tunnel {
  info: Omit<TunnelInfo, keyof PortTunnel['stats']>;
  port: PortTunnel;
  lease: SshLease;
}

/**
 * Port forwards of this app run: each holds a lease on its node's shared SSH connection and a local listener on
 * 127.0.0.1. A dropped connection or a node that left its pool ends the tunnel and says why; quitting ends them all.
 */
export class TunnelService {
  private readonly tunnels = new Map<string, Tunnel>();
  private statsTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: TunnelServiceDeps) {}

  /** Opens a forward after checking that the node accepts connections on the remote port. */
  async open(request: TunnelRequest): Promise<TunnelInfo> {
    const { accountId, poolId, nodeId, user, remotePort } = request;
    const abort = new AbortController();
    let unknownKey: SshConnectFailure | undefined;
    const lease = await this.deps.connections
      .acquire({ accountId, poolId, nodeId, user }, {
        signal: abort.signal,
        // Nothing here can show a host-key prompt: trusting a node happens in its terminal, where the key is shown.
        onHostKey: (event) => {
          if (event.kind !== 'prompt') return;
          unknownKey = new SshConnectFailure('HOST_KEY_UNKNOWN', `The host key of ${nodeId} is not trusted yet: open a terminal to the node once, check its fingerprint and trust it, then forward the port.`, false);
          abort.abort();
        },
      })
      .catch((error: unknown) => {
        throw unknownKey ?? error;
      });
    const port = new PortTunnel(lease.client, remotePort, nodeId, () => this.statsChanged());
    try {
      const probe = await forwardToNode(lease.client, remotePort, nodeId, { address: '127.0.0.1', port: 0 });
      probe.close();
      const localPort = await port.listen(request.localPort ?? 0);
      const info = {
        tunnelId: `tun-${randomUUID()}`,
        accountId, poolId, nodeId, user, remotePort, localPort,
        localUrl: `http://127.0.0.1:${localPort}/`,
        state: 'open' as const,
        openedAt: new Date().toISOString(),
      };
      const tunnel: Tunnel = { info, port, lease };
      this.tunnels.set(info.tunnelId, tunnel);
      lease.onClose((reason) => void this.lost(tunnel, reason));
      this.deps.log.info('tunnels', `${poolId}/${nodeId}: forwarding 127.0.0.1:${localPort} → node port ${remotePort}`);
      this.changed();
      return this.view(tunnel);
    } catch (error) {
      await port.stop();
      lease.release();
      throw error;
    }
  }

  /** Every tunnel of this run. */
  list(): TunnelInfo[] {
    return [...this.tunnels.values()].map((tunnel) => this.view(tunnel));
  }

  /** Stops a tunnel and forgets it. */
  async close(tunnelId: string): Promise<void> {
    const tunnel = this.get(tunnelId);
    this.tunnels.delete(tunnelId);
    await tunnel.port.stop();
    tunnel.lease.release();
    this.changed();
  }

  /** Opens the tunnel's local address in the OS browser when the host can (Electron); else the page does. */
  async openBrowser(tunnelId: string): Promise<{ openedByHost: boolean; localUrl: string }> {
    const { info } = this.get(tunnelId);
    if (info.state !== 'open') throw new ContractFailure('CONFLICT', `The forward of port ${info.remotePort} has ended: ${info.endedReason ?? ''}`);
    if (!this.deps.openLoopbackUrl) return { openedByHost: false, localUrl: info.localUrl };
    await this.deps.openLoopbackUrl(info.localUrl);
    return { openedByHost: true, localUrl: info.localUrl };
  }

  /** Ends every tunnel (app quit). */
  async dispose(): Promise<void> {
    clearTimeout(this.statsTimer);
    const all = [...this.tunnels.values()];
    this.tunnels.clear();
    await Promise.allSettled(all.map(async (tunnel) => {
      await tunnel.port.stop();
      tunnel.lease.release();
    }));
  }

  private async lost(tunnel: Tunnel, reason: string): Promise<void> {
    const { accountId, poolId, nodeId, user, remotePort } = tunnel.info;
    await tunnel.port.stop();
    tunnel.lease.release();
    const gone = await this.deps.resolver.whyGone?.({ accountId, poolId, nodeId, userName: user }).catch(() => undefined);
    tunnel.info = {
      ...tunnel.info,
      state: 'ended',
      endedReason: gone ?? `The connection to ${nodeId} dropped (${reason}); port ${remotePort} is no longer forwarded. Forward it again once the node is back.`,
    };
    this.deps.log.warn('tunnels', `${poolId}/${nodeId}: forward of port ${remotePort} ended: ${tunnel.info.endedReason ?? ''}`);
    if (this.tunnels.has(tunnel.info.tunnelId)) this.changed();
  }

  private view(tunnel: Tunnel): TunnelInfo {
    return { ...tunnel.info, ...tunnel.port.stats };
  }

  private get(tunnelId: string): Tunnel {
    const tunnel = this.tunnels.get(tunnelId);
    if (!tunnel) throw new ContractFailure('NOT_FOUND', `There is no port forward ${tunnelId}; it was closed.`);
    return tunnel;
  }

  private changed(): void {
    clearTimeout(this.statsTimer);
    this.statsTimer = undefined;
    this.deps.events.emit('tunnels:changed', { tunnels: this.list() });
  }

  /** Byte counters move with every chunk: push them at most every {@link statsIntervalMs}. */
  private statsChanged(): void {
    this.statsTimer ??= setTimeout(() => this.changed(), statsIntervalMs);
  }
}
