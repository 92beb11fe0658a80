// Provisioning 1,000 emulator nodes through 50 ms of injected latency, with progress: how long it takes, how many
// progress events the renderer gets and how evenly they come, how long the remote-login table takes after it, and the
// seed's sequential loop (addUser then getRemoteLoginSettings, node after node) on the same pool in the same run.
// Run: `npm run bench thousand` (or `node --import tsx bench/provision-thousand-nodes.bench.ts [nodes] [latencyMs]
// [concurrency] [--no-seed]`).
import { cpus, loadavg } from 'node:os';
import type { OperationProgress } from '../contract/features/operations';
import { runBounded } from '../main/operations/bounded-pool';
import { listPoolNodes } from '../main/provision/node-user-calls';
import { addIdleSshPool, benchCtx, runBench, startBenchPool } from './bench-pool';

const nodeCount = Number(process.argv[2] ?? 1000);
const latencyMs = Number(process.argv[3] ?? 50);
const concurrency = process.argv[4] && !process.argv[4].startsWith('--') ? Number(process.argv[4]) : undefined;
const runSeed = !process.argv.includes('--no-seed');

async function main(): Promise<void> {
  const rig = await startBenchPool('thousand', concurrency ? { concurrency } : {});
  const { emulator, clients, events, operations, provisioning } = rig;
  const client = clients.client;
  const received: { at: number; progress: OperationProgress }[] = [];
  events.connect('bench', (_name, payload) => received.push({ at: performance.now(), progress: payload as OperationProgress }));
  const ctx = benchCtx;
  try {
    const poolStart = performance.now();
    await addIdleSshPool(rig, 'thousand', nodeCount);
    const poolMs = performance.now() - poolStart;
    // Azure nodes boot with sshd running; the emulator opens a big pool's SSH servers (folders, host key, listener) only
    // when first asked. Open them all before timing, so neither side pays the emulator's setup on our two cores.
    const listed = await listPoolNodes(clients.rest, 'thousand');
    await runBounded(listed, 16, async (node) => void (await clients.rest.nodes.getRemoteLoginSettings('thousand', node.id)));
    await client.sendRequest({ method: 'PUT', url: `${emulator.endpoint}/_emulator/faults`, body: latencyMs ? { latencyMs } : {} });

    const start = performance.now();
    const { operationId } = await provisioning.handlers['provision:apply']({ accountId: clients.account.id, poolId: 'thousand', nodes: 'all', userName: 'fleet', auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false }, ctx);
    const summary = await operations.whenDone(operationId);
    const applyMs = performance.now() - start;
    const tableStart = performance.now();
    const table = await provisioning.handlers['remote-login:list']({ accountId: clients.account.id, poolId: 'thousand', refresh: false }, ctx);
    const tableMs = performance.now() - tableStart;

    // The seed's loop, on the same nodes through the same latency: another user, one node after the other.
    let seedMs = Number.NaN;
    if (runSeed) {
      const { publicKey } = await provisioning.handlers['keys:managed-public']({ accountId: clients.account.id }, ctx);
      const seedStart = performance.now();
      for (const row of table.rows) {
        await client.computeNode.addUser('thousand', row.nodeId, { name: 'seed', isAdmin: false, sshPublicKey: publicKey });
        await client.computeNode.getRemoteLoginSettings('thousand', row.nodeId);
      }
      seedMs = performance.now() - seedStart;
    }

    const mine = received.filter((r) => r.progress.operationId === operationId);
    const gaps = mine.slice(1).map((r, i) => r.at - (mine[i] as { at: number }).at);
    const firstMs = (mine[0]?.at ?? start) - start;
    const withAddress = table.rows.filter((r) => r.port !== undefined).length;
    console.log(`\n${nodeCount} emulator nodes, ${latencyMs} ms injected latency per request, ${cpus().length} CPU cores, Node ${process.versions.node}\n`);
    const deckMs = applyMs + tableMs;
    console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')}, provisioning concurrency ${concurrency ?? 'default (adaptive, up to 64)'}\n`);
    console.log('| nodes | latency | allocate pool | provision | created / failed | progress events | first event after | longest gap | table | rows with IP and port | add user + table | seed loop | speed-up |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    console.log(
      `| ${nodeCount} | ${latencyMs} ms | ${(poolMs / 1000).toFixed(1)} s | ${(applyMs / 1000).toFixed(2)} s | ${(summary.outcomes.created ?? 0)} / ${summary.counts.failed} | ${mine.length} | ${firstMs.toFixed(0)} ms | ${Math.max(0, ...gaps).toFixed(0)} ms | ${(tableMs / 1000).toFixed(2)} s | ${withAddress} | ${(deckMs / 1000).toFixed(2)} s | ${runSeed ? `${(seedMs / 1000).toFixed(1)} s` : 'not run'} | ${runSeed ? `${(seedMs / deckMs).toFixed(1)}×` : '–'} |`,
    );
    if ((summary.outcomes.created ?? 0) !== nodeCount || withAddress !== nodeCount) process.exitCode = 1;
  } finally {
    await rig.stop();
  }
}

runBench(main);
