import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { NodeRuntime } from './node-runtime/runtime';
import type { NodeRuntimeApi, NodeRuntimeOptions, NodeUserRecord } from './node-runtime/types';
import { BatchStore } from './state/store';
import { StateFile } from './state/persistence';
import { Timers } from './state/timers';
import { NodeLifecycle } from './state/node-lifecycle';
import { PoolAllocator } from './state/pool-allocator';
import { Router } from './api/router';
import { addPoolRoutes } from './api/pool-routes';
import { addAutoScaleRoutes } from './api/autoscale-routes';
import { addApplicationRoutes } from './api/application-routes';
import { addJobRoutes } from './api/job-routes';
import { addTaskRoutes } from './api/task-routes';
import { addJobTaskRoutes } from './api/job-task-routes';
import { JobLifecycle } from './state/job-lifecycle';
import { JobNodeTasks } from './state/job-node-tasks';
import { TaskScheduler } from './state/task-scheduler';
import { addAccountRoutes } from './api/account-routes';
import { addNodeRoutes } from './api/node-routes';
import { addUserRoutes } from './api/user-routes';
import { addFileRoutes } from './api/file-routes';
import { adminRouter } from './api/admin-routes';
import { createRequestHandler } from './api/handle-request';
import type { Emulator } from './api/emulator-context';
import { TrustedIssuers, type TrustedIssuer } from './auth/trusted-issuers';
import { Faults, type FaultConfig } from './faults';
import { isValidAccountKey, loadOrCreateAccountKey } from './account-key';
import { lockDataDir } from './data-lock';

/** How to start an emulator in-process. */
export interface EmulatorOptions {
  /** State folder (pools, nodes, users, keys, node folders). */
  dataDir: string;
  /** 0 or omitted: a free port. */
  port?: number;
  /** Default `sandbox`. */
  accountName?: string;
  /** Base64 account key; omitted: kept in `<dataDir>/account-key`, generated on first start. */
  accountKey?: string;
  /** 1 = realistic durations; tests use e.g. 0.01. */
  timeScale?: number;
  trustedIssuers?: TrustedIssuer[];
  faults?: FaultConfig;
  /** Diagnostics (never secrets). Default: stderr. */
  log?: (message: string) => void;
  /** Builds the node runtime; default: the real one (folders, bash start tasks, SSH servers). */
  createRuntime?: (options: NodeRuntimeOptions) => NodeRuntimeApi;
}

/** A running emulator. */
export interface RunningEmulator {
  endpoint: string;
  accountName: string;
  accountKey: string;
  dataDir: string;
  /** Saves state, ends shells, closes every port. */
  stop(): Promise<void>;
}

/** Account names as Batch allows them: 3–24 lower-case letters and digits. */
export const ACCOUNT_NAME_PATTERN = /^[a-z0-9]{3,24}$/;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePort((server.address() as AddressInfo).port));
  });
}

function usersFor(store: BatchStore): NodeRuntimeOptions['usersOf'] {
  return (ref) =>
    (store.node(ref.poolId, ref.nodeId)?.users ?? []).map((u): NodeUserRecord => {
      const record: NodeUserRecord = { name: u.name, isAdmin: u.isAdmin, expiryTime: new Date(u.expiryTime) };
      if (u.password !== undefined) record.password = u.password;
      if (u.sshPublicKey !== undefined) record.sshPublicKey = u.sshPublicKey;
      return record;
    });
}

/** Starts the emulator on 127.0.0.1 and resolves once it answers requests. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const accountName = options.accountName ?? 'sandbox';
  if (!ACCOUNT_NAME_PATTERN.test(accountName)) throw new Error(`Account name '${accountName}' must be 3-24 lower-case letters and digits`);
  if (options.accountKey !== undefined && !isValidAccountKey(options.accountKey)) throw new Error('The account key must be base64 (at least 16 bytes)');
  const accountKey = options.accountKey ?? loadOrCreateAccountKey(dataDir);
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new Error(`The time scale must be a positive number, got ${timeScale}`);
  const log = options.log ?? ((message: string) => process.stderr.write(`[batch-emulator] ${message}\n`));

  const issuers = new TrustedIssuers(options.trustedIssuers ?? []);
  const faults = new Faults(options.faults ?? {});
  // The port must be known before the runtime and routes are built (URLs carry it); until then answer 503.
  const pipeline: { handle?: ReturnType<typeof createRequestHandler> } = {};
  const server = createServer((req, res) => {
    if (pipeline.handle) pipeline.handle(req, res);
    else res.writeHead(503, { 'Retry-After': '1' }).end();
  });
  const unlock = lockDataDir(dataDir);
  const stateFile = new StateFile(dataDir);
  const store: BatchStore = new BatchStore(() => stateFile.scheduleSave(() => store.serialize()));
  let port: number;
  try {
    const saved = stateFile.load();
    if (saved) store.load(saved);
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    unlock();
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;

  const runtimeOptions: NodeRuntimeOptions = {
    rootDir: join(dataDir, 'nodes'),
    usersOf: usersFor(store),
    baseEnv: { AZ_BATCH_ACCOUNT_NAME: accountName, AZ_BATCH_ACCOUNT_URL: endpoint },
    log,
  };
  const runtime = options.createRuntime ? options.createRuntime(runtimeOptions) : new NodeRuntime(runtimeOptions);
  const timers = new Timers(timeScale);
  const deps = { store, runtime, timers, log };
  const nodes = new NodeLifecycle(deps);
  const allocator = new PoolAllocator(deps, nodes);
  const jobs = new JobLifecycle({ store, timers, log });
  const jobNodeTasks = new JobNodeTasks({ store, runtime, log });
  const tasks = new TaskScheduler({
    store, nodes, runtime, log,
    prepare: (job, node) => jobNodeTasks.prepare(job, node),
    blocked: (job, node) => jobNodeTasks.blocked(job, node),
    allTasksComplete: (job) => {
      if (job.spec.onAllTasksComplete === 'terminatejob') jobs.terminate(job, 'AllTasksComplete');
    },
  });
  jobs.attach({ endTasks: (job, how) => tasks.endJobTasks(job, how), release: (job) => jobNodeTasks.release(job), kick: () => tasks.kick() });
  const em: Emulator = { accountName, store, nodes, allocator, jobs, tasks, runtime };
  const batch = new Router();
  addPoolRoutes(batch, em);
  addAutoScaleRoutes(batch, em);
  addAccountRoutes(batch, em);
  addNodeRoutes(batch, em);
  addUserRoutes(batch, em);
  addFileRoutes(batch, em);
  addApplicationRoutes(batch, em);
  addJobRoutes(batch, em);
  addTaskRoutes(batch, em);
  addJobTaskRoutes(batch, em);
  const account = { accountName, accountKey, issuers };
  pipeline.handle = createRequestHandler({ batch, admin: adminRouter({ em, faults, issuers }), account, faults, endpoint: () => endpoint, log });
  allocator.resume();
  jobs.resume();
  tasks.resume();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      timers.cancelAll();
      tasks.stop();
      server.close();
      server.closeAllConnections();
      stateFile.flush();
      await runtime.shutdown().catch((e: Error) => log(`Node runtime shutdown: ${e.message}`));
      stateFile.flush();
      unlock();
    })();
    return stopping;
  };
  return { endpoint, accountName, accountKey, dataDir, stop };
}
