import type { RetryNotice } from '../batch/rest/call-registry';
import type { BatchRestClient } from '../batch/rest/batch-rest-client';
import type { CallOptions } from '../batch/rest/batch-requester';
import type { InboundEndpoint } from '../batch/rest/models/nodes';

/** The user as provisioning sends it to every node. */
export interface NodeUserSpec {
  name: string;
  isAdmin: boolean;
  expiryTime: Date;
  password?: string;
  sshPublicKey?: string;
}

/** Cancellation and retry progress for one node's calls (the client's pipeline resends, Retry-After honoured). */
export interface NodeCallOptions {
  signal?: AbortSignal;
  /** Called before each request's first attempt (the UI shows attempts; resends are counted by `onRetry`). */
  onAttempt?: (attemptNo: number) => void;
  /** Called when the pipeline is about to resend after a 429/503/5xx or a dropped connection. */
  onRetry?: (notice: RetryNotice) => void;
}

/** A pool node as provisioning and the table need it. */
export interface PoolNode {
  id: string;
  state: string;
  /** Whether the node lists an inbound endpoint to port 22; undefined when it lists no endpoints at all. */
  hasSshEndpoint: boolean | undefined;
  /** When the node last booted (ISO): a node that booted after a user was confirmed there may have lost it. */
  lastBootTime?: string;
  /** The node's public address for port 22 as the node list gives it (what getRemoteLoginSettings would answer). */
  login?: NodeLogin;
}

/** A node's remote login address, and its IPv6 twin on a dual-stack pool. */
export interface NodeLogin {
  ipAddress: string;
  port: number;
  ipv6Address?: string;
  ipv6Port?: number;
}

