import type { AppInfo } from '../contract/features/app';
import { EventBus } from './events';
import type { Logger, SecretRedactor } from './log';
import { ContractRouter, type InvokeHandlers } from './router';
import { SettingsService, settingsHandlers } from './settings/settings-service';
import type { SecretStore } from './store/secret-store';
import { appHandlers } from './system/app-info';

/** What a host (Electron or web) provides to build the app. */
export interface HostDeps {
  host: AppInfo['host'];
  version: string;
  dataDir: string;
  secretStore: SecretStore;
  log: Logger;
  redactor: SecretRedactor;
  electronVersion?: string;
  /** Settings the host already opened (Electron reads one before the app exists); created here otherwise. */
  settings?: SettingsService;
}

/** The running app as hosts see it: one router, one event bus, one way to shut down. */
export interface BatchDeckApp {
  router: ContractRouter;
  events: EventBus;
  dispose(): Promise<void>;
}

/** The composition root: builds every service with `new` and wires their handlers into the router. */
export function createApp(deps: HostDeps): BatchDeckApp {
  const events = new EventBus();
  const settings = deps.settings ?? new SettingsService(deps.dataDir);
  const info: AppInfo = {
    name: 'Batch Deck',
    version: deps.version,
    host: deps.host,
    platform: `${process.platform}-${process.arch}`,
    nodeVersion: process.versions.node,
    dataDir: deps.dataDir,
    ...(deps.electronVersion ? { electronVersion: deps.electronVersion } : {}),
  };
  const handlers: InvokeHandlers = {
    ...appHandlers(info),
    ...settingsHandlers(settings),
  };
  const disposers: (() => Promise<void>)[] = [];
  return {
    router: new ContractRouter(handlers, deps.log),
    events,
    async dispose() {
      await Promise.allSettled(disposers.map((d) => d()));
    },
  };
}
