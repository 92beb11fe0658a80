/** Everything needed to open an SSH connection to one node as one user. Holds secrets: never send it to the renderer. */
export interface NodeLoginTarget {
  host: string;
  port: number;
  username: string;
  auth: { kind: 'privateKey'; privateKey: string } | { kind: 'password'; password: string };
  /** What the terminal tab shows, e.g. `pool-a / tvmps_…_d`. */
  label: string;
  /** Trust-store key, as OpenSSH keys known_hosts: `[host]:port` (or `host` for port 22). */
  hostKeyId: string;
}

/** Which node to log in to, and as whom: the account is part of the address (two accounts may both have pool `render`). */
export interface NodeLoginRequest {
  accountId: string;
  poolId: string;
  nodeId: string;
  userName: string;
}

/**
 * Resolves a pool node into a login target: reads its remote login settings and the credentials that provisioning
 * created. Implemented by the provisioning feature (main/provision/); the SSH feature consumes it.
 */
export interface NodeLoginResolver {
  /**
   * Resolves in the named account, whatever is active now. Throws ContractFailure: NOT_FOUND (the account was removed,
   * or no such user credentials), NO_SSH_ENDPOINT (pool made without an SSH NAT pool), …
   */
  resolve(request: NodeLoginRequest): Promise<NodeLoginTarget>;
  /**
   * Why the node can never be reached again (it left its pool, or the pool is gone), asked when a connection fails in a
   * way that is otherwise retried; undefined while the node is still there or when that cannot be told.
   */
  whyGone?(request: NodeLoginRequest): Promise<string | undefined>;
}
