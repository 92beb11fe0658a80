import type { BatchServiceClient, BatchServiceModels } from '@azure/batch';
import { withRetry, type RetryPolicy } from '../batch/retry';

/** The user as provisioning sends it to every node. */
export interface NodeUserSpec {
  name: string;
  isAdmin: boolean;
  expiryTime: Date;
  password?: string;
  sshPublicKey?: string;
}

/** Retry, cancellation and attempt counting for one node's calls. */
export interface NodeCallOptions {
  signal?: AbortSignal;
  policy?: RetryPolicy;
  /** Called before every request, retries included (the UI shows attempts). */
  onAttempt?: (attemptNo: number) => void;
  /** Called when a 429/503/… is about to be retried after `delayMs`. */
  onRetry?: (attemptNo: number, delayMs: number, error: unknown) => void;
}

/** A pool node as provisioning and the table need it. */
export interface PoolNode {
  id: string;
  state: string;
  /** Whether the node lists an inbound endpoint to port 22; undefined when it lists no endpoints at all. */
  hasSshEndpoint: boolean | undefined;
}

/** The service error code of an SDK error (`NodeUserExists`, `PoolNotFound`, …). */
export function serviceCodeOf(error: unknown): string | undefined {
  const shape = error as { code?: unknown; body?: { code?: unknown } } | undefined;
  const code = shape?.body?.code ?? shape?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The SDK's request options for a signal (ms-rest-js types its own AbortSignalLike; Node's signal fits it at runtime). */
function requestOptions(signal?: AbortSignal): { abortSignal?: BatchServiceModels.ComputeNodeAddUserOptionalParams['abortSignal'] } {
  return signal ? { abortSignal: signal as unknown as BatchServiceModels.ComputeNodeAddUserOptionalParams['abortSignal'] } : {};
}

/** Runs one request under the retry policy, counting attempts. */
function retried<T>(call: () => Promise<T>, options: NodeCallOptions): Promise<T> {
  let attemptNo = 0;
  return withRetry(
    () => {
      options.onAttempt?.(++attemptNo);
      return call();
    },
    { policy: options.policy, signal: options.signal, onRetry: options.onRetry },
  );
}

/**
 * Adds the user to one node; when Batch answers 409 NodeUserExists, replaces the user's credentials and expiry with
 * PUT instead (Batch cannot change isAdmin of an existing user; that needs remove + add).
 */
export async function putNodeUser(
  client: BatchServiceClient,
  poolId: string,
  nodeId: string,
  user: NodeUserSpec,
  options: NodeCallOptions = {},
): Promise<'created' | 'updated'> {
  const credentials = { expiryTime: user.expiryTime, password: user.password, sshPublicKey: user.sshPublicKey };
  try {
    await retried(() => client.computeNode.addUser(poolId, nodeId, { name: user.name, isAdmin: user.isAdmin, ...credentials }, requestOptions(options.signal)), options);
    return 'created';
  } catch (error) {
    if (serviceCodeOf(error) !== 'NodeUserExists') throw error;
  }
  await retried(() => client.computeNode.updateUser(poolId, nodeId, user.name, credentials, requestOptions(options.signal)), options);
  return 'updated';
}

/** Deletes the user from one node; a node that never had it (NodeUserNotFound) counts as done. */
export async function deleteNodeUser(
  client: BatchServiceClient,
  poolId: string,
  nodeId: string,
  userName: string,
  options: NodeCallOptions = {},
): Promise<'removed' | 'notPresent'> {
  try {
    await retried(() => client.computeNode.deleteUser(poolId, nodeId, userName, requestOptions(options.signal)), options);
    return 'removed';
  } catch (error) {
    if (serviceCodeOf(error) === 'NodeUserNotFound') return 'notPresent';
    throw error;
  }
}

/** Reads a node's remote login address (the pool's public IP and the node's frontend port for 22). */
export async function getLoginSettings(
  client: BatchServiceClient,
  poolId: string,
  nodeId: string,
  options: NodeCallOptions = {},
): Promise<{ ipAddress: string; port: number }> {
  const settings = await retried(() => client.computeNode.getRemoteLoginSettings(poolId, nodeId, requestOptions(options.signal)), options);
  return { ipAddress: settings.remoteLoginIPAddress, port: settings.remoteLoginPort };
}

/** Every node of a pool (id, state, SSH endpoint), page by page, each page under the retry policy. */
export async function listPoolNodes(client: BatchServiceClient, poolId: string, options: NodeCallOptions = {}): Promise<PoolNode[]> {
  const nodes: PoolNode[] = [];
  const listOptions = { computeNodeListOptions: { select: 'id,state,endpointConfiguration', maxResults: 1000 }, ...requestOptions(options.signal) };
  let page = await retried(() => client.computeNode.list(poolId, listOptions), options);
  for (;;) {
    for (const node of page) {
      const endpoints = node.endpointConfiguration?.inboundEndpoints;
      nodes.push({
        id: node.id ?? '',
        state: node.state ?? 'unknown',
        hasSshEndpoint: endpoints ? endpoints.some((e) => e.backendPort === 22) : undefined,
      });
    }
    const next = page.odatanextLink;
    if (!next) return nodes;
    page = await retried(() => client.computeNode.listNext(next, requestOptions(options.signal)), options);
  }
}
