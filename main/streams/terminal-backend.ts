import type { SessionStatus } from '../../contract/features/terminal';

/** What a backend reports to its session. */
export interface BackendListener {
  /** Decoded output (UTF-8 sequences never split). */
  data(text: string): void;
  /** Connection progress (SSH) or readiness (local). */
  status(status: SessionStatus): void;
  /** The shell ended for good; no more data or status follows. */
  exit(exitCode: number | null, signal: string | null): void;
}

/** A source of terminal output and sink of input: an SSH shell or a local pty. */
export interface TerminalBackend {
  readonly kind: 'ssh' | 'local';
  /** Starts connecting or spawning; progress arrives through the listener. */
  start(): void;
  /** Sends input; false when the shell is not connected (the input is dropped). */
  write(data: string): boolean;
  /** Tells the shell its new size. */
  resize(cols: number, rows: number): void;
  /** Stops reading output (flow control); input still goes through. */
  pause(): void;
  /** Reads output again. */
  resume(): void;
  /** Reconnects now (SSH); CONFLICT for backends that cannot. */
  reconnect(): void;
  /** Ends the shell and releases everything; resolves when it is gone. */
  close(): Promise<void>;
}
