import { randomUUID } from 'node:crypto';
import type { StartIn, TerminalSessionInfo, TerminalSessionSnapshot } from '../../contract/features/terminal';
import { startInLine } from './start-in-line';
import { ContractFailure } from '../../contract/result';
import type { EventEmitter } from '../events';
import type { Logger } from '../log';
import { LocalShell, type LocalShellOptions } from '../pty/local-shell';
import type { HostKeyPrompts } from '../ssh/host-key-prompts';
import type { HostKeyTrust } from '../ssh/host-key-trust';
import type { NodeLoginResolver } from '../ssh/node-login';
import { SshConnectionPool, type SshConnections } from '../ssh/connection-pool';
import { SshShell, type SshShellDeps } from '../ssh/ssh-shell';
import type { Schedule } from '../streams/schedule';
import type { BackendListener, TerminalBackend } from '../streams/terminal-backend';
import { TerminalSession, type SessionIdentity } from './terminal-session';

/** Most sessions (open or exited but not closed) at once: each holds a shell, a socket and a screen mirror. */
export const maxSessions = 64;

/** What the terminal service is built from. */
export interface TerminalServiceDeps {
  events: EventEmitter;
  log: Logger;
  resolver: NodeLoginResolver;
  trust: HostKeyTrust;
  prompts: HostKeyPrompts;
  localShell?: LocalShellOptions;
  /** The app's shared SSH connections; when absent (tests), the service keeps its own pool over resolver/trust/prompts. */
  connections?: SshConnections;
  /** Overrides for SSH timing (tests use short keepalives and backoff). */
  ssh?: Pick<SshShellDeps, 'reconnectDelaysMs'> & { keepaliveIntervalMs?: number; keepaliveCountMax?: number };
  scrollback?: number;
  schedule?: Schedule;
}

/** Every terminal session of the app, by id: opens SSH and local shells, routes input, resizes, acks and closes. */
export class TerminalService {
  private readonly sessions = new Map<string, TerminalSession>();
  /** Numbers local shells so their tabs can be told apart. */
  private localShells = 0;

  private readonly connections: SshConnections;

  constructor(private readonly deps: TerminalServiceDeps) {
    const { resolver, trust, prompts, log } = deps;
    this.connections = deps.connections ?? new SshConnectionPool({ resolver, trust, prompts, log, ...deps.ssh });
  }

  /**
   * Opens an SSH shell to a node of the named account; connection progress follows as `term:status`. The session keeps
   * the account: every reconnect resolves the login there, whichever account is active by then.
   */
  openNode(request: { accountId: string; poolId: string; nodeId: string; user: string; command?: string; startIn?: StartIn; cols: number; rows: number }): TerminalSessionInfo {
    const { accountId, poolId, nodeId, user, command, cols, rows } = request;
    const node = { accountId, poolId, nodeId, user, ...(command ? { command } : {}) };
    const label = command ? `${poolId} / ${nodeId}: ${command.slice(0, 40)}` : `${poolId} / ${nodeId}`;
    const identity = { kind: 'ssh' as const, label, node, cols, rows };
    const session = this.add(identity, (listener, sessionId) => {
      const deps: SshShellDeps = {
        ...(this.deps.ssh?.reconnectDelaysMs ? { reconnectDelaysMs: this.deps.ssh.reconnectDelaysMs } : {}),
        name: `${sessionId} (${poolId}/${nodeId} as ${user})`,
        ...(command ? { command } : {}),
        connections: this.connections,
        key: { accountId, poolId, nodeId, user },
        whyGone: () => this.deps.resolver.whyGone?.({ accountId, poolId, nodeId, userName: user }) ?? Promise.resolve(undefined),
        log: this.deps.log,
        ...(this.deps.schedule ? { schedule: this.deps.schedule } : {}),
      };
      return new SshShell(deps, listener, { cols, rows });
    }, request.startIn && !command ? startInLine(request.startIn) : undefined);
    return session.info();
  }

  /** Opens a local shell; PTY_ERROR when it cannot start. */
  openLocal(request: { cols: number; rows: number }): TerminalSessionInfo {
    const label = `Local shell ${++this.localShells}`;
    const session = this.add({ kind: 'local', label, cols: request.cols, rows: request.rows }, (listener) =>
      new LocalShell(listener, request, this.deps.localShell),
    );
    return session.info();
  }

  /** Sends the same input to every listed session; unknown ids refuse the whole call, unconnected ones are skipped. */
  input(sessionIds: string[], data: string): { delivered: string[]; skipped: string[] } {
    const targets = [...new Set(sessionIds)].map((id) => this.get(id));
    const delivered: string[] = [];
    const skipped: string[] = [];
    for (const session of targets) (session.write(data) ? delivered : skipped).push(session.id);
    return { delivered, skipped };
  }

  /** Resizes one session. */
  resize(sessionId: string, cols: number, rows: number): { cols: number; rows: number } {
    this.get(sessionId).resize(cols, rows);
    return { cols, rows };
  }

  /** Acknowledges parsed output; returns the chars still in flight. */
  ack(sessionId: string, chars: number): number {
    const session = this.get(sessionId);
    session.ack(chars);
    return session.unackedChars;
  }

  /** Reconnects a disconnected SSH session in place. */
  reconnect(sessionId: string): TerminalSessionInfo {
    const session = this.get(sessionId);
    session.reconnect();
    return session.info();
  }

  /** Closes a session and forgets it. */
  async close(sessionId: string): Promise<void> {
    const session = this.get(sessionId);
    this.sessions.delete(sessionId);
    await session.close();
  }

  /** Every session, with screens when asked (a renderer reattaching after a reload). */
  list(withScreens: boolean): Promise<TerminalSessionSnapshot[]> {
    return Promise.all([...this.sessions.values()].map((session) => session.snapshot(withScreens)));
  }

  /** The session with this id (for tests and benchmarks that look inside). */
  session(sessionId: string): TerminalSession {
    return this.get(sessionId);
  }

  /** Ends every session (app quit): SSH connections are closed politely, local shells hung up. */
  async dispose(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(sessions.map((session) => session.close()));
  }

  private add(
    identity: Omit<SessionIdentity, 'sessionId'>,
    createBackend: (listener: BackendListener, sessionId: string) => TerminalBackend,
    firstInput?: string,
  ): TerminalSession {
    if (this.sessions.size >= maxSessions) {
      throw new ContractFailure('CONFLICT', `At most ${maxSessions} terminal sessions can be open; close some tabs first.`);
    }
    const sessionId = `term-${randomUUID()}`;
    const session = new TerminalSession({ ...identity, sessionId }, (listener) => createBackend(listener, sessionId), this.deps.events, {
      ...(this.deps.scrollback ? { scrollback: this.deps.scrollback } : {}),
      ...(this.deps.schedule ? { schedule: this.deps.schedule } : {}),
      ...(firstInput ? { firstInput } : {}),
    });
    try {
      session.start();
    } catch (error) {
      void session.close();
      throw error;
    }
    this.sessions.set(sessionId, session);
    return session;
  }

  private get(sessionId: string): TerminalSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new ContractFailure('NOT_FOUND', `There is no terminal session ${sessionId}; it was closed.`);
    return session;
  }
}
