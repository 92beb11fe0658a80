import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { settingsSchema, type Settings } from '../../../contract/features/settings';
import { createAccountsFeature, type AccountsFeature } from '../../../main/accounts/accounts-feature';
import { ChildProcessEmulatorLauncher, type EmulatorLauncher } from '../../../main/accounts/sandbox/emulator-launcher';
import { EventBus } from '../../../main/events';
import { ConsoleFileLogger, SecretRedactor } from '../../../main/log';
import { ContractRouter, type InvokeHandlers } from '../../../main/router';
import { KeyFileCipher } from '../../../main/store/key-file-cipher';
import { VaultSecretStore } from '../../../main/store/vault-secret-store';

/** The repository root, where `emulator/cli.ts` lives. */
export const repoRoot = resolve(__dirname, '../../..');

/** The accounts feature running in-process on a fresh data folder, with a real secret store and log file. */
export interface AccountsFixture {
  feature: AccountsFeature;
  router: ContractRouter;
  secrets: VaultSecretStore;
  dataDir: string;
  logPath: string;
  /** Every event sent to "the renderer", as JSON. */
  events: { event: string; payload: unknown }[];
  /** Calls a channel as the renderer would, through the validating router; returns the result as data. */
  call(channel: string, payload: unknown): Promise<{ ok: boolean; value?: any; error?: any }>;
  /** Every router result so far, as JSON. */
  results: string[];
  close(): Promise<void>;
}

/** Builds the feature with the emulator source (tsx) as the sandbox; `env` adds BATCH_DECK_* settings. */
export function startAccounts(
  options: {
    env?: Record<string, string>;
    settings?: Partial<Settings>;
    dataDir?: string;
    wrapLauncher?: (real: EmulatorLauncher) => EmulatorLauncher;
    /** How long the sandbox's start is put off unless a call needs it (default: the app's). */
    sandboxStartDelayMs?: number;
  } = {},
): AccountsFixture {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'batch-deck-accounts-'));
  const redactor = new SecretRedactor();
  const logPath = join(dataDir, 'logs', 'main.log');
  const log = new ConsoleFileLogger(redactor, logPath, false);
  const secrets = new VaultSecretStore(dataDir, new KeyFileCipher(join(dataDir, 'secrets.key')));
  const bus = new EventBus();
  const events: { event: string; payload: unknown }[] = [];
  bus.connect('test', (event, payload) => events.push({ event, payload }));
  const settings = settingsSchema.parse(options.settings ?? {});
  const feature = createAccountsFeature({
    dataDir,
    secretStore: secrets,
    log,
    redactor,
    events: bus,
    settings: { get: async () => settings },
    host: {
      emulatorLauncher: (options.wrapLauncher ?? ((real) => real))(
        new ChildProcessEmulatorLauncher({ script: join(repoRoot, 'emulator', 'cli.ts'), cwd: repoRoot, execArgv: ['--import', 'tsx'] }),
      ),
    },
    env: { ...process.env, BATCH_DECK_SANDBOX_TIME_SCALE: '0.01', ...options.env },
    ...(options.sandboxStartDelayMs === undefined ? {} : { sandboxStartDelayMs: options.sandboxStartDelayMs }),
  });
  const router = new ContractRouter(feature.handlers as unknown as InvokeHandlers, log);
  const results: string[] = [];
  return {
    feature,
    router,
    secrets,
    dataDir,
    logPath,
    events,
    results,
    async call(channel, payload) {
      const result = await router.dispatch(channel, payload, { trusted: true, origin: 'test', connectionId: 'test' });
      results.push(JSON.stringify(result));
      return result as { ok: boolean; value?: any; error?: any };
    },
    async close() {
      await feature.dispose();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
