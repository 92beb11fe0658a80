import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ssh2';
import { startEmulatorProcess, type EmulatorProcess } from '../../../helpers/emulator-process';
import { eventually, failureOf, JAMMY, sdkClient } from './sdk-client';

const running: EmulatorProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

async function start(dataDir?: string): Promise<EmulatorProcess> {
  const emulator = await startEmulatorProcess(dataDir ? { dataDir } : {});
  running.push(emulator);
  return emulator;
}

function sshExec(port: number, username: string, password: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const conn = new Client();
    conn
      .on('ready', () => {
        conn.exec(command, (error, stream) => {
          if (error) return reject(error);
          let out = '';
          stream.on('data', (d: Buffer) => (out += d.toString())).on('close', () => {
            conn.end();
            resolve(out);
          });
        });
      })
      .on('error', reject)
      .connect({ host: '127.0.0.1', port, username, password, readyTimeout: 10_000 });
  });
}

describe('scale', () => {
  it('lists all 10,000 nodes of a pool through the SDK paging, counts them cheaply, and opens SSH on first use', async () => {
    const emulator = await start();
    const client = sdkClient(emulator);
    const start0 = 20000 + Math.floor(Math.random() * 10) * 1000;
    await client.pool.add({
      id: 'big', vmSize: 'standard_d2s_v3', virtualMachineConfiguration: JAMMY, targetDedicatedNodes: 10_000,
      networkConfiguration: { endpointConfiguration: { inboundNATPools: [{ name: 'ssh', protocol: 'tcp', backendPort: 22, frontendPortRangeStart: start0, frontendPortRangeEnd: start0 + 14_999 }] } },
    });
    const nodes = await client.computeNode.list('big');
    const ids = nodes.map((n) => n.id as string);
    let link = nodes.odatanextLink;
    while (link) {
      const page = await client.computeNode.listNext(link);
      ids.push(...page.map((n) => n.id as string));
      link = page.odatanextLink;
    }
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
    const counts = await client.account.listPoolNodeCounts();
    expect(counts[0]?.dedicated?.total).toBe(10_000);

    const nodeId = await eventually(async () => {
      const idle = await client.computeNode.list('big', { computeNodeListOptions: { filter: "state eq 'idle'", maxResults: 1 } });
      return idle[0]?.id;
    });
    await client.computeNode.addUser('big', nodeId, { name: 'operator', password: 'Pa55word-long' });
    const settings = await client.computeNode.getRemoteLoginSettings('big', nodeId);
    expect(await sshExec(settings.remoteLoginPort, 'operator', 'Pa55word-long', 'echo $AZ_BATCH_NODE_ID')).toContain(nodeId);
  }, 120_000);
});

describe('restart', () => {
  it('keeps pools, nodes, users, node files and the account key across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'batch-emulator-restart-'));
    try {
      const first = await start(dataDir);
      const client = sdkClient(first);
      await client.pool.add({ id: 'keep', vmSize: 'standard_d2s_v3', virtualMachineConfiguration: JAMMY, targetDedicatedNodes: 1, metadata: [{ name: 'a', value: 'b' }], startTask: { commandLine: 'echo persisted' } });
      const nodeId = await eventually(async () => {
        const node = (await client.computeNode.list('keep'))[0];
        return node?.state === 'idle' ? (node.id as string) : undefined;
      });
      await client.computeNode.addUser('keep', nodeId, { name: 'stays', password: 'pw-0123456' });
      const before = await client.pool.get('keep');
      await first.stop();
      running.length = 0;

      const second = await start(dataDir);
      expect(second.accountKey).toBe(first.accountKey);
      const again = sdkClient(second);
      const after = await again.pool.get('keep');
      expect(after).toMatchObject({ id: 'keep', eTag: before.eTag, metadata: [{ name: 'a', value: 'b' }], currentDedicatedNodes: 1 });
      const node = await again.computeNode.get('keep', nodeId);
      expect(node.state).toBe('idle');
      expect((await failureOf(() => again.computeNode.addUser('keep', nodeId, { name: 'stays', password: 'x-0123456' }))).code).toBe('NodeUserExists');
      const out = await again.file.getFromComputeNode('keep', nodeId, 'startup/stdout.txt');
      expect(await new Response(out.readableStreamBody as unknown as ReadableStream).text()).toBe('persisted\n');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