/** The service error code of a failed call (`NodeUserExists`, `PoolNotFound`, …). */
export function serviceCodeOf(error: unknown): string | undefined {
  const shape = error as { code?: unknown; body?: { code?: unknown } } | undefined;
  const code = shape?.body?.code ?? shape?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The client's options for one request, announcing its first attempt. */
function callOptions(options: NodeCallOptions): CallOptions {
  options.onAttempt?.(1);
  return { ...(options.signal ? { signal: options.signal } : {}), ...(options.onRetry ? { onRetry: options.onRetry } : {}) };
}

/** What the registry knows about the user on this node before the call. */
export interface KnownNodeUser {
  present: boolean;
  isAdmin?: boolean;
}

/**
 * Makes the user on one node exactly what was asked, without touching more than needed:
 * - known there with the same isAdmin: PUT its credentials and expiry (`updated`);
 * - known there with another isAdmin: delete and add again (`recreated`). Batch's update-user body has only password,
 *   sshPublicKey and expiryTime (https://learn.microsoft.com/rest/api/batchservice/compute-node/update-user), so admin
 *   rights change only by re-adding; the node's sessions of that user end;
 * - not known there: add (`created`); if Batch says NodeUserExists (a user made elsewhere, or a record lost), its
 *   admin rights are unknown, so it is re-added too (`recreated`).
 * `onDeleted` hears that the user was deleted, so a failing re-add is recorded as "not on the node any more".
 */
export async function applyNodeUser(
  client: BatchRestClient,
  poolId: string,
  nodeId: string,
  user: NodeUserSpec,
  known: KnownNodeUser | undefined,
  options: NodeCallOptions & { onDeleted?: () => void } = {},
): Promise<'created' | 'updated' | 'recreated'> {
  const add = () => client.nodes.addUser(poolId, nodeId, { name: user.name, isAdmin: user.isAdmin, ...credentialsOf(user) }, callOptions(options));
  const recreate = async () => {
    await deleteNodeUser(client, poolId, nodeId, user.name, options);
    options.onDeleted?.();
    await add();
    return 'recreated' as const;
  };
  if (known?.present && known.isAdmin === user.isAdmin) {
    try {
      await updateNodeUser(client, poolId, nodeId, user, options);
      return 'updated';
    } catch (error) {
      if (serviceCodeOf(error) !== 'NodeUserNotFound') throw error;
    }
    // Gone under us (a reimage Batch Deck did not see): add it again.
    await add();
    return 'created';
  }
  if (known?.present) return recreate();
  try {
    await add();
    return 'created';
  } catch (error) {
    if (serviceCodeOf(error) !== 'NodeUserExists') throw error;
  }
  return recreate();
}

function credentialsOf(user: NodeUserSpec): { expiryTime: string; password?: string; sshPublicKey?: string } {
  return { expiryTime: user.expiryTime.toISOString(), ...(user.password ? { password: user.password } : {}), ...(user.sshPublicKey ? { sshPublicKey: user.sshPublicKey } : {}) };
}

/**
 * Replaces the user's credentials and expiry on one node (PUT: what is omitted is removed, so callers send the
 * credential the node should keep). Throws NodeUserNotFound when the node does not have the user: also how a node
 * is re-checked after it booted, since Batch has no call that lists a node's users.
 */
export async function updateNodeUser(client: BatchRestClient, poolId: string, nodeId: string, user: NodeUserSpec, options: NodeCallOptions = {}): Promise<void> {
  await client.nodes.replaceUser(poolId, nodeId, user.name, credentialsOf(user), callOptions(options));
}

/** Deletes the user from one node; a node that never had it (NodeUserNotFound) counts as done. */
export async function deleteNodeUser(
  client: BatchRestClient,
  poolId: string,
  nodeId: string,
  userName: string,
  options: NodeCallOptions = {},
): Promise<'removed' | 'notPresent'> {
  try {
    await client.nodes.deleteUser(poolId, nodeId, userName, callOptions(options));
    return 'removed';
  } catch (error) {
    if (serviceCodeOf(error) === 'NodeUserNotFound') return 'notPresent';
    throw error;
  }
}

/** Reads a node's remote login address (the pool's public IP and the node's frontend port for 22). */
export async function getLoginSettings(
  client: BatchRestClient,
  poolId: string,
  nodeId: string,
  options: NodeCallOptions = {},
): Promise<NodeLogin> {
  const settings = await client.nodes.getRemoteLoginSettings(poolId, nodeId, callOptions(options));
  const ipv6 = settings.ipv6RemoteLoginIPAddress && settings.ipv6RemoteLoginPort ? { ipv6Address: settings.ipv6RemoteLoginIPAddress, ipv6Port: settings.ipv6RemoteLoginPort } : {};
  return { ipAddress: settings.remoteLoginIPAddress, port: settings.remoteLoginPort, ...ipv6 };
}

/** Every node of a pool (id, state, SSH endpoint and its public address), page by page. */
export async function listPoolNodes(client: BatchRestClient, poolId: string, options: NodeCallOptions = {}): Promise<PoolNode[]> {
  const listed = await client.nodes.list(poolId, { select: ['id', 'state', 'endpointConfiguration', 'lastBootTime'], maxResults: 1000, ...callOptions(options) });
  return listed.map((node) => {
    const endpoints = node.endpointConfiguration?.inboundEndpoints;
    const login = endpoints && loginFromEndpoints(endpoints);
    return {
      id: node.id,
      state: node.state ?? 'unknown',
      hasSshEndpoint: endpoints ? endpoints.some((e) => e.backendPort === 22) : undefined,
      ...(node.lastBootTime ? { lastBootTime: new Date(node.lastBootTime).toISOString() } : {}),
      ...(login ? { login } : {}),
    };
  });
}

/**
 * The login address a node's inbound endpoints give for port 22: the IPv4 endpoint, and the IPv6 twin a dual-stack
 * pool lists beside it. Batch's remote login settings are these same public address and frontend port
 * (https://learn.microsoft.com/rest/api/batchservice/compute-node/list, `endpointConfiguration.inboundEndpoints`).
 */
export function loginFromEndpoints(endpoints: readonly InboundEndpoint[]): NodeLogin | undefined {
  const ssh = endpoints.filter((e) => e.backendPort === 22 && e.publicIPAddress && e.frontendPort > 0);
  const v4 = ssh.find((e) => !e.publicIPAddress.includes(':'));
  if (!v4) return undefined;
  const v6 = ssh.find((e) => e.publicIPAddress.includes(':'));
  return { ipAddress: v4.publicIPAddress, port: v4.frontendPort, ...(v6 ? { ipv6Address: v6.publicIPAddress, ipv6Port: v6.frontendPort } : {}) };
}
