import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchServiceClient } from '@azure/batch';
import { startEmulatorProcess, type EmulatorProcess } from '../../../helpers/emulator-process';
import { rawRequest } from './raw-request';
import { eventually, failureOf, JAMMY, sdkClient, sshNatPool } from './sdk-client';

let emulator: EmulatorProcess;
let client: BatchServiceClient;
let nodeIds: string[];
const SSH_START = 21000 + Math.floor(Math.random() * 200) * 100;

async function idleNodes(poolId: string, count: number) {
  return eventually(async () => {
    const nodes = await client.computeNode.list(poolId);
    return nodes.length === count && nodes.every((n) => n.state === 'idle') ? nodes : undefined;
  });
}

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  client = sdkClient(emulator);
  await client.pool.add({
    id: 'ssh', vmSize: 'standard_d2s_v3', virtualMachineConfiguration: JAMMY, targetDedicatedNodes: 2,
    startTask: { commandLine: 'printenv AZ_BATCH_NODE_STARTUP_DIR', waitForSuccess: true },
    networkConfiguration: sshNatPool(SSH_START),
  });
  await client.pool.add({ id: 'plain', vmSize: 'standard_d2s_v3', virtualMachineConfiguration: JAMMY, targetLowPriorityNodes: 1 });
  nodeIds = (await idleNodes('ssh', 2)).map((n) => n.id as string);
  await idleNodes('plain', 1);
});
afterAll(async () => emulator?.stop());

