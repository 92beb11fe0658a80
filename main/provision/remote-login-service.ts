import type { LoginUnavailable, RemoteLoginRow, RemoteLoginTable } from '../../contract/features/provision';
import { ContractFailure } from '../../contract/result';
import type { ActiveAccount, BatchClientSource } from '../batch/batch-client-source';
import type { BatchRestClient } from '../batch/rest/batch-rest-client';
import { toBatchFailure } from '../batch/service-error';
import { runBounded } from '../operations/bounded-pool';
import type { Logger } from '../log';
import { getLoginSettings, listPoolNodes, serviceCodeOf, type NodeLogin, type PoolNode } from './node-user-calls';
import { loginReadyStates, type NodeUserReconciler } from './reconcile-users';
import { toNodeUserState, toProvisionedUser, type ProvisionedUserRegistry } from './user-registry';

/** What a pool without an SSH NAT pool gets since the Nov 2025 change, in words an operator can act on. */
export const noSshEndpointMessage =
  'No SSH endpoint: since 30 November 2025 Batch maps port 22 only for pools whose network configuration has an inbound NAT pool with backend port 22. Recreate the pool with SSH access enabled.';

/** Why a pool without public IP addresses (2025-06-01 `NoPublicIPAddresses`) has no SSH endpoint. */
export const noPublicIpMessage =
  'No SSH endpoint: this pool was created without public IP addresses (NoPublicIPAddresses), so its nodes cannot be reached from outside their virtual network. Connect from a machine inside the VNet, or recreate the pool with Batch-managed public IPs and SSH access.';

/** A node's login address (and its IPv6 twin on a dual-stack pool), or why it has none. */
type CachedLogin = (NodeLogin & { at: number }) | { unavailable: LoginUnavailable; at: number };

/** What the service is built from. */
export interface RemoteLoginServiceDeps {
  clients: BatchClientSource;
  registry: ProvisionedUserRegistry;
  reconciler: NodeUserReconciler;
  log: Logger;
  /** getRemoteLoginSettings calls in flight at once, for nodes whose listing carries no public endpoint (default 16). */
  concurrency?: number;
  /** How long a node's login address is reused without asking Batch again (default 5 minutes). */
  ttlMs?: number;
  now?: () => number;
}

/**
 * The remote login table: each node's state and login address from one paged node listing (its inbound endpoint for
 * port 22: public IP and frontend port), getRemoteLoginSettings only for nodes that list no such endpoint (bounded
 * concurrency, cached per node until `ttlMs` or an explicit refresh), and the status
 * of every user Batch Deck provisioned there, re-checked when a node booted since (see NodeUserReconciler). Also answers single-node lookups for the login resolver.
 */
export class RemoteLoginService {
  private readonly cache = new Map<string, CachedLogin>();
  private readonly inFlight = new Map<string, Promise<RemoteLoginTable>>();
  private readonly now: () => number;

