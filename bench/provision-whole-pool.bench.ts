// Whole-pool provisioning against the seed's sequential loop, on the same emulator pool in one run.
// Run: `npm run bench provision` (or `node --import tsx bench/provision-whole-pool.bench.ts [nodes] [latencies…]`).
// Seed loop: for each node, addUser then getRemoteLoginSettings, one node after the other.
// Batch Deck: provision:apply on every node (up to 64 in flight, halved when Batch throttles) and then the remote-login
// table (one paged node list: each node's inbound endpoint for port 22), i.e. the same information the seed printed:
// each node's user created plus its IP and port.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../main/events';
import { SecretRedactor, type Logger } from '../main/log';
import { runBounded } from '../main/operations/bounded-pool';
import { OperationRegistry } from '../main/operations/operation-registry';
import { createProvisioning } from '../main/provision/create-provisioning';
import { listPoolNodes } from '../main/provision/node-user-calls';
import { KeyFileCipher } from '../main/store/key-file-cipher';
import { VaultSecretStore } from '../main/store/vault-secret-store';
import type { BatchRestClient } from '../main/batch/rest/batch-rest-client';
import { emulatorSource } from '../test/helpers/emulator-source';
import { startEmulatorProcess } from '../test/helpers/emulator-process';

const nodeCount = Number(process.argv[2] ?? 300);
const latencies = (process.argv.length > 3 ? process.argv.slice(3) : ['0', '50']).map(Number);
const jammy = { imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' };
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: (_a, m) => console.error(m) };

async function main(): Promise<void> {
  const emulator = await startEmulatorProcess();
  const clients = emulatorSource(emulator, 'bench');
  const client = clients.client;
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-bench-provision-'));
  const events = new EventBus();
  let progressEvents = 0;
  events.connect('bench', () => progressEvents++);
  const redactor = new SecretRedactor();
  const operations = new OperationRegistry({ events, log: quiet });
  const secretStore = new VaultSecretStore(dataDir, new KeyFileCipher(join(dataDir, 'secrets.key')));
  const provisioning = createProvisioning({ dataDir, secretStore, redactor, operations, log: quiet, clients });
  const setFaults = (faults: object) => client.sendRequest({ method: 'PUT', url: `${emulator.endpoint}/_emulator/faults`, body: faults });
  const ctx = { trusted: true, origin: 'bench', connectionId: 'bench' };
  const rows: string[] = [];
  try {
    const portEnd = 20_000 + Math.max(99, nodeCount + 40);
    await client.pool.add({
      id: 'bench', vmSize: 'standard_d2s_v3', virtualMachineConfiguration: jammy, targetDedicatedNodes: nodeCount,
      networkConfiguration: { endpointConfiguration: { inboundNATPools: [{ name: 'ssh', protocol: 'tcp', backendPort: 22, frontendPortRangeStart: 20_000, frontendPortRangeEnd: portEnd }] } },
    });
    const nodeIds = await waitIdle(clients.rest, 'bench', nodeCount);
    // Azure nodes boot with sshd running; the emulator opens a big pool's SSH servers only when first asked. Open them
    // before timing, so the seed loop (which runs first) does not pay the emulator's setup for both sides.
    await runBounded(nodeIds, 16, async (nodeId) => void (await clients.rest.nodes.getRemoteLoginSettings('bench', nodeId)));
    const { publicKey } = await provisioning.handlers['keys:managed-public']({ accountId: clients.account.id }, ctx);
    let round = 0;
    for (const latencyMs of latencies) {
      await setFaults(latencyMs ? { latencyMs } : {});
      // Seed: one node after the other, add the user, then read its login settings.
      const seedUser = `seed${round}`;
      const seedStart = performance.now();
      for (const nodeId of nodeIds) {
        await client.computeNode.addUser('bench', nodeId, { name: seedUser, isAdmin: false, sshPublicKey: publicKey });
        await client.computeNode.getRemoteLoginSettings('bench', nodeId);
      }
      const seedMs = performance.now() - seedStart;

      const deckUser = `deck${round}`;
      progressEvents = 0;
      const deckStart = performance.now();
      const { operationId } = await provisioning.handlers['provision:apply']({ accountId: clients.account.id, poolId: 'bench', nodes: 'all', userName: deckUser, auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false }, ctx);
      const summary = await operations.whenDone(operationId);
      const applyMs = performance.now() - deckStart;
      const table = await provisioning.handlers['remote-login:list']({ accountId: clients.account.id, poolId: 'bench', refresh: true }, ctx);
      const deckMs = performance.now() - deckStart;
      if ((summary.outcomes.created ?? 0) !== nodeCount || table.rows.some((r) => r.port === undefined)) throw new Error(`incomplete: ${JSON.stringify(summary.counts)}`);
      rows.push(`| ${nodeCount} | ${latencyMs} ms | ${(seedMs / 1000).toFixed(1)} s | ${(applyMs / 1000).toFixed(1)} s | ${(deckMs / 1000).toFixed(1)} s | ${(seedMs / deckMs).toFixed(1)}× | ${progressEvents} |`);
      round++;
    }
  } finally {
    await operations.dispose();
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nWhole-pool provisioning, emulator on 127.0.0.1, ${cpus().length} CPU cores, Node ${process.versions.node}, load average ${loadavg()[0]?.toFixed(1)}\n`);
  console.log('| nodes | injected latency | seed loop (add user + login settings, sequential) | Batch Deck apply | Batch Deck apply + table | speed-up | progress events |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

async function waitIdle(client: BatchRestClient, poolId: string, count: number): Promise<string[]> {
  for (;;) {
    const nodes = await listPoolNodes(client, poolId);
    if (nodes.length === count && nodes.every((n) => n.state === 'idle')) return nodes.map((n) => n.id);
    await new Promise((r) => setTimeout(r, 250));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
