// Shared set-up of the benches that provision emulator pools: the emulator, its client, a data folder, the operation
// registry and provisioning as main wires them, and a pool with SSH whose nodes are all idle.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../main/events';
import { SecretRedactor, type Logger } from '../main/log';
import { OperationRegistry } from '../main/operations/operation-registry';
import { createProvisioning, type Provisioning } from '../main/provision/create-provisioning';
import { listPoolNodes } from '../main/provision/node-user-calls';
import { KeyFileCipher } from '../main/store/key-file-cipher';
import { VaultSecretStore } from '../main/store/vault-secret-store';
import { emulatorSource } from '../test/helpers/emulator-source';
import { startEmulatorProcess, type EmulatorProcess } from '../test/helpers/emulator-process';

/** A logger that prints only errors (a bench's table is its output). */
export const quiet: Logger = { info: () => undefined, warn: () => undefined, error: (_a, m) => console.error(m) };

/** The contract context of a trusted caller, for calling feature handlers directly. */
export const benchCtx = { trusted: true, origin: 'bench', connectionId: 'bench' };

/** What a pool bench runs on; `stop()` ends the operations and the emulator and removes the data folder. */
export interface BenchPool {
  emulator: EmulatorProcess;
  clients: ReturnType<typeof emulatorSource>;
  dataDir: string;
  /** A HOME of the bench's own (with `.ssh`), inside the data folder: `~` of exported keys, OpenSSH's known_hosts. */
  home: string;
  events: EventBus;
  operations: OperationRegistry;
  provisioning: Provisioning;
  stop(): Promise<void>;
}

/** Starts the emulator and provisioning as main wires them, in a fresh data folder named after the bench. */
export async function startBenchPool(name: string, options: { concurrency?: number } = {}): Promise<BenchPool> {
  const emulator = await startEmulatorProcess();
  const clients = emulatorSource(emulator, 'bench');
  const dataDir = mkdtempSync(join(tmpdir(), `bd-bench-${name}-`));
  const home = join(dataDir, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const events = new EventBus();
  const operations = new OperationRegistry({ events, log: quiet });
  const secretStore = new VaultSecretStore(dataDir, new KeyFileCipher(join(dataDir, 'secrets.key')));
  const provisioning = createProvisioning({ dataDir, secretStore, redactor: new SecretRedactor(), operations, log: quiet, clients, home, ...options });
  return {
    emulator,
    clients,
    dataDir,
    home,
    events,
    operations,
    provisioning,
    async stop() {
      await operations.dispose();
      await emulator.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const jammy = { imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' };

/** Adds a Linux pool with an SSH NAT pool (frontend ports from 20,000) and waits until its `nodeCount` nodes are idle. */
export async function addIdleSshPool(rig: BenchPool, poolId: string, nodeCount: number): Promise<void> {
  await rig.clients.client.pool.add({
    id: poolId, vmSize: 'standard_d2s_v3', virtualMachineConfiguration: jammy, targetDedicatedNodes: nodeCount,
    networkConfiguration: { endpointConfiguration: { inboundNATPools: [{ name: 'ssh', protocol: 'tcp', backendPort: 22, frontendPortRangeStart: 20_000, frontendPortRangeEnd: 20_000 + nodeCount + 40 }] } },
  });
  for (;;) {
    const nodes = await listPoolNodes(rig.clients.rest, poolId);
    if (nodes.length === nodeCount && nodes.every((n) => n.state === 'idle')) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Runs a bench's `main`, printing what it threw and exiting 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
