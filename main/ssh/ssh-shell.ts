import type { ClientChannel } from 'ssh2';
import { StringDecoder } from 'node:string_decoder';
import { ContractFailure } from '../../contract/result';
import type { Logger } from '../log';
import { ChannelWindow } from '../streams/channel-window';
import { realSchedule, type Schedule } from '../streams/schedule';
import type { BackendListener, TerminalBackend } from '../streams/terminal-backend';
import type { SshConnectionKey, SshConnections, SshLease } from './connection-pool';
import { openChannel, statusOfHostKeyEvent } from './ssh-channel';
import type { HostKeyEvent } from './ssh-connect';
import { SshConnectFailure } from './ssh-failure';

/** Waits before automatic reconnect attempts; after the last one the session stays disconnected (manual reconnect). */
export const defaultReconnectDelaysMs = [1000, 2000, 4000, 8000, 15_000, 30_000, 30_000, 30_000];

/** What an SSH shell needs. */
export interface SshShellDeps {
  /** The shared connections; every (re)connect acquires the node's connection anew (the login is resolved then). */
  connections: SshConnections;
  /** Which node and user this shell runs on. */
  key: SshConnectionKey;
  /** Why the node is gone for good (see NodeLoginResolver.whyGone); asked before each automatic retry. */
  whyGone?(): Promise<string | undefined>;
  /** Names the session in log lines (no secrets). */
  name: string;
  /** Runs this command (with a pty, like `ssh -t host command`) instead of the login shell; never re-run on its own. */
  command?: string;
  log: Logger;
  reconnectDelaysMs?: number[];
  schedule?: Schedule;
  /** Opens the shell channel on a logged-in connection; tests hold it back to close the tab in between. */
  openChannel?: typeof openChannel;
}

/**
 * An interactive shell over ssh2 with a pty, on the node's shared connection (SshConnectionPool: kept alive, host keys
 * verified on every connect), reconnected with backoff when the connection drops; a remote `exit` ends it.
 */
export class SshShell implements TerminalBackend {
  readonly kind = 'ssh' as const;
  private lease: SshLease | undefined;
  private channel: ClientChannel | undefined;
  /** Automatic retries scheduled since the last successful connect (picks the backoff delay). */
  private retries = 0;
  private closed = false;
  private paused = false;
  private connecting = false;
  private everConnected = false;
  private abort: AbortController | undefined;
  private cancelRetry: (() => void) | undefined;
  private readonly delays: number[];
  private readonly schedule: Schedule;

  constructor(
    private readonly deps: SshShellDeps,
    private readonly listener: BackendListener,
    private size: { cols: number; rows: number },
  ) {
    this.delays = deps.reconnectDelaysMs ?? defaultReconnectDelaysMs;
    this.schedule = deps.schedule ?? realSchedule;
  }

  start(): void {
    void this.connect();
  }

  write(data: string): boolean {
    if (!this.channel) return false;
    this.channel.write(data);
    return true;
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    // ssh2 takes rows first: setWindow(rows, cols, height, width).
    this.channel?.setWindow(rows, cols, 0, 0);
  }

  pause(): void {
    this.paused = true;
    this.channel?.pause();
  }

  resume(): void {
    this.paused = false;
    this.channel?.resume();
  }

  reconnect(): void {
    if (this.closed) throw new ContractFailure('CONFLICT', 'This session was closed.');
    if (this.channel || this.connecting) throw new ContractFailure('CONFLICT', 'This session is connected or connecting already.');
    this.cancelRetry?.();
    this.retries = 0;
    void this.connect();
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.cancelRetry?.();
    this.abort?.abort();
    const { lease, channel } = this;
    this.channel = undefined;
    this.lease = undefined;
    // Our shell ends on the node even while other users keep the shared connection; the last user ends the connection.
    channel?.close();
    lease?.release();
    return Promise.resolve();
  }

  /**
   * One connection attempt. Closing the tab aborts it at any stage: while the login target resolves, during the
   * handshake (connectVerified ends it), and after the login succeeded but before the shell opened — the connection
   * is already a logged-in session on the node then, so it must be released here (and a shell that opens after all
   * closed at once), not left open until quit.
   */
  private async connect(): Promise<void> {
    if (this.closed) return;
    this.connecting = true;
    const { signal } = (this.abort = new AbortController());
    this.listener.status({ state: 'connecting', attempt: this.retries + 1 });
    let lease: SshLease | undefined;
    let opening: Promise<ClientChannel> | undefined;
    let channel: ClientChannel;
    try {
      lease = await this.deps.connections.acquire(this.deps.key, { signal, onHostKey: (event) => this.hostKeyStatus(event) });
      opening = (this.deps.openChannel ?? openChannel)(lease.client, this.size, this.deps.command);
      channel = await unlessAborted(opening, signal);
      if (this.closed) throw cancelled();
    } catch (error) {
      this.connecting = false;
      // A shell that opens after the tab closed is closed at once: the shared connection may outlive this session.
      void opening?.then((late) => late.close()).catch(() => undefined);
      lease?.release();
      return this.failed(error);
    }
    this.connecting = false;
    this.lease = lease;
    this.channel = channel;
    this.retries = 0;
    this.everConnected = true;
    this.wire(lease, channel);
    this.listener.status({ state: 'connected' });
  }