  constructor(private readonly deps: RemoteLoginServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The table of one pool of the named account; concurrent calls for the same pool share one read unless one asks to refresh. */
  async list(accountId: string, poolId: string, refresh = false): Promise<RemoteLoginTable> {
    const { account, rest: client } = await this.deps.clients.forAccount(accountId);
    const key = `${account.id}/${poolId}`;
    const running = this.inFlight.get(key);
    if (running && !refresh) return running;
    const work = this.read(account, client, poolId, refresh).finally(() => {
      if (this.inFlight.get(key) === work) this.inFlight.delete(key);
    });
    this.inFlight.set(key, work);
    return work;
  }

  /** One node's login address in the named account; throws NOT_FOUND, NO_SSH_ENDPOINT, or BATCH_ERROR with what Batch said. */
  async loginAddress(accountId: string, poolId: string, nodeId: string): Promise<{ ipAddress: string; port: number }> {
    const { account, rest: client } = await this.deps.clients.forAccount(accountId);
    const cached = this.fresh(`${account.id}/${poolId}/${nodeId}`);
    const login = cached ?? (await this.fetch(account, client, poolId, { id: nodeId, state: 'idle', hasSshEndpoint: undefined }));
    if ('unavailable' in login) throw new ContractFailure(login.unavailable.code === 'NO_SSH_ENDPOINT' ? 'NO_SSH_ENDPOINT' : 'BATCH_ERROR', login.unavailable.message);
    return { ipAddress: login.ipAddress, port: login.port };
  }

  private async read(account: ActiveAccount, client: BatchRestClient, poolId: string, refresh: boolean): Promise<RemoteLoginTable> {
    let nodes: PoolNode[];
    try {
      nodes = await listPoolNodes(client, poolId);
    } catch (error) {
      throw toBatchFailure(error, account.endpoint);
    }
    const logins = new Map<string, CachedLogin>();
    const toFetch: PoolNode[] = [];
    const noPublicIp = await this.hasNoPublicIp(account, poolId);
    for (const node of nodes) {
      const known = refresh ? undefined : this.fresh(`${account.id}/${poolId}/${node.id}`);
      if (!loginReadyStates.has(node.state)) {
        logins.set(node.id, { unavailable: { code: 'NOT_READY', message: `The node is ${node.state}; logins open once it is idle or running.` }, at: this.now() });
      } else if (noPublicIp) {
        logins.set(node.id, { unavailable: { code: 'NO_SSH_ENDPOINT', message: noPublicIpMessage }, at: this.now() });
      } else if (node.hasSshEndpoint === false) {
        logins.set(node.id, this.remember(account, poolId, node.id, { unavailable: { code: 'NO_SSH_ENDPOINT', message: noSshEndpointMessage }, at: this.now() }));
      } else if (node.login) {
        // The listing is as fresh as a getRemoteLoginSettings answer and costs nothing per node.
        logins.set(node.id, this.remember(account, poolId, node.id, { ...node.login, at: this.now() }));
      } else if (known) logins.set(node.id, known);
      else toFetch.push(node);
    }
    await runBounded(toFetch, this.deps.concurrency ?? 16, async (node) => {
      logins.set(node.id, await this.fetch(account, client, poolId, node));
    });
    await this.reconcile(account, client, poolId, nodes);
    const users = await this.deps.registry.users(account.id, poolId);
    const rows = nodes.map((node): RemoteLoginRow => {
      const login = logins.get(node.id);
      const row: RemoteLoginRow = { nodeId: node.id, state: node.state, users: {} };
      if (login && 'unavailable' in login) row.unavailable = login.unavailable;
      else if (login) Object.assign(row, { ipAddress: login.ipAddress, port: login.port }, login.ipv6Address ? { ipv6Address: login.ipv6Address, ipv6Port: login.ipv6Port } : {});
      for (const user of users) {
        const state = user.nodes[node.id];
        if (state) row.users[user.userName] = toNodeUserState(user, state);
      }
      return row;
    });
    // A loop, not Math.min(...spread): a 50,000-node pool would pass 50,000 arguments.
    let oldest = this.now();
    for (const login of logins.values()) oldest = Math.min(oldest, login.at);
    return { poolId, rows, users: users.map(toProvisionedUser), fetchedAt: new Date(oldest).toISOString() };
  }

  /** Re-checks users on nodes that booted since (a reimage removes them) and forgets nodes that left; a failure is logged. */
  private async reconcile(account: ActiveAccount, client: BatchRestClient, poolId: string, nodes: PoolNode[]): Promise<void> {
    try {
      if (await this.deps.reconciler.reconcile(account, client, poolId, nodes)) await this.deps.registry.save();
    } catch (error) {
      this.deps.log.error('provision', `re-checking the users of pool ${poolId} failed; the table shows what was known before`, error);
    }
  }

  /** Asks Batch for one node's login settings and caches the answer (a refusal too, so 1,000 nodes aren't re-asked). */
  private async fetch(account: ActiveAccount, client: BatchRestClient, poolId: string, node: PoolNode): Promise<CachedLogin> {
    try {
      const login = await getLoginSettings(client, poolId, node.id);
      return this.remember(account, poolId, node.id, { ...login, at: this.now() });
    } catch (error) {
      const failure = toBatchFailure(error, account.endpoint);
      if (failure.code !== 'BATCH_ERROR') throw failure;
      // Batch answers 409 OperationInvalidForCurrentState for a node without an SSH mapping.
      const noEndpoint = serviceCodeOf(error) === 'OperationInvalidForCurrentState' && node.hasSshEndpoint !== true && (await this.lacksSsh(client, poolId, node.id));
      const unavailable: LoginUnavailable = noEndpoint ? { code: 'NO_SSH_ENDPOINT', message: noSshEndpointMessage } : { code: 'BATCH_ERROR', message: failure.message };
      const entry = { unavailable, at: this.now() };
      return noEndpoint ? this.remember(account, poolId, node.id, entry) : entry;
    }
  }

  /** Whether the pool was created without public IP addresses (read at 2025-06-01, which the old client cannot see). */
  private async hasNoPublicIp(account: ActiveAccount, poolId: string): Promise<boolean> {
    const { rest } = await this.deps.clients.forAccount(account.id);
    const pool = await rest.pools.get(poolId, { select: ['id', 'networkConfiguration'] }).catch((error: unknown) => {
      throw toBatchFailure(error, account.endpoint);
    });
    return String(pool.networkConfiguration?.publicIPAddressConfiguration?.provision ?? '').toLowerCase() === 'nopublicipaddresses';
  }

  /** Whether the node lists no inbound endpoint to port 22 (asked only after Batch refused its login settings). */
  private async lacksSsh(client: BatchRestClient, poolId: string, nodeId: string): Promise<boolean> {
    try {
      const node = await client.nodes.get(poolId, nodeId, { select: ['id', 'state', 'endpointConfiguration'] });
      if (!loginReadyStates.has(node.state ?? '')) return false;
      return !(node.endpointConfiguration?.inboundEndpoints ?? []).some((e) => e.backendPort === 22);
    } catch {
      return false;
    }
  }

  private fresh(key: string): CachedLogin | undefined {
    const entry = this.cache.get(key);
    return entry && this.now() - entry.at < (this.deps.ttlMs ?? 300_000) ? entry : undefined;
  }

  private remember(account: ActiveAccount, poolId: string, nodeId: string, entry: CachedLogin): CachedLogin {
    this.cache.set(`${account.id}/${poolId}/${nodeId}`, entry);
    return entry;
  }
}
