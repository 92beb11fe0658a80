import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountView } from '../../contract/features/accounts';
import type { Settings } from '../../contract/features/settings';
import type { EventEmitter } from '../events';
import type { Logger, SecretRedactor } from '../log';
import type { PartialHandlers } from '../router';
import type { SecretStore } from '../store/secret-store';
import { AccountClients } from './account-clients';
import { AccountRecords } from './account-records';
import { accountsHandlers, type AccountsChannel } from './accounts-handlers';
import { AccountsService } from './accounts-service';
import { BatchClientFactory } from './batch-client-factory';
import type { BatchClientSource } from '../batch/batch-client-source';
import { entraHandlers, type EntraChannel } from './entra/entra-handlers';
import { EntraService } from './entra/entra-service';
import { MsalApps } from './entra/msal-apps';
import { SignInFlows } from './entra/sign-in-flows';
import { NodeHttpTransport, type HttpTransport } from '../net/http-transport';
import { chooseProxy } from '../net/proxy-config';
import { ChildProcessEmulatorLauncher, resolveEmulatorEntry, type EmulatorLauncher } from './sandbox/emulator-launcher';
import { SandboxService } from './sandbox/sandbox-service';

/** What only a host can provide to the accounts feature. */
export interface AccountsHostOptions {
  /** How to start the sandbox emulator (Electron: utilityProcess.fork). Default: a Node child process. */
  emulatorLauncher?: EmulatorLauncher;
  /** Opens the sign-in page in the OS browser (Electron: shell.openExternal). Absent: the renderer opens it. */
  openExternal?: (url: string) => Promise<void>;
}

/** The Local sandbox starts this long after the app (or when first needed): the window's first page comes first. */
export const sandboxStartDelayMs = 1000;

/** What the composition root passes in. */
export interface AccountsFeatureDeps {
  dataDir: string;
  secretStore: SecretStore;
  log: Logger;
  redactor: SecretRedactor;
  events: EventEmitter;
  settings: { get(): Promise<Settings> };
  host?: AccountsHostOptions;
  /** Environment to read (BATCH_DECK_SANDBOX_TIME_SCALE, BATCH_DECK_AUTHORITY_HOST, proxies, …); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** How long the sandbox's start is put off unless needed first; default {@link sandboxStartDelayMs}. */
  sandboxStartDelayMs?: number;
}

/** The accounts feature as the app sees it. */
export interface AccountsFeature {
  handlers: PartialHandlers<AccountsChannel | EntraChannel>;
  /** The active account's Batch client, for pools, images, nodes and provisioning. */
  source: BatchClientSource;
  /** The account list (no secrets), for features that need an account's kind, endpoint or location. */
  list(): Promise<AccountView[]>;
  /** HTTP with the app's proxy settings and extra CAs, for other public Azure endpoints (retail prices). */
  transport: HttpTransport;
  /** Stops the sandbox and ends sign-ins. */
  dispose(): Promise<void>;
}

/**
 * Builds the accounts feature: the sandbox (started at once unless BATCH_DECK_SANDBOX=off), shared-key and Entra ID
 * accounts, and the BatchClientSource every other feature uses.
 */
export function createAccountsFeature(deps: AccountsFeatureDeps): AccountsFeature {
  const env = deps.env ?? process.env;
  const proxyFor = async (url: string) => chooseProxy(url, (await deps.settings.get()).proxyUrl, env);
  const extraCa = readExtraCa(env.BATCH_DECK_EXTRA_CA_CERTS, deps.log);
  const transport = new NodeHttpTransport({ proxyFor, extraCa });
  const factory = new BatchClientFactory(proxyFor, extraCa);
  const records = new AccountRecords(deps.dataDir);
  const entry = deps.host?.emulatorLauncher ? undefined : resolveEmulatorEntry(__dirname);
  const sandbox = new SandboxService({
    launcher: deps.host?.emulatorLauncher ?? (entry ? new ChildProcessEmulatorLauncher(entry) : undefined),
    dataDir: join(deps.dataDir, 'sandbox'),
    secrets: deps.secretStore,
    redactor: deps.redactor,
    log: deps.log,
    ...(env.BATCH_DECK_SANDBOX_TIME_SCALE ? { timeScale: env.BATCH_DECK_SANDBOX_TIME_SCALE } : {}),
  });
  const flows = new SignInFlows({ events: deps.events, redactor: deps.redactor, log: deps.log, transport, ...(deps.host?.openExternal ? { openExternal: deps.host.openExternal } : {}) });
  const apps = new MsalApps({ secrets: deps.secretStore, redactor: deps.redactor, log: deps.log, transport, env });
  const entra: EntraService = new EntraService({
    apps,
    flows,
    transport,
    redactor: deps.redactor,
    cloud: async () => (await deps.settings.get()).cloud,
    // Called only after sign-in/out, long after `accounts` below exists.
    identityChanged: async (identityId: string): Promise<void> => accounts.identityChanged(identityId),
  });
  const clients = new AccountClients(records, deps.secretStore, sandbox, factory, entra, proxyFor, deps.redactor);
  const accounts: AccountsService = new AccountsService({ records, secrets: deps.secretStore, sandbox, clients, factory, entra, events: deps.events, redactor: deps.redactor });
  if (env.BATCH_DECK_SANDBOX !== 'off') sandbox.startSoon(deps.sandboxStartDelayMs ?? sandboxStartDelayMs);
  return {
    handlers: { ...accountsHandlers(accounts), ...entraHandlers(entra, flows, accounts) },
    source: accounts,
    list: () => accounts.list(),
    transport,
    async dispose() {
      await flows.cancelAll();
      await sandbox.stop();
    },
  };
}

/** Extra certificate authorities (PEM file) to trust for sign-in, ARM and Batch: corporate TLS proxies, test authorities. */
function readExtraCa(path: string | undefined, log: Logger): string[] {
  if (!path) return [];
  try {
    return [readFileSync(path, 'utf8')];
  } catch (error) {
    log.warn('accounts', `BATCH_DECK_EXTRA_CA_CERTS=${path} could not be read: ${(error as Error).message}`);
    return [];
  }
}
