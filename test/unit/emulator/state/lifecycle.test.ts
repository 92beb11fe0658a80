import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchServiceClient, BatchSharedKeyCredentials, type BatchServiceModels } from '@azure/batch';
import { startEmulator, type RunningEmulator } from '../../../../emulator/server';
import { InMemoryRuntime } from '../in-memory-runtime';
import { rawRequest } from '../../../integration/emulator/api/raw-request';

const JAMMY = { imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' };
let runtime: InMemoryRuntime;
let emulator: RunningEmulator;
let client: BatchServiceClient;
let dataDir: string;

beforeEach(async () => {
  runtime = new InMemoryRuntime();
  dataDir = mkdtempSync(join(tmpdir(), 'emulator-lifecycle-'));
  emulator = await startEmulator({ dataDir, timeScale: 0.002, createRuntime: () => runtime, log: () => {} });
  client = new BatchServiceClient(new BatchSharedKeyCredentials(emulator.accountName, emulator.accountKey), emulator.endpoint, { noRetryPolicy: true });
});
afterEach(async () => {
  await emulator.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not met');
}

async function onlyNode(poolId: string, state: string): Promise<BatchServiceModels.ComputeNode> {
  return until(async () => {
    const node = (await client.computeNode.list(poolId))[0];
    return node?.state === state ? node : undefined;
  });
}

function pool(id: string, extra: Partial<BatchServiceModels.PoolAddParameter> = {}): BatchServiceModels.PoolAddParameter {
  return { id, vmSize: 'standard_d2s_v3', virtualMachineConfiguration: JAMMY, targetDedicatedNodes: 1, ...extra };
}

describe('node lifecycle', () => {
  it('goes creating → starting → waitingforstarttask → idle while the start task runs', async () => {
    runtime.exitCode = undefined;
    await client.pool.add(pool('p', { startTask: { commandLine: 'sleep 1' } }));
    expect((await client.computeNode.list('p'))[0]?.state).toBe('creating');
    const waiting = await onlyNode('p', 'waitingforstarttask');
    expect(waiting.startTaskInfo?.state).toBe('running');
    runtime.finish(waiting.id as string, 0);
    const idle = await onlyNode('p', 'idle');
    expect(idle.startTaskInfo).toMatchObject({ state: 'completed', exitCode: 0, result: 'success' });
  });

  it('marks a node starttaskfailed with failure info when its start task exits non-zero', async () => {
    runtime.exitCode = 3;
    await client.pool.add(pool('p', { startTask: { commandLine: 'exit 3', waitForSuccess: true } }));
    const node = await onlyNode('p', 'starttaskfailed');
    expect(node.startTaskInfo).toMatchObject({ exitCode: 3, result: 'failure', failureInfo: { category: 'usererror', code: 'FailureExitCode' } });
  });

  it('makes a node idle at once when the start task does not wait for success', async () => {
    runtime.exitCode = undefined;
    await client.pool.add(pool('p', { startTask: { commandLine: 'sleep 100', waitForSuccess: false } }));
    const node = await onlyNode('p', 'idle');
    expect(node.startTaskInfo?.state).toBe('running');
  });

  it('reports the port SSH really listens on when the requested one was taken', async () => {
    runtime.portMap.set(16000, 46123);
    await client.pool.add(pool('p', { networkConfiguration: { endpointConfiguration: { inboundNATPools: [{ name: 'ssh', protocol: 'tcp', backendPort: 22, frontendPortRangeStart: 16000, frontendPortRangeEnd: 16099 }] } } }));
    const node = await until(async () => {
      const n = (await client.computeNode.list('p'))[0];
      return n?.endpointConfiguration?.inboundEndpoints[0]?.frontendPort === 46123 ? n : undefined;
    });
    expect((await client.computeNode.getRemoteLoginSettings('p', node.id as string)).remoteLoginPort).toBe(46123);
  });

  it('ends a user sessions when the user is updated or deleted', async () => {
    await client.pool.add(pool('p'));
    const node = await onlyNode('p', 'idle');
    await client.computeNode.addUser('p', node.id as string, { name: 'ann', password: 'pw-0123456' });
    await client.computeNode.updateUser('p', node.id as string, 'ann', { password: 'pw-6543210' });
    await client.computeNode.deleteUser('p', node.id as string, 'ann');
    expect(runtime.count('endUserSessions', node.id as string)).toBe(2);
  });

  it('reboots by stopping the node and running the start task again; reimage wipes it first', async () => {
    await client.pool.add(pool('p', { startTask: { commandLine: 'true' } }));
    const node = await onlyNode('p', 'idle');
    const id = node.id as string;
    await client.computeNode.reboot('p', id);
    await onlyNode('p', 'idle');
    expect(runtime.count('stopNode', id)).toBe(1);
    expect(runtime.count('runStartTask', id)).toBe(2);
    await client.computeNode.reimage('p', id);
    await onlyNode('p', 'idle');
    expect(runtime.count('wipeNode', id)).toBe(1);
    expect(runtime.count('runStartTask', id)).toBe(3);
  });

  it('removes every node of a deleted pool from the runtime', async () => {
    await client.pool.add(pool('p', { targetDedicatedNodes: 2 }));
    const ids = await until(async () => {
      const nodes = await client.computeNode.list('p');
      return nodes.length === 2 && nodes.every((n) => n.state === 'idle') ? nodes.map((n) => n.id as string) : undefined;
    });
    await client.pool.deleteMethod('p');
    await until(async () => ((await client.pool.exists('p')).body === false ? true : undefined));
    for (const id of ids) expect(runtime.count('removeNode', id)).toBe(1);
  });

  it('shrinks a pool through leavingpool and gives up the newest nodes', async () => {
    await client.pool.add(pool('p', { targetDedicatedNodes: 3 }));
    await until(async () => ((await client.pool.get('p')).allocationState === 'steady' ? true : undefined));
    await client.pool.resize('p', { targetDedicatedNodes: 1 });
    const left = await until(async () => {
      const nodes = await client.computeNode.list('p');
      return nodes.length === 1 ? nodes : undefined;
    });
    expect(left).toHaveLength(1);
    expect((await until(async () => {
      const p = await client.pool.get('p');
      return p.allocationState === 'steady' ? p : undefined;
    })).currentDedicatedNodes).toBe(1);
  });

  it('closes an SSH server that finished opening after its node was deallocated', async () => {
    let open = (): void => undefined;
    runtime.sshGate = new Promise((resolve) => (open = resolve));
    const nat = { name: 'ssh', protocol: 'tcp' as const, backendPort: 22, frontendPortRangeStart: 40000, frontendPortRangeEnd: 40099 };
    await client.pool.add(pool('p', { networkConfiguration: { endpointConfiguration: { inboundNATPools: [nat] } } }));
    const node = await onlyNode('p', 'idle');
    await until(async () => (runtime.count('openSsh', node.id as string) > 0 ? true : undefined));
    const path = `/pools/p/nodes/${node.id as string}/deallocate?api-version=2025-06-01`;
    expect((await rawRequest(emulator, 'POST', path)).status).toBe(202);
    open();
    await onlyNode('p', 'deallocated');
    await until(async () => (runtime.sshPort({ poolId: 'p', nodeId: node.id as string }) === undefined ? true : undefined));
    expect(runtime.count('stopNode', node.id as string)).toBeGreaterThanOrEqual(2);
  });
});
