import type {
  SessionStatus,
  TerminalSessionInfo,
  TerminalSessionSnapshot,
} from '../../contract/features/terminal';
import type { EventEmitter } from '../events';
import type { Schedule } from '../streams/schedule';
import { OutputPump } from './output-pump';
import { ScreenMirror } from './screen-mirror';
import type { BackendListener, TerminalBackend } from '../streams/terminal-backend';

/** What a session is, apart from its backend. */
export interface SessionIdentity {
  sessionId: string;
  kind: TerminalBackend['kind'];
  label: string;
  node?: TerminalSessionInfo['node'];
  cols: number;
  rows: number;
}

/** Sees what a session shows, as it is shown (session logs use it); it never sees input. */
export interface SessionTap {
  output(text: string): void;
  resize(cols: number, rows: number): void;
  /** The session closed: no more output. */
  closed(): void;
}

/**
 * One terminal stream: a backend's output goes through the pump (batching, flow control) to `term:data` events and
 * into the screen mirror; the stream offset `seq` lets a reattaching renderer join a snapshot without gaps or repeats.
 */
export class TerminalSession {
  private status: SessionStatus = { state: 'connecting', attempt: 1 };
  private seq = 0;
  private wasConnected = false;
  /** Written into the shell once, right after the first connect (a "start in" line); never on a reconnect. */
  private firstInput: string | undefined;
  private readonly pump: OutputPump;
  private readonly mirror: ScreenMirror;
  private readonly backend: TerminalBackend;
  private readonly taps = new Set<SessionTap>();

  constructor(
    private readonly identity: SessionIdentity,
    createBackend: (listener: BackendListener) => TerminalBackend,
    private readonly events: EventEmitter,
    options: { scrollback?: number; schedule?: Schedule; firstInput?: string } = {},
  ) {
    this.firstInput = options.firstInput;
    this.mirror = new ScreenMirror(identity.cols, identity.rows, {
      ...(options.scrollback ? { scrollback: options.scrollback } : {}),
      ...(options.schedule ? { schedule: options.schedule } : {}),
    });
    this.pump = new OutputPump({
      emit: (text) => this.emit(text),
      pause: () => this.backend.pause(),
      resume: () => this.backend.resume(),
      ...(options.schedule ? { schedule: options.schedule } : {}),
    });
    this.backend = createBackend({
      data: (text) => this.pump.push(text),
      status: (status) => this.setStatus(status),
      exit: (exitCode, signal) => this.exited(exitCode, signal),
    });
  }

  /** The session id. */
  get id(): string {
    return this.identity.sessionId;
  }

  /** True once the shell ended. */
  get hasExited(): boolean {
    return this.status.state === 'exited';
  }

  /** Chars in flight to the renderer (for tests and the flood benchmark). */
  get unackedChars(): number {
    return this.pump.unackedChars;
  }

  /** Adds a tap on the output from now on; returns its removal. */
  tap(tap: SessionTap): () => void {
    this.taps.add(tap);
    return () => this.taps.delete(tap);
  }

  /** Starts the backend. */
  start(): void {
    this.backend.start();
  }

  /** What the UI shows about this session. */
  info(): TerminalSessionInfo {
    const { sessionId, kind, label, node, cols, rows } = this.identity;
    return { sessionId, kind, label, ...(node ? { node } : {}), status: this.status, cols, rows };
  }

  /** Info plus the screen, for a renderer that reattaches; it acknowledges from zero after this. */
  async snapshot(withScreen: boolean): Promise<TerminalSessionSnapshot> {
    this.pump.flush();
    const seq = this.seq;
    const screen = withScreen ? await this.mirror.snapshot() : undefined;
    this.pump.resetAcks();
    return { ...this.info(), seq, ...(screen !== undefined ? { screen } : {}) };
  }

  /** Sends input to the shell; false when it is not connected. */
  write(data: string): boolean {
    return this.backend.write(data);
  }

  /** Resizes: output produced at the old size is flushed (and mirrored) first. */
  resize(cols: number, rows: number): void {
    if (cols === this.identity.cols && rows === this.identity.rows) return;
    this.pump.flush();
    this.identity.cols = cols;
    this.identity.rows = rows;
    this.mirror.resize(cols, rows);
    for (const tap of this.taps) tap.resize(cols, rows);
    if (!this.hasExited) this.backend.resize(cols, rows);
  }

  /** The renderer parsed `chars` more chars. */
  ack(chars: number): void {
    this.pump.ack(chars);
  }

  /** Reconnects the backend in place (scrollback stays). */
  reconnect(): void {
    this.backend.reconnect();
  }

  /** Ends the backend and frees the mirror. */
  async close(): Promise<void> {
    await this.backend.close();
    for (const tap of [...this.taps]) tap.closed();
    this.pump.dispose();
    this.mirror.dispose();
  }

  private emit(text: string): void {
    this.events.emit('term:data', { sessionId: this.id, data: text, seq: this.seq });
    this.seq += text.length;
    this.mirror.write(text);
    for (const tap of this.taps) tap.output(text);
  }

  private setStatus(status: SessionStatus): void {
    if (this.hasExited) return;
    // A dim line in the scrollback marks where the connection broke and came back, for whoever reads it later.
    if (this.wasConnected && this.status.state === 'connected' && status.state !== 'connected') {
      const reason = 'reason' in status ? status.reason : status.state;
      this.pump.push(`\r\n\x1b[0;2m[connection lost: ${reason}]\x1b[0m\r\n`);
    } else if (this.wasConnected && status.state === 'connected' && this.status.state !== 'connected') {
      this.pump.push('\x1b[0;2m[reconnected]\x1b[0m\r\n');
    }
    if (status.state === 'connected') this.wasConnected = true;
    this.status = status;
    this.events.emit('term:status', { sessionId: this.id, status });
    if (status.state === 'connected' && this.firstInput !== undefined) {
      this.backend.write(this.firstInput);
      this.firstInput = undefined;
    }
  }

  private exited(exitCode: number | null, signal: string | null): void {
    if (this.hasExited) return;
    this.pump.flush();
    this.status = { state: 'exited', exitCode, signal };
    this.events.emit('term:status', { sessionId: this.id, status: this.status });
    this.events.emit('term:exit', { sessionId: this.id, exitCode, signal });
  }
}
