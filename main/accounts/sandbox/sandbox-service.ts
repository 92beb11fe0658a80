import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { ContractFailure } from '../../../contract/result';
import type { AccountStatus } from '../../../contract/features/accounts';
import type { Logger, SecretRedactor } from '../../log';
import type { SecretStore } from '../../store/secret-store';
import type { EmulatorLauncher, EmulatorProcessHandle } from './emulator-launcher';

/** The sandbox's account name in the emulator. */
export const sandboxAccountName = 'sandbox';
/** Where the sandbox's account key lives in the SecretStore. */
export const sandboxKeySecret = 'sandbox/account-key';

const readyLine = /^Batch emulator ready: endpoint=(\S+) account=(\S+)$/m;
const stderrTailBytes = 4000;

/** Options of {@link SandboxService}. */
export interface SandboxOptions {
  launcher: EmulatorLauncher | undefined;
  /** The emulator's own data folder (under the app's data folder). */
  dataDir: string;
  secrets: SecretStore;
  redactor: SecretRedactor;
  log: Logger;
  /** Emulator time scale (BATCH_DECK_SANDBOX_TIME_SCALE); 1 = realistic. */
  timeScale?: string;
  /** How long to wait for the ready line. */
  readyTimeoutMs?: number;
}

/** What a ready sandbox offers: where it listens and the key to sign with (never leaves main). */
export interface SandboxConnection {
  endpoint: string;
  accountName: string;
  key: string;
}

/**
 * The Local sandbox: runs the emulator as a child process with its own data folder and a key kept in the
 * SecretStore, watches it become ready (its ready line) or fail (keeping its stderr), and stops it on quit.
 */
