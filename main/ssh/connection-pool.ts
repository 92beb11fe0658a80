import type { Client } from 'ssh2';
import type { Logger } from '../log';
import type { HostKeyPrompts } from './host-key-prompts';
import type { HostKeyTrust } from './host-key-trust';
import type { NodeLoginResolver, NodeLoginTarget } from './node-login';
import { connectVerified, type HostKeyEvent } from './ssh-connect';
import { SshConnectFailure } from './ssh-failure';

/** Which shared connection: one per account, pool, node and user (two accounts may both have pool `render`). */
export interface SshConnectionKey {
  accountId: string;
  poolId: string;
  nodeId: string;
  user: string;
}

/** One user's hold on a shared connection. Release it when done; the connection closes when the last lease goes. */
export interface SshLease {
  /** The logged-in ssh2 client: open channels on it (shell, exec, sftp, forwardOut); never `end()` it yourself. */
  readonly client: Client;
  /** Where it is connected (no secrets). */
  readonly target: Pick<NodeLoginTarget, 'host' | 'port' | 'username' | 'label'>;
  /** False once the connection dropped (or this lease was released). */
  readonly isOpen: boolean;
  /** Calls `listener` once when the connection drops under this lease (not on its own release); returns an unsubscribe. */
  onClose(listener: (reason: string) => void): () => void;
  /** Gives the lease back (idempotent); the last release ends the connection politely. */
  release(): void;
}

/** How one caller waits for a connection. */
export interface AcquireOptions {
  /** Aborting stops this caller's wait (CANCELLED); the attempt itself ends when no caller waits any more. */
  signal?: AbortSignal;
  /** Host-key prompts and verdicts of the attempt this caller waits for (an open prompt is replayed to late joiners). */
  onHostKey?(event: HostKeyEvent): void;
}

/** Hands out shared SSH connections (what terminals, SFTP, tunnels and exec take). */
export interface SshConnections {
  /** A lease on the key's connection: the live one, the attempt in progress, or a new attempt. Rejects with SshConnectFailure. */
  acquire(key: SshConnectionKey, options?: AcquireOptions): Promise<SshLease>;
}

/** What the pool is built from. */
export interface SshConnectionPoolDeps {
  resolver: NodeLoginResolver;
  trust: HostKeyTrust;
  prompts: HostKeyPrompts;
  log: Logger;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
}

interface Waiter {
  options: AcquireOptions;
  resolve(lease: SshLease): void;
  reject(error: unknown): void;
}

interface Pending {
  waiters: Set<Waiter>;
  abort: AbortController;
  /** The prompt on screen right now, replayed to callers that join while it is open. */
  openPrompt?: HostKeyEvent;
}

interface Live {
  client: Client;
  target: SshLease['target'];
  leases: number;
  closeListeners: Set<(reason: string) => void>;
  lastError?: Error;
}

/**
 * One ssh2 connection per (account, pool, node, user), owned in main and shared by that node's terminals, SFTP and
 * tunnels. Reference counted: callers acquire a lease and release it; the last release ends the connection. Host
 * keys are checked on every connect through connectVerified. A drop is seen by every lease holder (onClose) and the
 * next acquire makes a new connection.
 */
export class SshConnectionPool implements SshConnections {
  private readonly pending = new Map<string, Pending>();
  private readonly live = new Map<string, Live>();
  private disposed = false;

  constructor(private readonly deps: SshConnectionPoolDeps) {}

  /** Open connections (for tests and diagnostics). */
  get openCount(): number {
    return this.live.size;
  }

  acquire(key: SshConnectionKey, options: AcquireOptions = {}): Promise<SshLease> {
    if (this.disposed) return Promise.reject(new SshConnectFailure('CANCELLED', 'The app is shutting down.', false));
    if (options.signal?.aborted) return Promise.reject(cancelled());
    const id = keyOf(key);
    const live = this.live.get(id);
    if (live) return Promise.resolve(this.lease(id, live));
    return new Promise<SshLease>((resolve, reject) => {
      const waiter: Waiter = { options, resolve, reject };
      let pending = this.pending.get(id);
      if (!pending) {
        pending = { waiters: new Set(), abort: new AbortController() };
        this.pending.set(id, pending);
        void this.connect(id, key, pending);
      } else if (pending.openPrompt) {
        options.onHostKey?.(pending.openPrompt);
      }
      pending.waiters.add(waiter);
      const entry = pending;
      options.signal?.addEventListener(
        'abort',
        () => {
          if (!entry.waiters.delete(waiter)) return;
          reject(cancelled());
          if (entry.waiters.size === 0) entry.abort.abort();
        },
        { once: true },
      );
    });
  }

