import type { AppInfo } from '../contract/features/app';
import { createAccountsFeature, type AccountsHostOptions } from './accounts/accounts-feature';
import { batchHandlers, createBatchServices } from './batch/batch-feature';
import { EventBus } from './events';
import { createFleet } from './fleet/create-fleet';
import type { BrowserDownloads } from './files/browser-downloads';
import { createFiles, type PickFolder } from './files/files-feature';
import type { Logger, SecretRedactor } from './log';
import { createPricingService, pricingHandlers } from './pricing/pricing-feature';
import { createProvisioning } from './provision/create-provisioning';
import { NodeActionsService, nodeActionsHandlers } from './batch/node-actions-service';
import { OperationRegistry } from './operations/operation-registry';
import { operationsHandlers } from './operations/operations-handlers';
import { ContractRouter, type InvokeHandlers } from './router';
import { SettingsService, settingsHandlers } from './settings/settings-service';
import { createTerminals } from './terminal/create-terminals';
import { createJobs } from './jobs/create-jobs';
import { TunnelService } from './tunnels/tunnel-service';
import { tunnelsHandlers } from './tunnels/tunnels-handlers';
import { RecordingService } from './recording/recording-service';
import { recordingHandlers, recordNewSessions } from './recording/recording-handlers';
import type { SecretStore } from './store/secret-store';
import { appHandlers } from './system/app-info';
import { damagedFiles, describeDamage } from './store/damaged-files';

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
  /** Host-specific parts of the accounts feature (Electron: utilityProcess sandbox, OS browser). */
  accounts?: AccountsHostOptions;
  /** Opens an http://127.0.0.1:PORT/ address of a port forward in the OS browser (Electron); the web host's page does it itself. */
  openLoopbackUrl?: (url: string) => Promise<void>;
  /** The host's native folder picker (Electron's dialog); absent in the web host, where the user types a path. */
  pickFolder?: PickFolder;
}

/** The running app as hosts see it: one router, one event bus, one way to shut down. */
export interface BatchDeckApp {
  router: ContractRouter;
  events: EventBus;
  /** Files main fetched for the web host's browser download (`/download/<id>`). */
  downloads?: BrowserDownloads;
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
  // accounts.source is the BatchClientSource that pools, images, nodes and provisioning take.
  const { dataDir, secretStore, log, redactor } = deps;
  const accounts = createAccountsFeature({ dataDir, secretStore, log, redactor, events, settings, host: deps.accounts });
  // One registry for every long operation (provisioning, node actions, and what comes later).
  const operations = new OperationRegistry({ events, log });
  // provisioning.resolver is the NodeLoginResolver the terminal feature takes.
  // The terminal feature (built below, once the resolver exists) owns host-key trust; copied ssh commands read it.
  const knownHostsLines = (hostKeyId: string) => terminals.trust.knownHostsLines(hostKeyId);
  const provisioning = createProvisioning({ dataDir, secretStore, log, redactor, operations, clients: accounts.source, knownHostsLines });
  const batch = createBatchServices(accounts.source, events);
  // A reimage removes every user on the node; a removed node takes its users along: provisioning hears about both.
  const nodeActions = new NodeActionsService({ clients: accounts.source, nodes: batch.nodes, operations, accepted: provisioning.nodeActionAccepted });
  const terminals = createTerminals({ dataDir, log, events, resolver: provisioning.resolver });
  // Port forwards hold leases on the same shared SSH connections as the node's terminals.
  const tunnels = new TunnelService({ connections: terminals.connections, resolver: provisioning.resolver, events, log, ...(deps.openLoopbackUrl ? { openLoopbackUrl: deps.openLoopbackUrl } : {}) });
  // Session logs tap each terminal's output; "record every session" starts one as a session opens.
  const recordings = new RecordingService({ dataDir, session: (id) => terminals.service.session(id), events, log, recordEverySession: async () => (await settings.get()).terminalRecordEverySession });
  // Files: the Batch file browser and SFTP; `files.downloads` are the web host's single-use browser downloads.
  const files = createFiles({ source: accounts.source, operations, connections: terminals.connections, pickFolder: deps.pickFolder });
  const handlers: InvokeHandlers = {
    ...appHandlers(info),
    ...settingsHandlers(settings),
    ...accounts.handlers,
    ...batchHandlers(batch),
    ...provisioning.handlers,
    ...operationsHandlers(operations),
    ...nodeActionsHandlers(nodeActions),
    ...terminals.handlers,
    ...tunnelsHandlers(tunnels),
    ...recordNewSessions(terminals.handlers, recordings),
    ...recordingHandlers(recordings),
    ...pricingHandlers(createPricingService({ dataDir, log, accounts })),
    // Jobs and tasks; "Open a shell here" provisions an admin user and opens a terminal session.
    ...createJobs({ clients: accounts.source, operations, provision: provisioning.service, logins: provisioning.logins, terminals: terminals.service }),
    // Fleet commands run over the terminals' shared SSH connections; a first-seen host key is answered through their prompts.
    ...createFleet({ dataDir, clients: accounts.source, nodes: batch.nodes, users: provisioning.registry, operations, connections: terminals.connections, prompts: terminals.prompts, log }).handlers,
    ...files.handlers,
  };
  // terminals.dispose ends every session: SSH connections closed politely, local shells hung up.
  const disposers: (() => Promise<void>)[] = [() => tunnels.dispose(), () => recordings.dispose(), terminals.dispose, () => operations.dispose(), accounts.dispose];
  // A damaged data file names itself and its path in the log, and in open windows (else the next window asks for it).
  const stopDamageReports = damagedFiles.listen((report) => {
    deps.log.warn('store', describeDamage(report));
    if (events.size === 0) return;
    damagedFiles.markShown(report);
    events.emit('app:fileDamaged', report);
  });
  disposers.push(async () => void stopDamageReports());
  disposers.push(async () => files.downloads.dispose());
  return {
    router: new ContractRouter(handlers, deps.log),
    events,
    downloads: files.downloads,
    async dispose() {
      await Promise.allSettled(disposers.map((d) => d()));
    },
  };
}
