import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { constants } from 'node:os';
import * as pty from 'node-pty';
import { ContractFailure } from '../../contract/result';
import type { BackendListener, TerminalBackend } from '../streams/terminal-backend';

/** How to start a local shell; defaults come from the environment. */
export interface LocalShellOptions {
  /** Executable; default `$SHELL` (or /bin/bash), `%COMSPEC%` on Windows. */
  shell?: string;
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How long {@link LocalShell.close} waits for the shell to exit after SIGHUP before SIGKILL. */
  killGraceMs?: number;
}

/** The user's login shell for this platform. */
export function defaultShell(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return env.COMSPEC ?? 'powershell.exe';
  return env.SHELL && existsSync(env.SHELL) ? env.SHELL : '/bin/bash';
}

/** A local shell in a pseudo-terminal (node-pty): the same stream contract as an SSH shell. */
export class LocalShell implements TerminalBackend {
  readonly kind = 'local' as const;
  private process: pty.IPty | undefined;
  private exited: Promise<void> | undefined;

  constructor(
    private readonly listener: BackendListener,
    private readonly size: { cols: number; rows: number },
    private readonly options: LocalShellOptions = {},
  ) {}

  /** Spawns the shell; throws PTY_ERROR when it cannot start (nothing is left running). */
  start(): void {
    const file = this.options.shell ?? defaultShell();
    if (process.platform !== 'win32' && !existsSync(file)) {
      throw new ContractFailure('PTY_ERROR', `The shell ${file} does not exist on this machine.`);
    }
    try {
      this.process = pty.spawn(file, this.options.args ?? [], {
        name: 'xterm-256color',
        cols: this.size.cols,
        rows: this.size.rows,
        cwd: this.options.cwd ?? homedir(),
        env: shellEnvironment(this.options.env ?? process.env),
      });
    } catch (error) {
      throw new ContractFailure('PTY_ERROR', `The local shell ${file} could not start: ${(error as Error).message}`);
    }
    const child = this.process;
    this.exited = new Promise((resolve) => {
      child.onExit(({ exitCode, signal }) => {
        this.process = undefined;
        this.listener.exit(exitCode, signal ? signalName(signal) : null);
        resolve();
      });
    });
    child.onData((text) => this.listener.data(text));
    this.listener.status({ state: 'connected' });
  }

  write(data: string): boolean {
    if (!this.process) return false;
    this.process.write(data);
    return true;
  }

  resize(cols: number, rows: number): void {
    this.process?.resize(cols, rows);
  }

  pause(): void {
    this.process?.pause();
  }

  resume(): void {
    this.process?.resume();
  }

  reconnect(): void {
    throw new ContractFailure('CONFLICT', 'A local shell cannot reconnect; open a new one.');
  }

  /** Hangs up the shell (SIGHUP, as closing a terminal window does), then SIGKILL if it lingers. */
  async close(): Promise<void> {
    const child = this.process;
    if (!child || !this.exited) return;
    // A paused pty would never deliver its exit; let it flow so onExit fires.
    child.resume();
    child.kill(process.platform === 'win32' ? undefined : 'SIGHUP');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.options.killGraceMs ?? 2000)));
    if ((await Promise.race([this.exited, grace])) === 'timeout' && this.process) this.process.kill('SIGKILL');
    clearTimeout(timer);
    await this.exited;
  }
}

/** The environment a local shell gets: the app's, minus what only concerns the app, with a 256-colour TERM. */
function shellEnvironment(base: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined || key.startsWith('BATCH_DECK_') || key.startsWith('ELECTRON_')) continue;
    env[key] = value;
  }
  return { ...env, TERM: 'xterm-256color', COLORTERM: 'truecolor' };
}

/** `SIGHUP` for 1, etc.; the number as text when unknown. */
function signalName(signal: number): string {
  const entry = Object.entries(constants.signals).find(([, value]) => value === signal);
  return entry ? entry[0] : String(signal);
}
