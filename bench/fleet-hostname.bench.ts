// `hostname` on every node of a 1,000-node emulator pool as a fleet command: time until every node answered and the
// process's memory (RSS sampled every 50 ms), first with every host key new (accept-new writes 1,000 keys to the trust
// store) and again with the keys known; then the same nodes in the same run through a sequential OpenSSH loop
// (`ssh -i key -p PORT user@127.0.0.1 hostname`, temp HOME, BatchMode, StrictHostKeyChecking=no), as operators do today.
// Run: `npm run bench fleet` (or `node --import tsx bench/fleet-hostname.bench.ts [nodes] [concurrency] [--no-openssh]`).
import { execFile } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FleetResult } from '../contract/features/fleet';
import { createBatchServices } from '../main/batch/batch-feature';
import { createFleet } from '../main/fleet/create-fleet';
import { SshConnectionPool } from '../main/ssh/connection-pool';
import { HostKeyPrompts } from '../main/ssh/host-key-prompts';
import { HostKeyTrust } from '../main/ssh/host-key-trust';
import { KnownHostsFile } from '../main/ssh/known-hosts-file';
import { addIdleSshPool, benchCtx, quiet, runBench, startBenchPool } from './bench-pool';

const run = promisify(execFile);
const nodeCount = Number(process.argv[2] ?? 1000);
const concurrency = process.argv[3] && !process.argv[3].startsWith('--') ? Number(process.argv[3]) : 32;
const runOpenSsh = !process.argv.includes('--no-openssh');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Samples this process's RSS every 50 ms while `work` runs: the peak and the value before. */
async function withRss<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; before: number; peak: number }> {
  global.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const start = performance.now();
  try {
    const value = await work();
    return { value, ms: performance.now() - start, before, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const rig = await startBenchPool('fleet');
  const { clients, dataDir, home, events, operations, provisioning } = rig;
  let progressEvents = 0;
  events.connect('bench', (name) => void (name === 'operations:progress' && progressEvents++));
  const ctx = benchCtx;
  const trust = new HostKeyTrust(dataDir, new KnownHostsFile(join(home, '.ssh', 'known_hosts')));
  const prompts = new HostKeyPrompts();
  const connections = new SshConnectionPool({ resolver: provisioning.resolver, trust, prompts, log: quiet });
  const batch = createBatchServices(clients, events);
  const fleet = createFleet({ dataDir, clients, nodes: batch.nodes, users: provisioning.registry, operations, connections, prompts, log: quiet });
  try {
    await addIdleSshPool(rig, 'fleet', nodeCount);
    const applied = await provisioning.handlers['provision:apply']({ accountId: 'bench', poolId: 'fleet', nodes: 'all', userName: 'fleet', auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false }, ctx);
    await operations.whenDone(applied.operationId);

    const hostname = async (): Promise<FleetResult> => {
      const { operationId } = await fleet.service.run({ accountId: 'bench', poolId: 'fleet', command: 'hostname', target: { all: true }, concurrency, timeoutSeconds: 60, acceptNewHostKeys: true });
      await operations.whenDone(operationId);
      return fleet.service.result(operationId);
    };
    const eventsBefore = progressEvents;
    const cold = await withRss(hostname);
    const coldEvents = progressEvents - eventsBefore;
    const warm = await withRss(hostname);

    // The loop operators write today, on the same nodes: one OpenSSH client after the other.
    let openSshMs = Number.NaN;
    let agree = Number.NaN;
    if (runOpenSsh) {
      const { path: keyPath } = await provisioning.handlers['keys:export-private']({ accountId: 'bench', path: '~/.ssh/bench_ed25519', overwrite: true }, ctx);
      const table = await provisioning.handlers['remote-login:list']({ accountId: 'bench', poolId: 'fleet', refresh: false }, ctx);
      const options = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'IdentitiesOnly=yes', '-o', 'LogLevel=ERROR'];
      const answers = new Map<string, string>();
      const start = performance.now();
      for (const row of table.rows) {
        const { stdout } = await run('ssh', ['-i', keyPath, '-p', String(row.port), ...options, `fleet@${row.ipAddress}`, 'hostname'], { env: { ...process.env, HOME: home }, timeout: 60_000 });
        answers.set(row.nodeId, stdout);
      }
      openSshMs = performance.now() - start;
      const groupOf = new Map(warm.value.groups.flatMap((g) => g.nodeIds.map((id) => [id, g.kind === 'answer' ? g.stdout : ''] as const)));
      agree = [...answers].filter(([id, out]) => groupOf.get(id) === out).length;
    }

    const answered = (r: FleetResult) => r.groups.filter((g) => g.kind === 'answer').reduce((n, g) => n + g.count, 0);
    console.log(`\n${nodeCount} emulator nodes (each its own ssh2 server in the emulator process), concurrency ${concurrency}, ${cpus().length} CPU cores, Node ${process.versions.node}`);
    console.log(`load average before/after: ${loadavg().map((l) => l.toFixed(1)).join(' / ')}\n`);
    console.log('| run | all answers in | answered | groups | progress events | RSS before | RSS peak |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(`| fleet, host keys new (accept-new) | ${seconds(cold.ms)} | ${answered(cold.value)} / ${nodeCount} | ${cold.value.groups.length} | ${coldEvents} | ${mb(cold.before)} | ${mb(cold.peak)} |`);
    console.log(`| fleet, host keys known | ${seconds(warm.ms)} | ${answered(warm.value)} / ${nodeCount} | ${warm.value.groups.length} | | ${mb(warm.before)} | ${mb(warm.peak)} |`);
    if (runOpenSsh) console.log(`| sequential OpenSSH loop | ${seconds(openSshMs)} | ${agree} / ${nodeCount} same answer as the fleet | | | | |`);
    if (runOpenSsh) console.log(`\nspeed-up over the loop: ${(openSshMs / cold.ms).toFixed(1)}× (keys new), ${(openSshMs / warm.ms).toFixed(1)}× (keys known)`);
  } finally {
    await connections.dispose();
    await rig.stop();
  }
}

runBench(main);
