import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Options for a test emulator. */
export interface EmulatorProcessOptions {
  /** 1 = realistic; default 0.01 (a node is idle about a second after a resize). */
  timeScale?: number;
  /** State folder; default a new temp folder, deleted by stop() unless keepData is set. Pass one to test restarts. */
  dataDir?: string;
  /** Keep a generated temp folder after stop() (a given dataDir is never deleted). */
  keepData?: boolean;
  /** Extra environment (e.g. BATCH_EMULATOR_FAULTS, BATCH_EMULATOR_KEY, BATCH_EMULATOR_ACCOUNT). */
  env?: Record<string, string>;
  /** How long to wait for the ready line (ms, default 30,000). */
  readyTimeoutMs?: number;
}

/** A running emulator child process. */
export interface EmulatorProcess {
  /** `http://127.0.0.1:PORT`, ready for `new BatchServiceClient(credentials, endpoint)`. */
  endpoint: string;
  accountName: string;
  /** Base64 account key for `BatchSharedKeyCredentials`. */
  accountKey: string;
  dataDir: string;
  /** The child's PID (stop() signals only this process). */
  pid: number;
  /** Everything the emulator wrote to stderr so far (diagnostics). */
  stderr(): string;
  /** SIGTERM to the emulator's own PID, then waits for it to save state and exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

// Tests run from the repository root (npm test, vitest, playwright); no import.meta so Playwright's CJS loader works.
const REPO_ROOT = process.cwd();
const READY_LINE = /^Batch emulator ready: endpoint=(\S+) account=(\S+)$/m;

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/**
 * Starts `node --import tsx emulator/cli.ts` on a free loopback port and resolves when it printed its ready line.
 * Used by every test that talks to Batch; see docs/emulator.md.
 */
export async function startEmulatorProcess(opts: EmulatorProcessOptions = {}): Promise<EmulatorProcess> {
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'batch-emulator-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BATCH_EMULATOR_PORT: '0',
    BATCH_EMULATOR_DATA: dataDir,
    BATCH_EMULATOR_TIME_SCALE: String(opts.timeScale ?? 0.01),
    ...opts.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const ready = await new Promise<RegExpExecArray>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`Emulator not ready after ${opts.readyTimeoutMs ?? 30_000} ms. stderr:\n${stderr}`));
    }, opts.readyTimeoutMs ?? 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = READY_LINE.exec(stdout);
      if (match) {
        clearTimeout(timer);
        done(match);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`Emulator exited (code ${code}, signal ${signal}) before it was ready. stderr:\n${stderr}`));
    });
  });
  const accountKey = env.BATCH_EMULATOR_KEY || (await readFile(join(dataDir, 'account-key'), 'utf8')).trim();
  return {
    endpoint: ready[1] as string,
    accountName: ready[2] as string,
    accountKey,
    dataDir,
    pid: child.pid as number,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await waitForExit(child, 10_000);
      if (ownsDataDir && !opts.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
