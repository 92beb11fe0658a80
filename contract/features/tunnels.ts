import { z } from 'zod';
import { event, invoke } from '../channel';
import { accountIdSchema } from './accounts';
import { nodeIdSchema, nodeUserNameSchema, poolIdSchema } from './provision';

/** Remote ports offered first in the "Forward a port" form (GPU-node services operators ask for most). */
export const suggestedRemotePorts = [
  { port: 8888, name: 'Jupyter' },
  { port: 6006, name: 'TensorBoard' },
  { port: 8080, name: 'Web app' },
] as const;

/** Identifies one port forward. */
export const tunnelIdSchema = z.string().regex(/^tun-[A-Za-z0-9-]{1,64}$/, 'Not a tunnel id.');

const portSchema = z.number().int().min(1, 'A port is 1–65535.').max(65535, 'A port is 1–65535.');

/** A port forward as the UI shows it (no secrets). */
export const tunnelInfoSchema = z.object({
  tunnelId: z.string(),
  accountId: z.string(),
  poolId: z.string(),
  nodeId: z.string(),
  user: z.string(),
  remotePort: z.number().int(),
  localPort: z.number().int(),
  /** `http://127.0.0.1:PORT/`: where a browser on this computer reaches the node's service. */
  localUrl: z.string(),
  /** open: accepting local connections; ended: the connection to the node dropped or the node left (see `endedReason`). */
  state: z.enum(['open', 'ended']),
  endedReason: z.string().optional(),
  /** Bytes from this computer to the node, and back. */
  bytesSent: z.number(),
  bytesReceived: z.number(),
  openConnections: z.number().int(),
  totalConnections: z.number().int(),
  /** The last connection that failed, in words (names the port), if any. */
  lastError: z.string().optional(),
  openedAt: z.string(),
});

/** A port forward. */
export type TunnelInfo = z.infer<typeof tunnelInfoSchema>;

/** Channels of port forwarding: local ports on 127.0.0.1 that reach a port on a node over its shared SSH connection. */
export const tunnelsChannels = {
  /**
   * Forwards `remotePort` on the node (its 127.0.0.1) to `localPort` on this computer's 127.0.0.1 (a free one when
   * absent), over the node's shared SSH connection as `user`. Checks first that the node accepts connections on the
   * port. CONFLICT: the local port is in use; UNREACHABLE: nothing listens on the remote port; NODE_GONE; SSH errors.
   */
  'tunnels:open': invoke(
    z
      .object({
        accountId: accountIdSchema,
        poolId: poolIdSchema,
        nodeId: nodeIdSchema,
        user: nodeUserNameSchema,
        remotePort: portSchema,
        localPort: portSchema.optional(),
      })
      .strict(),
  ).returns<TunnelInfo>(),
  /** Every port forward of this app run (open and ended ones not yet closed). */
  'tunnels:list': invoke(z.object({}).strict()).returns<TunnelInfo[]>(),
  /** Stops a forward: the local port stops accepting, open connections end, the tunnel leaves the list. */
  'tunnels:close': invoke(z.object({ tunnelId: tunnelIdSchema }).strict()).returns<{ closed: string }>(),
  /**
   * Opens the forward's local address in the OS browser (Electron). `openedByHost: false` (web host): the page opens
   * `localUrl` itself. Main builds the URL from the tunnel, never from the request.
   */
  'tunnels:open-browser': invoke(z.object({ tunnelId: tunnelIdSchema }).strict()).returns<{ openedByHost: boolean; localUrl: string }>(),
};

/** Events of port forwarding. */
export const tunnelsEvents = {
  /** The whole list after any change (opened, closed, ended, bytes or connections moved; at most ~4 a second). */
  'tunnels:changed': event(z.object({ tunnels: z.array(tunnelInfoSchema) })),
};