  private wire(lease: SshLease, channel: ClientChannel): void {
    const decoder = new StringDecoder('utf8');
    let exit: { code: number | null; signal: string | null } | undefined;
    if (this.paused) channel.pause();
    // The node runs at most a small window ahead of what is handed on here (Ctrl-C is not stuck behind megabytes).
    const window = ChannelWindow.take(channel);
    channel.on('data', (chunk: Buffer) => {
      window?.consumed(chunk.length);
      this.listener.data(decoder.write(chunk));
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      window?.consumed(chunk.length);
      this.listener.data(chunk.toString('utf8'));
    });
    channel.on('exit', (code: number | null, signal?: string) => {
      exit = { code: typeof code === 'number' ? code : null, signal: signal ?? null };
    });
    const lost = (reason: string): void => {
      if (this.lease !== lease) return;
      this.lease = undefined;
      this.channel = undefined;
      lease.release();
      if (this.closed || exit) return;
      this.deps.log.warn('ssh', `${this.deps.name}: connection lost: ${reason}`);
      void this.retryUnlessGone(reason);
    };
    channel.on('close', () => {
      this.listener.data(decoder.end());
      if (this.channel !== channel) return;
      if (exit) {
        this.closed = true;
        lost('the shell exited');
        this.listener.exit(exit.code, exit.signal);
      } else {
        // ssh2 reports a dropped connection before its channels' close: this is the node closing just our shell.
        lost('the node closed the shell');
      }
    });
    lease.onClose(lost);
  }

  /** Retries a lost or failed connection, unless the node has left its pool: then it says so and stops. */
  private async retryUnlessGone(reason: string): Promise<void> {
    const gone = await this.deps.whyGone?.().catch(() => undefined);
    if (this.closed) return;
    if (gone) {
      this.deps.log.info('ssh', `${this.deps.name}: not reconnecting: ${gone}`);
      this.listener.status({ state: 'disconnected', reason: gone, code: 'NODE_GONE' });
      return;
    }
    this.retryLater(reason);
  }

  private failed(error: unknown): void {
    if (this.closed) return;
    const failure = error instanceof ContractFailure ? error : undefined;
    if (failure?.code === 'CANCELLED') return;
    if (failure instanceof SshConnectFailure && failure.retryNow) return void this.connect();
    const retryable = failure instanceof SshConnectFailure ? failure.retryable : failure?.code === 'UNREACHABLE';
    const reason = error instanceof Error ? error.message : String(error);
    if (!failure) this.deps.log.error('ssh', `${this.deps.name}: connect failed with a bug`, error);
    else this.deps.log.info('ssh', `${this.deps.name}: connect failed (${failure.code}): ${reason}`);
    if (retryable) return void this.retryUnlessGone(reason);
    // Host-key verdicts keep their own status (the block or the rejection) on screen.
    if (failure?.code === 'HOST_KEY_CHANGED') return;
    this.listener.status({ state: 'disconnected', reason, code: failure?.code ?? 'INTERNAL' });
  }

  private retryLater(reason: string): void {
    // Re-running a command by itself could repeat its effects; only the user may (Reconnect).
    const delayMs = this.deps.command && this.everConnected ? undefined : this.delays[this.retries];
    if (delayMs === undefined) {
      this.listener.status({ state: 'disconnected', reason, code: 'SSH_ERROR' });
      return;
    }
    this.retries += 1;
    this.listener.status({ state: 'reconnecting', attempt: this.retries + 1, delayMs, reason });
    this.cancelRetry = this.schedule(() => {
      this.cancelRetry = undefined;
      void this.connect();
    }, delayMs);
  }

  private hostKeyStatus(event: HostKeyEvent): void {
    const status = statusOfHostKeyEvent(event, this.retries + 1);
    if (status) this.listener.status(status);
  }
}

/** The failure a closed tab ends its connection attempt with (never shown: the session is gone). */
function cancelled(): SshConnectFailure {
  return new SshConnectFailure('CANCELLED', 'The session was closed before it was connected.', false);
}

/** Settles like `step`, unless `signal` aborts first (or already has): then rejects with CANCELLED at once. */
function unlessAborted<T>(step: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    step.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
