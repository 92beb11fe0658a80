import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** A started emulator process, whatever started it (child_process in Node, utilityProcess in Electron). */
export interface EmulatorProcessHandle {
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  /** Asks the emulator to save its state and stop (SIGTERM). */
  stop(): void;
  /** Ends it without waiting (SIGKILL where the platform allows). */
  kill(): void;
  /** Calls `listener` once when the process has exited. */
  onExit(listener: (code: number | null) => void): void;
}

/** Starts the emulator program with an environment; the host decides how. */
export interface EmulatorLauncher {
  launch(env: Record<string, string>): EmulatorProcessHandle;
  /** What is started, for logs and the failure message. */
  describe(): string;
}

/** How to run the emulator: a built script, or the TypeScript source through tsx in development. */
export interface EmulatorEntry {
  /** A built `cli.js` (run with node), or `emulator/cli.ts` (run with `--import tsx`). */
  script: string;
  /** Working folder: the repo root for the source entry, so tsx resolves. */
  cwd: string;
  execArgv: string[];
}

/**
 * Finds the emulator next to the running app: `out/emulator/cli.js` beside the built `out/main/*.js`, else the
 * source `emulator/cli.ts` of a development checkout (walking up from `fromDir`). Undefined when neither exists.
 */
export function resolveEmulatorEntry(fromDir: string): EmulatorEntry | undefined {
  for (let dir = resolve(fromDir); ; dir = dirname(dir)) {
    const built = join(dir, 'out', 'emulator', 'cli.js');
    const sibling = join(dir, 'emulator', 'cli.js');
    if (existsSync(sibling)) return { script: sibling, cwd: dir, execArgv: [] };
    if (existsSync(built)) return { script: built, cwd: dir, execArgv: [] };
    if (existsSync(join(dir, 'emulator', 'cli.ts')) && existsSync(join(dir, 'node_modules', 'tsx'))) {
      return { script: join(dir, 'emulator', 'cli.ts'), cwd: dir, execArgv: ['--import', 'tsx'] };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * When the parent dies without stopping the sandbox (killed, crashed), the IPC channel closes: the emulator then
 * stops itself gracefully instead of living on as an orphan holding its ports.
 */
const orphanGuard = `data:text/javascript,process.on('disconnect',()=>process.kill(process.pid,'SIGTERM'))`;

/** Runs the emulator as a Node child process (the web host, tests). */
export class ChildProcessEmulatorLauncher implements EmulatorLauncher {
  constructor(
    private readonly entry: EmulatorEntry,
    private readonly nodePath: string = process.execPath,
  ) {}

  launch(env: Record<string, string>): EmulatorProcessHandle {
    const child = spawn(this.nodePath, [...this.entry.execArgv, '--import', orphanGuard, this.entry.script], {
      cwd: this.entry.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return {
      stdout: child.stdout,
      stderr: child.stderr,
      stop: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      },
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
      onExit: (listener) => {
        let exited = false;
        const done = (code: number | null) => {
          if (exited) return;
          exited = true;
          listener(code);
        };
        child.once('exit', (code) => done(code));
        child.once('error', () => done(null));
      },
    };
  }

  describe(): string {
    return `${[...this.entry.execArgv, this.entry.script].join(' ')}`;
  }
}