  /** Ends every connection (app quit); leases still held see their connection close. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const pending of this.pending.values()) pending.abort.abort();
    await Promise.all([...this.live.values()].map((live) => endPolitely(live.client)));
  }

  private async connect(id: string, key: SshConnectionKey, pending: Pending): Promise<void> {
    const { signal } = pending.abort;
    let client: Client;
    let target: NodeLoginTarget;
    try {
      target = await this.deps.resolver.resolve({ accountId: key.accountId, poolId: key.poolId, nodeId: key.nodeId, userName: key.user });
      if (signal.aborted) throw cancelled();
      client = await connectVerified(target, {
        trust: this.deps.trust,
        prompts: this.deps.prompts,
        signal,
        onHostKey: (event) => {
          pending.openPrompt = event.kind === 'prompt' ? event : undefined;
          for (const waiter of pending.waiters) waiter.options.onHostKey?.(event);
        },
        ...(this.deps.keepaliveIntervalMs ? { keepaliveIntervalMs: this.deps.keepaliveIntervalMs } : {}),
        ...(this.deps.keepaliveCountMax ? { keepaliveCountMax: this.deps.keepaliveCountMax } : {}),
      });
    } catch (error) {
      this.pending.delete(id);
      for (const waiter of pending.waiters) waiter.reject(error);
      return;
    }
    this.pending.delete(id);
    const { host, port, username, label } = target;
    const live: Live = { client, target: { host, port, username, label }, leases: 0, closeListeners: new Set() };
    if (pending.waiters.size === 0 || this.disposed) {
      void endPolitely(client);
      return;
    }
    this.live.set(id, live);
    client.on('error', (error) => (live.lastError = error));
    const forget = (): void => {
      if (this.live.get(id) === live) this.live.delete(id);
    };
    // The node hung up: new users get a new connection at once, not this one until its 'close' comes.
    client.once('end', forget);
    client.once('close', () => {
      forget();
      const reason = live.lastError ? live.lastError.message : 'the server closed the connection';
      if (live.leases > 0) this.deps.log.info('ssh', `${label} as ${username}: shared connection closed (${live.leases} users): ${reason}`);
      for (const listener of [...live.closeListeners]) listener(reason);
      live.closeListeners.clear();
    });
    for (const waiter of pending.waiters) waiter.resolve(this.lease(id, live));
  }

  private lease(id: string, live: Live): SshLease {
    live.leases += 1;
    let held = true;
    const mine = new Set<(reason: string) => void>();
    const current = (): boolean => this.live.get(id) === live;
    const drop = (): void => {
      this.live.delete(id);
      void endPolitely(live.client);
    };
    return {
      client: live.client,
      target: live.target,
      get isOpen() {
        return held && current();
      },
      onClose(listener) {
        const once = (reason: string): void => {
          mine.delete(once);
          if (held) listener(reason);
        };
        mine.add(once);
        live.closeListeners.add(once);
        return () => {
          mine.delete(once);
          live.closeListeners.delete(once);
        };
      },
      release: () => {
        if (!held) return;
        held = false;
        for (const listener of mine) live.closeListeners.delete(listener);
        mine.clear();
        live.leases -= 1;
        if (live.leases === 0 && current()) drop();
      },
    };
  }
}

/** The pool's map key for a connection key. */
function keyOf(key: SshConnectionKey): string {
  return JSON.stringify([key.accountId, key.poolId, key.nodeId, key.user]);
}

/** The failure a caller that stopped waiting gets (never shown: it went away). */
function cancelled(): SshConnectFailure {
  return new SshConnectFailure('CANCELLED', 'The connection was no longer wanted before it was ready.', false);
}

/** Sends SSH_MSG_DISCONNECT and waits up to 2 s for the server to hang up, then drops the socket. */
async function endPolitely(client: Client): Promise<void> {
  const gone = new Promise<void>((resolve) => client.once('close', () => resolve()));
  client.end();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([gone, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
  clearTimeout(timer);
  client.destroy();
}
