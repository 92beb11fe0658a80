import { constants as osConstants } from 'node:os';
import type { ServerChannel } from 'ssh2';

/** A shell or command started for one SSH channel. */
export interface SessionProcess {
  readonly pid: number;
  /** Resizes the pty (no-op for a process without one). */
  resize(cols: number, rows: number): void;
  /** Delivers a signal the client asked for (`signal` channel request). */
  signal(name: NodeJS.Signals): void;
  /** Kills the process and everything it started; resolves once it has exited (bounded wait). */
  kill(): Promise<void>;
  /** Resolves when the process has exited and its exit status was sent. */
  readonly exited: Promise<void>;
}

/** How a process starts: its argv after `bash`, folder and environment. */
export interface ProcessLaunch {
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** Reports a finished process to the client as sshd does: exit-status or exit-signal, then EOF and close. */
export function reportExit(channel: ServerChannel, exitCode: number | null, signal: NodeJS.Signals | null): void {
  try {
    if (signal) channel.exit(signal.replace(/^SIG/, ''), false, '');
    else channel.exit(exitCode ?? 255);
    channel.end();
  } catch {
    // The client closed the channel first; nothing is left to tell it.
  }
}

/** The signal name for a signal number (node-pty reports numbers). */
export function signalName(signal: number | undefined): NodeJS.Signals | null {
  if (!signal) return null;
  const entry = Object.entries(osConstants.signals).find(([, value]) => value === signal);
  return entry ? (entry[0] as NodeJS.Signals) : null;
}

/** SSH signal names (`INT`) the client may send, mapped to Node's names; others are ignored. */
export function clientSignal(name: string): NodeJS.Signals | undefined {
  const full = `SIG${name.replace(/^SIG/, '')}`;
  return ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGKILL', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGALRM'].includes(full)
    ? (full as NodeJS.Signals)
    : undefined;
}