export class SandboxService {
  private process: EmulatorProcessHandle | undefined;
  private state: AccountStatus = { state: 'stopped' };
  private connection: SandboxConnection | undefined;
  private starting: Promise<void> | undefined;
  private restarting: Promise<void> | undefined;
  /** Bumped by stop(): a launch from an older generation neither spawns nor reports. */
  private generation = 0;
  /** The timer of a start put off by startSoon(). */
  private deferred: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: SandboxOptions) {}

  /** The live status: starting, ready, failed (with the emulator's stderr in `detail`) or stopped. */
  status(): AccountStatus {
    return this.state;
  }

  /** The endpoint once ready; empty before. */
  endpoint(): string {
    return this.connection?.endpoint ?? '';
  }

  /** Calls `listener` on every status change. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts the emulator after `delayMs`, or at once when something needs it (ready()): at app start the first page
   * loads first, without the emulator's start (a third of a second of CPU) competing for the two cores. Shows as
   * starting meanwhile.
   */
  startSoon(delayMs: number): void {
    if (this.deferred || this.starting || this.state.state !== 'stopped') return;
    this.setState({ state: 'starting' });
    this.deferred = setTimeout(() => void this.start(), delayMs);
    this.deferred.unref();
  }

  /** Starts the emulator unless it runs or is starting; resolves when it is ready or has failed. */
  start(): Promise<void> {
    this.cancelDeferred();
    if (this.state.state === 'ready') return Promise.resolve();
    if (!this.starting) {
      const starting: Promise<void> = this.launch(this.generation).finally(() => {
        if (this.starting === starting) this.starting = undefined;
      });
      this.starting = starting;
    }
    return this.starting;
  }

  /**
   * Waits for a start in progress (and for the one after it, when a restart replaced it meanwhile), then returns the
   * connection or throws NO_ACCOUNT with the reason.
   */
  async ready(): Promise<SandboxConnection> {
    if (this.deferred) void this.start();
    for (let pending = this.restarting ?? this.starting; pending; pending = this.restarting ?? this.starting) await pending;
    if (this.state.state === 'ready' && this.connection) return this.connection;
    const why = this.state.state === 'failed' ? this.state.message : 'It is not running.';
    throw new ContractFailure('NO_ACCOUNT', `The Local sandbox is not ready. ${why ?? ''}`.trim(), { sandbox: this.state });
  }

  /** Stops and starts again; calls waiting for the sandbox meanwhile wait for the new one. */
  restart(): Promise<void> {
    this.restarting ??= (async () => {
      try {
        await this.stop();
        await this.start();
      } finally {
        this.restarting = undefined;
      }
    })();
    return this.restarting;
  }

  /**
   * Stops the emulator (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. A start in progress is abandoned:
   * its launch settles (it does not spawn if it had not yet) and the next start() launches afresh.
   */
  async stop(): Promise<void> {
    this.generation++;
    if (this.cancelDeferred()) this.setState({ state: 'stopped' });
    const abandoned = this.starting;
    this.starting = undefined;
    const running = this.process;
    if (!running) {
      await abandoned;
      if (this.state.state === 'starting') this.setState({ state: 'stopped' });
      return;
    }
    this.process = undefined;
    this.connection = undefined;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => running.kill(), 10_000);
      running.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      running.stop();
    });
    this.setState({ state: 'stopped' });
  }

  /** Drops a start put off by startSoon(); true if there was one. */
  private cancelDeferred(): boolean {
    if (!this.deferred) return false;
    clearTimeout(this.deferred);
    this.deferred = undefined;
    return true;
  }

  private async launch(generation: number): Promise<void> {
    const { launcher, log } = this.options;
    if (!launcher) {
      this.setState({ state: 'failed', code: 'INTERNAL', message: 'The emulator program was not found next to Batch Deck (out/emulator/cli.js or emulator/cli.ts).' });
      return;
    }
    // A start put off by startSoon() already shows as starting: listeners hear it once.
    if (this.state.state !== 'starting') this.setState({ state: 'starting' });
    let key: string;
    try {
      key = await this.accountKey();
      await mkdir(this.options.dataDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      const code = error instanceof ContractFailure ? error.code : 'INTERNAL';
      this.setState({ state: 'failed', code, message: `The sandbox's key could not be kept safely: ${(error as Error).message}` });
      return;
    }
    if (generation !== this.generation) return; // stopped while the key was read: do not spawn
    log.info('sandbox', `starting the Local sandbox: ${launcher.describe()}`);
    const child = launcher.launch(this.environment(key));
    this.process = child;
    await new Promise<void>((resolve) => this.watch(child, key, resolve));
  }

  /** Follows one emulator process: ready line → ready; exit or timeout before that → failed with its stderr. */
  private watch(child: EmulatorProcessHandle, key: string, settled: () => void): void {
    let stdout = '';
    let stderr = '';
    let isReady = false;
    const tail = () => this.options.redactor.redact(stderr.slice(-stderrTailBytes)).trim();
    const timer = setTimeout(() => {
      this.setState({ state: 'failed', code: 'UNREACHABLE', message: 'The Local sandbox did not become ready in time.', detail: tail() });
      child.kill();
      settled();
    }, this.options.readyTimeoutMs ?? 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-stderrTailBytes * 4);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (isReady || this.process !== child) return; // a stopped emulator's late ready line means nothing
      stdout += chunk.toString('utf8');
      const match = readyLine.exec(stdout);
      if (!match) return;
      isReady = true;
      clearTimeout(timer);
      this.connection = { endpoint: match[1] as string, accountName: match[2] as string, key };
      this.options.log.info('sandbox', `the Local sandbox is ready at ${match[1]}`);
      this.setState({ state: 'ready' });
      settled();
    });
    child.onExit((code) => {
      clearTimeout(timer);
      if (this.process !== child) {
        settled(); // stopped on purpose (a restart while starting): the start ends here, it must not hang
        return;
      }
      this.process = undefined;
      this.connection = undefined;
      const detail = tail();
      const message = `The Local sandbox ${isReady ? 'stopped unexpectedly' : 'failed to start'} (exit code ${code ?? 'none'}).`;
      this.options.log.warn('sandbox', `${message}\n${detail}`);
      this.setState({ state: 'failed', code: 'UNREACHABLE', message, detail });
      settled();
    });
  }

  /** The emulator's environment: ours, minus inherited emulator settings, plus the sandbox's own. */
  private environment(key: string): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && !name.startsWith('BATCH_EMULATOR_')) env[name] = value;
    }
    return {
      ...env,
      BATCH_EMULATOR_PORT: '0',
      BATCH_EMULATOR_ACCOUNT: sandboxAccountName,
      BATCH_EMULATOR_KEY: key,
      BATCH_EMULATOR_DATA: this.options.dataDir,
      ...(this.options.timeScale ? { BATCH_EMULATOR_TIME_SCALE: this.options.timeScale } : {}),
    };
  }

  /** The sandbox's key from the SecretStore, created (64 random bytes, like a real account's) on first run. */
  private async accountKey(): Promise<string> {
    let key = await this.options.secrets.get(sandboxKeySecret);
    if (!key) {
      key = randomBytes(64).toString('base64');
      await this.options.secrets.set(sandboxKeySecret, key);
    }
    this.options.redactor.add(key);
    return key;
  }

  private setState(state: AccountStatus): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
