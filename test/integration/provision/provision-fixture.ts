import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationProgress, OperationSummary } from '../../../contract/features/operations';
import type { BatchRestClient, BatchRetryOptions } from '../../../main/batch/rest/batch-rest-client';
import { EventBus } from '../../../main/events';
import { SecretRedactor, type Logger } from '../../../main/log';
import { createProvisioning, type Provisioning } from '../../../main/provision/create-provisioning';
import { listPoolNodes } from '../../../main/provision/node-user-calls';
import { OperationRegistry } from '../../../main/operations/operation-registry';
import { createBatchServices } from '../../../main/batch/batch-feature';
import { NodeActionsService } from '../../../main/batch/node-actions-service';
import { KeyFileCipher } from '../../../main/store/key-file-cipher';
import { VaultSecretStore } from '../../../main/store/vault-secret-store';
import type { BatchServiceClient } from '@azure/batch';
import { emulatorSource } from '../../helpers/emulator-source';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';

/** A Linux image the emulator's catalogue has. */
export const jammy = {
  imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' },
  nodeAgentSKUId: 'batch.node.ubuntu 22.04',
};

/** The emulator, the real SDK and the app's client against it, and the connect feature's main half built as app.ts builds it. */
export interface ProvisionFixture {
  emulator: EmulatorProcess;
  client: BatchServiceClient;
  /** The app's 2025-06-01 client for the same account. */
  rest: BatchRestClient;
  provisioning: Provisioning;
  /** The app's operation registry, as app.ts builds it. */
  operations: OperationRegistry;
  /** Node actions as app.ts wires them: through the registry, telling provisioning what they did. */
  nodeActions: NodeActionsService;
  /** The account id every request names. */
  accountId: string;
  /** Resolves with the summary once the operation ended. */
  whenDone(operationId: string): Promise<OperationSummary>;
  secrets: VaultSecretStore;
  redactor: SecretRedactor;
  /** Every operations:progress event main emitted. */
  progress: OperationProgress[];
  logLines: string[];
  dataDir: string;
  home: string;
  /** Sets the emulator's injected faults (latency, 429/503 with Retry-After) through its signed admin endpoint. */
  setFaults(faults: Record<string, unknown>): Promise<void>;
  /** Creates a Linux pool whose nodes get SSH through an inbound NAT pool, and waits until every node is idle. */
  createSshPool(id: string, nodes: number, options?: { ssh?: boolean; timeoutMs?: number }): Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts everything a provisioning test needs, on loopback only. */
export async function startProvisionFixture(options: { concurrency?: number; retry?: BatchRetryOptions; env?: Record<string, string> } = {}): Promise<ProvisionFixture> {
  const emulator = await startEmulatorProcess({ env: options.env });
  const clients = emulatorSource(emulator, 'acc-sandbox', options.retry);
  const client = clients.client;
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-provision-'));
  const home = join(dataDir, 'home');
  const redactor = new SecretRedactor();
  const logLines: string[] = [];
  const log: Logger = {
    info: (area, message) => logLines.push(redactor.redact(`info [${area}] ${message}`)),
    warn: (area, message) => logLines.push(redactor.redact(`warn [${area}] ${message}`)),
    error: (area, message, error) => logLines.push(redactor.redact(`error [${area}] ${message} ${String(error)}`)),
  };
  const events = new EventBus();
  const progress: OperationProgress[] = [];
  events.connect('test', (name, payload) => {
    if (name === 'operations:progress') progress.push(payload as OperationProgress);
  });
  const operations = new OperationRegistry({ events, log });
  const secrets = new VaultSecretStore(dataDir, new KeyFileCipher(join(dataDir, 'secrets.key')));
  const provisioning = createProvisioning({ dataDir, secretStore: secrets, redactor, operations, log, clients, home, ...(options.concurrency ? { concurrency: options.concurrency } : {}) });

  const batch = createBatchServices(clients, events);
  const nodeActions = new NodeActionsService({
    clients, nodes: batch.nodes, operations, accepted: provisioning.nodeActionAccepted,
    options: { concurrency: 8, steadyPollMs: 100, steadyTimeoutMs: 30_000 },
  });
  return {
    emulator, nodeActions, client, rest: clients.rest, provisioning, operations, secrets,
    accountId: 'acc-sandbox',
    whenDone: (operationId) => operations.whenDone(operationId), redactor, progress, logLines, dataDir, home,
    async setFaults(faults) {
      const response = await client.sendRequest({ method: 'PUT', url: `${emulator.endpoint}/_emulator/faults`, body: faults });
      if (response.status !== 200) throw new Error(`setting faults failed: ${response.status} ${response.bodyAsText}`);
    },
    async createSshPool(id, nodes, poolOptions = {}) {
      const ssh = poolOptions.ssh ?? true;
      const networkConfiguration = ssh
        ? { endpointConfiguration: { inboundNATPools: [{ name: 'ssh', protocol: 'tcp' as const, backendPort: 22, frontendPortRangeStart: 20_000, frontendPortRangeEnd: 20_000 + Math.max(99, nodes + 40) }] } }
        : undefined;
      await client.pool.add({ id, vmSize: 'standard_d2s_v3', virtualMachineConfiguration: jammy, targetDedicatedNodes: nodes, networkConfiguration });
      const deadline = Date.now() + (poolOptions.timeoutMs ?? 30_000);
      for (;;) {
        const all = await listPoolNodes(clients.rest, id);
        if (all.length === nodes && all.every((n) => n.state === 'idle')) return all.map((n) => n.id);
        if (Date.now() > deadline) throw new Error(`pool ${id}: ${all.filter((n) => n.state === 'idle').length}/${nodes} nodes idle in time`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      await operations.dispose();
      await emulator.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
