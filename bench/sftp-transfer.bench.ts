// SFTP throughput of Batch Deck's transfers against OpenSSH's `sftp` and `scp` to the same emulator node in one run,
// and the main process's memory (RSS, sampled every 50 ms) while Batch Deck moves the file.
// Run: `npm run bench sftp` (or `node --import tsx --expose-gc bench/sftp-transfer.bench.ts [MiB]`, default 1024).
// Batch Deck runs here in-process exactly as main builds it (files feature over the shared SSH connection pool), so this
// process's RSS is main's. "browser chunks" is the web host's upload path minus the socket: 1 MiB base64 chunks, each
// awaited. OpenSSH runs with the managed key from a temp HOME (no known_hosts, no config of the machine's user).
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionAll } from '../test/integration/fleet/fleet-fixture';
import { call, filesRig, nodeDir } from '../test/integration/files/files-fixture';
import { startProvisionFixture } from '../test/integration/provision/provision-fixture';

const mib = Number(process.argv[2] ?? 1024);
const size = mib * 1024 * 1024;
const user = 'bench';

/** Writes `size` random bytes without holding them: 16 MiB at a time. */
async function writeRandom(path: string): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  for (let done = 0; done < size; done += 16 * 1024 * 1024) {
    const piece = randomBytes(Math.min(16 * 1024 * 1024, size - done));
    hash.update(piece);
    if (!out.write(piece)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
  return hash.digest('hex');
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Runs `work` while sampling this process's RSS; returns seconds and the peak RSS above the start. */
async function measured(work: () => Promise<void>): Promise<{ seconds: number; rssStartMb: number; rssPeakMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return { seconds: (performance.now() - t0) / 1000, rssStartMb: start / 1048576, rssPeakMb: peak / 1048576 };
}

function timedCommand(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${command} exited ${result.status ?? result.signal}: ${result.stderr.toString().trim()}`);
  return (performance.now() - t0) / 1000;
}

/** Runs a measurement and its check, then reports it; a failure of either becomes one row saying so instead of ending the run. */
async function attempt(run: () => number, after: (() => Promise<void>) | undefined, report: (seconds: number) => void, failed: (message: string) => void): Promise<void> {
  try {
    const seconds = run();
    await after?.();
    report(seconds);
  } catch (error) {
    failed((error as Error).message.split('\n').filter(Boolean).slice(0, 2).join(' ').replace(/\|/g, '/'));
  }
}

async function main(): Promise<void> {
  const fx = await startProvisionFixture();
  const [nodeId] = (await fx.createSshPool('bench', 1)) as [string];
  await provisionAll(fx, 'bench', user);
  const rig = filesRig(fx);
  const scope = { accountId: fx.accountId, poolId: 'bench', nodeId, user };
  const work = mkdtempSync(join(tmpdir(), 'bd-bench-sftp-'));
  const home = join(work, 'home');
  const rows: string[] = [];
  const row = (tool: string, direction: string, seconds: number, memory = '—') =>
    rows.push(`| ${tool} | ${direction} | ${seconds.toFixed(1)} s | ${(mib / seconds).toFixed(0)} MiB/s | ${memory} |`);
  const onNode = (name: string) => join(nodeDir(fx, 'bench', nodeId), 'home', user, name);
  try {
    const local = join(work, 'payload.bin');
    const expected = await writeRandom(local);
    const check = async (path: string) => {
      if ((await sha256(path)) !== expected) throw new Error(`${path}: sha256 differs`);
      rmSync(path);
    };
    const wait = async (started: { operationId: string } | Promise<{ operationId: string }>) => {
      const summary = await fx.whenDone((await started).operationId);
      if (summary.counts.succeeded !== summary.total) throw new Error(`transfer: ${JSON.stringify(fx.operations.get(summary.operationId).items)}`);
    };
    // Warm the shared connection (and trust the host key) outside the timings.
    await call(rig, 'sftp:list', { ...scope, path: '.' });

    let m = await measured(() => wait(call(rig, 'sftp:upload-local', { ...scope, localPaths: [local], remoteDir: `/home/${user}`, overwrite: false })));
    row('Batch Deck', 'upload', m.seconds, `${m.rssStartMb.toFixed(0)} → peak ${m.rssPeakMb.toFixed(0)} MB`);
    m = await measured(() => wait(call(rig, 'sftp:download', { ...scope, remotePaths: [`/home/${user}/payload.bin`], localDir: join(work, 'down'), overwrite: false })));
    row('Batch Deck', 'download', m.seconds, `${m.rssStartMb.toFixed(0)} → peak ${m.rssPeakMb.toFixed(0)} MB`);
    await check(join(work, 'down', 'payload.bin'));
    rmSync(onNode('payload.bin'));

    m = await measured(async () => {
      const started = await call(rig, 'sftp:upload-start', { ...scope, remoteDir: `/home/${user}`, files: [{ path: 'payload.bin', size }], overwrite: false });
      let offset = 0;
      for await (const chunk of createReadStream(local, { highWaterMark: 1024 * 1024 })) {
        await call(rig, 'sftp:upload-chunk', { operationId: started.operationId, path: 'payload.bin', offset, data: (chunk as Buffer).toString('base64') });
        offset += (chunk as Buffer).length;
      }
      await fx.whenDone(started.operationId);
    });
    row('Batch Deck (browser chunks)', 'upload', m.seconds, `${m.rssStartMb.toFixed(0)} → peak ${m.rssPeakMb.toFixed(0)} MB`);
    await check(onNode('payload.bin'));

    // OpenSSH with the managed key the app provisioned, from a temp HOME.
    const target = await fx.provisioning.resolver.resolve({ accountId: fx.accountId, poolId: 'bench', nodeId, userName: user });
    if (target.auth.kind !== 'privateKey') throw new Error('expected the managed key');
    const keyFile = join(work, 'id');
    writeFileSync(keyFile, target.auth.privateKey, { mode: 0o600 });
    const env = { ...process.env, HOME: home };
    const common = ['-i', keyFile, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR'];
    const batch = (lines: string) => {
      const file = join(work, 'batch.txt');
      writeFileSync(file, lines);
      return ['-P', String(target.port), ...common, '-b', file, `${user}@${target.host}`];
    };
    row('OpenSSH sftp', 'upload', timedCommand('sftp', batch(`put ${local} /home/${user}/payload.bin\n`), env));
    row('OpenSSH sftp', 'download', timedCommand('sftp', batch(`get /home/${user}/payload.bin ${join(work, 'sftp.bin')}\n`), env));
    await check(join(work, 'sftp.bin'));
    rmSync(onNode('payload.bin'));
    // scp speaks SFTP since OpenSSH 9.0 (-O would be the old protocol, which the emulator's SSH server does not serve).
    // scp (SFTP protocol since OpenSSH 9.0): each direction reported, a refusal by the emulator's SFTP included.
    await wait(call(rig, 'sftp:upload-local', { ...scope, localPaths: [local], remoteDir: `/home/${user}`, overwrite: false }));
    const scp = (direction: string, args: string[], after?: () => Promise<void>) =>
      attempt(() => timedCommand('scp', ['-P', String(target.port), ...common, ...args], env), after, (seconds) => row('OpenSSH scp', direction, seconds), (message) =>
        rows.push(`| OpenSSH scp | ${direction} | failed: ${message} | — | — |`),
      );
    await scp('download', [`${user}@${target.host}:/home/${user}/payload.bin`, join(work, 'scp.bin')], () => check(join(work, 'scp.bin')));
    await scp('upload', [local, `${user}@${target.host}:/home/${user}/scp-up.bin`]);
    if (statSync(local).size !== size) throw new Error('payload changed');
  } finally {
    await rig.dispose();
    await fx.stop();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`SFTP transfer of ${mib} MiB (random bytes, sha256 checked) to one emulator node over loopback`);
  console.log(`${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the end; Node ${process.version}\n`);
  console.log('| Tool | Direction | Time | Throughput | Main RSS (start → peak) |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