describe('compute nodes through the real @azure/batch SDK', () => {
  it('shows nodes with service-shaped ids, private IPs, start task results and an ssh endpoint', async () => {
    const node = await client.computeNode.get('ssh', nodeIds[0] as string);
    expect(node.id).toMatch(/^tvmps_[0-9a-f]{64}_d$/);
    expect(node.ipAddress).toMatch(/^10\.0\.\d+\.\d+$/);
    expect(node).toMatchObject({ state: 'idle', schedulingState: 'enabled', isDedicated: true, vmSize: 'standard_d2s_v3' });
    expect(node.startTaskInfo).toMatchObject({ state: 'completed', exitCode: 0, retryCount: 0, result: 'success' });
    expect(node.nodeAgentInfo?.version).toBeTruthy();
    expect(node.virtualMachineInfo?.imageReference).toMatchObject({ ...JAMMY.imageReference, version: 'latest' });
    const endpoint = node.endpointConfiguration?.inboundEndpoints[0];
    expect(endpoint).toMatchObject({ protocol: 'tcp', publicIPAddress: '127.0.0.1', backendPort: 22 });
    expect(endpoint?.name).toMatch(/^ssh\.\d+$/);
    const spot = (await client.computeNode.list('plain'))[0];
    expect(spot?.id).toMatch(/_p$/);
    expect(spot?.isDedicated).toBe(false);
  });

  it('returns remote login settings with 127.0.0.1 and the port the node really listens on', async () => {
    const node = await client.computeNode.get('ssh', nodeIds[0] as string);
    const settings = await client.computeNode.getRemoteLoginSettings('ssh', nodeIds[0] as string);
    expect(settings.remoteLoginIPAddress).toBe('127.0.0.1');
    expect(settings.remoteLoginPort).toBe(node.endpointConfiguration?.inboundEndpoints[0]?.frontendPort);
  });

  it('answers remote login settings for a pool without an SSH NAT pool with 409 OperationInvalidForCurrentState', async () => {
    const id = (await client.computeNode.list('plain'))[0]?.id as string;
    const error = await failureOf(() => client.computeNode.getRemoteLoginSettings('plain', id));
    expect(error.statusCode).toBe(409);
    expect(error.code).toBe('OperationInvalidForCurrentState');
  });

  it('filters nodes by state and selects properties', async () => {
    const idle = await client.computeNode.list('ssh', { computeNodeListOptions: { filter: "state eq 'idle'", select: 'id,state' } });
    expect(idle).toHaveLength(2);
    expect(Object.keys(idle[0] ?? {}).sort()).toEqual(['id', 'state']);
    expect(await client.computeNode.list('ssh', { computeNodeListOptions: { filter: "state eq 'starttaskfailed'" } })).toHaveLength(0);
  });

  it('selects properties without a filter, on the list and on one node, as the full record has them', async () => {
    const [full] = await client.computeNode.list('ssh');
    const listed = await client.computeNode.list('ssh', { computeNodeListOptions: { select: 'id,isDedicated,endpointConfiguration' } });
    expect(listed).toHaveLength(2);
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(['endpointConfiguration', 'id', 'isDedicated']);
    expect(listed[0]?.endpointConfiguration).toEqual(full?.endpointConfiguration);
    const one = await client.computeNode.get('ssh', full?.id as string, { computeNodeGetOptions: { select: 'id,runningTasksCount' } });
    expect(one).toMatchObject({ id: full?.id, runningTasksCount: 0 });
    expect([one.state, one.ipAddress, one.startTask, one.endpointConfiguration]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('answers 404 NodeNotFound for an unknown node', async () => {
    const error = await failureOf(() => client.computeNode.get('ssh', 'tvmps_nope_d'));
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('NodeNotFound');
  });

  it('disables and enables scheduling with 200', async () => {
    const id = nodeIds[1] as string;
    expect((await client.computeNode.disableScheduling('ssh', id, { nodeDisableSchedulingOption: 'terminate' }))._response.status).toBe(200);
    expect((await client.computeNode.get('ssh', id)).schedulingState).toBe('disabled');
    expect((await client.computeNode.enableScheduling('ssh', id))._response.status).toBe(200);
    expect((await client.computeNode.get('ssh', id)).schedulingState).toBe('enabled');
  });

  it('adds, updates and deletes node users with 201, 200, 200 and refuses a duplicate with 409 NodeUserExists', async () => {
    const id = nodeIds[0] as string;
    const added = await client.computeNode.addUser('ssh', id, { name: 'ops', isAdmin: true, password: 'S3cret!pass', expiryTime: new Date(Date.now() + 3_600_000) });
    expect(added._response.status).toBe(201);
    const duplicate = await failureOf(() => client.computeNode.addUser('ssh', id, { name: 'OPS', password: 'x1' }));
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.code).toBe('NodeUserExists');
    const updated = await client.computeNode.updateUser('ssh', id, 'ops', { sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm0dC3cHLuHCLiKd0Kbm4hqHH1P5MEiuC4lqc3YqEhy test' });
    expect(updated._response.status).toBe(200);
    expect((await client.computeNode.deleteUser('ssh', id, 'ops'))._response.status).toBe(200);
    const gone = await failureOf(() => client.computeNode.deleteUser('ssh', id, 'ops'));
    expect(gone.code).toBe('NodeUserNotFound');
  });

  it('refuses bad user names, past expiry and malformed SSH keys with 400 naming the property', async () => {
    const id = nodeIds[0] as string;
    const cases: [object, string][] = [
      [{ name: 'bad name', password: 'x' }, 'name'],
      [{ name: 'root', password: 'x' }, 'name'],
      [{ name: 'late', password: 'x', expiryTime: new Date(Date.now() - 60_000) }, 'expiryTime'],
      [{ name: 'keyed', sshPublicKey: 'not a key' }, 'sshPublicKey'],
    ];
    for (const [user, property] of cases) {
      const error = await failureOf(() => client.computeNode.addUser('ssh', id, user as { name: string }));
      expect(error.statusCode).toBe(400);
      expect(error.body.values).toContainEqual({ key: 'PropertyName', value: property });
    }
  });

  it('reboots a node with 202: rebooting, then idle again with its start task run again', async () => {
    const id = nodeIds[1] as string;
    const before = await client.computeNode.get('ssh', id);
    expect((await client.computeNode.reboot('ssh', id))._response.status).toBe(202);
    expect((await client.computeNode.get('ssh', id)).state).toBe('rebooting');
    const after = await eventually(async () => {
      const node = await client.computeNode.get('ssh', id);
      return node.state === 'idle' && node.startTaskInfo?.state === 'completed' ? node : undefined;
    });
    expect(after.lastBootTime?.getTime()).toBeGreaterThan(before.lastBootTime?.getTime() ?? 0);
  });

  it('reimages a node with 202: its users are gone afterwards', async () => {
    const id = nodeIds[1] as string;
    await client.computeNode.addUser('ssh', id, { name: 'temp', password: 'pw-123456' });
    expect((await client.computeNode.reimage('ssh', id))._response.status).toBe(202);
    expect((await client.computeNode.get('ssh', id)).state).toBe('reimaging');
    await eventually(async () => ((await client.computeNode.get('ssh', id)).state === 'idle' ? true : undefined));
    expect((await failureOf(() => client.computeNode.deleteUser('ssh', id, 'temp'))).code).toBe('NodeUserNotFound');
  });

  it('counts nodes per pool and state', async () => {
    const counts = await client.account.listPoolNodeCounts();
    const ssh = counts.find((c) => c.poolId === 'ssh');
    expect(ssh?.dedicated).toMatchObject({ total: 2 });
    expect(counts.find((c) => c.poolId === 'plain')?.lowPriority).toMatchObject({ idle: 1, total: 1 });
    const filtered = await client.account.listPoolNodeCounts({ accountListPoolNodeCountsOptions: { filter: "poolId eq 'plain'" } });
    expect(filtered.map((c) => c.poolId)).toEqual(['plain']);
  });
});

describe('node files through the real @azure/batch SDK', () => {
  it('reads the start task output (printenv AZ_BATCH_NODE_STARTUP_DIR) from startup/stdout.txt', async () => {
    const id = nodeIds[0] as string;
    const response = await client.file.getFromComputeNode('ssh', id, 'startup/stdout.txt');
    expect(response._response.status).toBe(200);
    const text = await new Response(response.readableStreamBody as unknown as ReadableStream).text();
    expect(text.trim()).toMatch(new RegExp(`/ssh/${id}/startup$`));
  });

  it('reads a byte range with ocp-range and still answers 200', async () => {
    const id = nodeIds[0] as string;
    const whole = await new Response((await client.file.getFromComputeNode('ssh', id, 'startup/stdout.txt')).readableStreamBody as unknown as ReadableStream).text();
    const part = await client.file.getFromComputeNode('ssh', id, 'startup/stdout.txt', { fileGetFromComputeNodeOptions: { ocpRange: 'bytes=1-4' } });
    expect(part._response.status).toBe(200);
    expect(await new Response(part.readableStreamBody as unknown as ReadableStream).text()).toBe(whole.slice(1, 5));
  });

  it('lists files recursively and top-level only', async () => {
    const id = nodeIds[0] as string;
    const all = await client.file.listFromComputeNode('ssh', id, { recursive: true });
    const out = all.find((f) => f.name === 'startup/stdout.txt');
    expect(out).toMatchObject({ isDirectory: false });
    expect(out?.properties?.contentLength).toBeGreaterThan(0);
    const top = await client.file.listFromComputeNode('ssh', id);
    expect(top.map((f) => f.name)).toContain('startup');
    expect(top.some((f) => f.name?.includes('/'))).toBe(false);
  });

  it('reports file properties on HEAD and deletes a file', async () => {
    const id = nodeIds[0] as string;
    const props = await client.file.getPropertiesFromComputeNode('ssh', id, 'startup/stderr.txt');
    expect(props.ocpBatchFileIsdirectory).toBe(false);
    expect(props.ocpBatchFileUrl).toContain('/files/startup/stderr.txt');
    expect(props.contentLength).toBe(0);
    expect((await client.file.deleteFromComputeNode('ssh', id, 'startup/stderr.txt'))._response.status).toBe(200);
    // The SDK streams file bodies, so its error carries only the status; the body says FileNotFound.
    const missing = await failureOf(() => client.file.getFromComputeNode('ssh', id, 'startup/stderr.txt'));
    expect(missing.statusCode).toBe(404);
    const raw = await rawRequest(emulator, 'GET', `/pools/ssh/nodes/${id}/files/startup%2Fstderr.txt?api-version=2022-10-01.16.0`);
    expect(raw.json?.code).toBe('FileNotFound');
  });

  it('never serves files outside the node folder', async () => {
    const missing = await failureOf(() => client.file.getFromComputeNode('ssh', nodeIds[0] as string, '../../../account-key'));
    expect(missing.statusCode).toBe(404);
  });
});
