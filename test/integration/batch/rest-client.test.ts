import { describe, expect, it } from 'vitest';
import { BatchServiceError } from '../../../main/batch/rest/batch-service-error';
import { createBatchRestClient } from '../../../main/batch/rest/batch-rest-client';
import { eventually } from '../../helpers/eventually';
import { randomFrontendStart } from './emulator-source';
import { idleNodes, noblePool, withRestEmulator } from './rest-fixture';

const world = withRestEmulator();

/** The error a call rejects with. */
async function failure(call: Promise<unknown>): Promise<BatchServiceError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(BatchServiceError);
  return error as BatchServiceError;
}

describe('the 2025-06-01 client against the world.emulator, signed with SharedKey', () => {
  it('lists supported images with their end-of-life dates and node counts per pool', async () => {
    const images = await world.client.account.listSupportedImages();
    const jammy = images.find((i) => i.imageReference.sku === '22_04-lts-gen2');
    expect(jammy?.nodeAgentSKUId).toBe('batch.node.ubuntu 22.04');
    expect(jammy?.batchSupportEndOfLife).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(images.every((i) => i.osType && i.verificationType)).toBe(true);

    await world.client.pools.create(noblePool('counted', { targetDedicatedNodes: 2 }));
    await idleNodes(world.client, 'counted', 2);
    const counts = await world.client.account.listPoolNodeCounts({ filter: "poolId eq 'counted'", maxResults: 10 });
    expect(counts).toHaveLength(1);
    expect(counts[0]?.dedicated).toMatchObject({ idle: 2, total: 2, deallocated: 0, upgradingOS: 0 });
  });

  it('creates, reads, lists with $select and $filter, resizes and deletes a pool', async () => {
    await world.client.pools.create(noblePool('life', { taskSlotsPerNode: 2, taskSchedulingPolicy: { nodeFillType: 'pack' } }));
    expect(await world.client.pools.exists('life')).toBe(true);
    expect(await world.client.pools.exists('never-made')).toBe(false);
    const pool = await world.client.pools.get('life');
    expect(pool).toMatchObject({ id: 'life', vmSize: 'standard_d2s_v5', taskSlotsPerNode: 2, taskSchedulingPolicy: { nodeFillType: 'pack' } });
    expect(pool.virtualMachineConfiguration?.nodeAgentSKUId).toBe('batch.node.ubuntu 24.04');
    const selected = await world.client.pools.get('life', { select: ['id', 'allocationState'] });
    expect(Object.keys(selected).filter((k) => k !== 'odata.metadata').sort()).toEqual(['allocationState', 'id']);

    const listed = await world.client.pools.list({ filter: "id eq 'life'", select: ['id', 'targetDedicatedNodes'] });
    expect(listed).toEqual([expect.objectContaining({ id: 'life', targetDedicatedNodes: 1 })]);

    await eventually(async () => ((await world.client.pools.get('life')).allocationState === 'steady' ? true : undefined));
    await world.client.pools.resize('life', { targetDedicatedNodes: 3, targetLowPriorityNodes: 1 });
    const resizing = await world.client.pools.get('life', { select: ['allocationState', 'targetDedicatedNodes', 'targetLowPriorityNodes'] });
    expect(resizing).toMatchObject({ allocationState: 'resizing', targetDedicatedNodes: 3, targetLowPriorityNodes: 1 });
    const busy = await failure(world.client.pools.resize('life', { targetDedicatedNodes: 4 }));
    expect(busy).toMatchObject({ statusCode: 409, code: 'PoolBeingResized' });
    await world.client.pools.stopResize('life');
    expect((await world.client.pools.get('life', { select: ['allocationState'] })).allocationState).not.toBe('resizing');
    await world.client.pools.delete('life');
    await eventually(async () => ((await world.client.pools.exists('life')) ? undefined : true));
    const gone = await failure(world.client.pools.get('life'));
    expect(gone).toMatchObject({ statusCode: 404, code: 'PoolNotFound' });
    expect(gone.serviceMessage).not.toContain('RequestId:');
  });

  it('runs every node action: reboot, reimage, scheduling off and on, deallocate and start, remove', async () => {
    await world.client.pools.create(noblePool('acts', { targetDedicatedNodes: 2 }));
    const [first, second] = (await idleNodes(world.client, 'acts', 2)) as [string, string];
    const node = await world.client.nodes.get('acts', first);
    expect(node).toMatchObject({ id: first, state: 'idle', schedulingState: 'enabled', isDedicated: true });

    await world.client.nodes.reboot('acts', first, { nodeRebootOption: 'requeue' });
    expect((await world.client.nodes.get('acts', first, { select: ['state'] })).state).toBe('rebooting');
    await idleNodes(world.client, 'acts', 2);
    await world.client.nodes.reimage('acts', first, { nodeReimageOption: 'terminate' });
    expect((await world.client.nodes.get('acts', first)).state).toBe('reimaging');
    await idleNodes(world.client, 'acts', 2);

    await world.client.nodes.disableScheduling('acts', second, { nodeDisableSchedulingOption: 'taskcompletion' });
    expect((await world.client.nodes.get('acts', second)).schedulingState).toBe('disabled');
    await world.client.nodes.enableScheduling('acts', second);
    expect((await world.client.nodes.get('acts', second)).schedulingState).toBe('enabled');

    await world.client.nodes.deallocate('acts', second, { nodeDeallocateOption: 'requeue' });
    await eventually(async () => ((await world.client.nodes.get('acts', second)).state === 'deallocated' ? true : undefined));
    const refused = await failure(world.client.nodes.reboot('acts', second));
    expect(refused).toMatchObject({ statusCode: 409, code: 'OperationInvalidForCurrentState' });
    await world.client.nodes.start('acts', second);
    await idleNodes(world.client, 'acts', 2);

    await world.client.pools.removeNodes('acts', { nodeList: [second], nodeDeallocationOption: 'requeue' });
    await eventually(async () => ((await world.client.nodes.list('acts')).length === 1 ? true : undefined));
  });

  it('adds, replaces and deletes a node user and reads the SSH endpoint', async () => {
    const start = randomFrontendStart();
    const ssh = { name: 'ssh', protocol: 'tcp', backendPort: 22, frontendPortRangeStart: start, frontendPortRangeEnd: start + 99 };
    await world.client.pools.create(noblePool('users', { networkConfiguration: { endpointConfiguration: { inboundNATPools: [ssh] } } }));
    const [nodeId] = (await idleNodes(world.client, 'users', 1)) as [string];
    const expiryTime = new Date(Date.now() + 3_600_000).toISOString();
    await world.client.nodes.addUser('users', nodeId, { name: 'ops', isAdmin: true, password: 'S3cret-pass!', expiryTime });
    const twice = await failure(world.client.nodes.addUser('users', nodeId, { name: 'ops', password: 'S3cret-pass!' }));
    expect(twice).toMatchObject({ statusCode: 409, code: 'NodeUserExists' });
    await world.client.nodes.replaceUser('users', nodeId, 'ops', { password: 'Other-pass-2!', expiryTime });
    await world.client.nodes.deleteUser('users', nodeId, 'ops');
    const missing = await failure(world.client.nodes.deleteUser('users', nodeId, 'ops'));
    expect(missing).toMatchObject({ statusCode: 404, code: 'NodeUserNotFound' });

    const login = await world.client.nodes.getRemoteLoginSettings('users', nodeId);
    expect(login.remoteLoginIPAddress).toBe('127.0.0.1');
    expect(login.remoteLoginPort).toBeGreaterThanOrEqual(start);
    expect(login.remoteLoginPort).toBeLessThanOrEqual(start + 99);
  });

  it('lists node files, reads a whole file and a byte range with ocp-range, and reads its properties', async () => {
    await world.client.pools.create(noblePool('files', { startTask: { commandLine: '/bin/sh -c "echo 0123456789abcdef"', waitForSuccess: true } }));
    const [nodeId] = (await idleNodes(world.client, 'files', 1)) as [string];
    const files = await world.client.nodeFiles.list('files', nodeId, { recursive: true });
    expect(files.map((f) => f.name)).toContain('startup/stdout.txt');
    const whole = await world.client.nodeFiles.get('files', nodeId, 'startup/stdout.txt');
    expect(whole.content.toString('utf8')).toBe('0123456789abcdef\n');
    expect(whole.isDirectory).toBe(false);
    const part = await world.client.nodeFiles.get('files', nodeId, 'startup/stdout.txt', { range: { start: 4, end: 10 } });
    expect(part.content.toString('utf8')).toBe('456789');
    const properties = await world.client.nodeFiles.getProperties('files', nodeId, 'startup/stdout.txt');
    expect(properties).toMatchObject({ contentLength: 17, isDirectory: false });
    expect(Date.parse(properties.lastModified ?? '')).not.toBeNaN();
    const absent = await failure(world.client.nodeFiles.getProperties('files', nodeId, 'startup/none.txt'));
    expect(absent.statusCode).toBe(404);
  });

  it('pages through 2,500 nodes by following odata.nextLink, reporting the running total', async () => {
    await world.client.pools.create(noblePool('wide', { targetDedicatedNodes: 2500 }));
    await eventually(async () => ((await world.client.pools.get('wide', { select: ['allocationState'] })).allocationState === 'steady' ? true : undefined), 60_000);
    const loaded: number[] = [];
    const nodes = await world.client.nodes.list('wide', { select: ['id', 'state'], maxResults: 1000, onPage: (n) => loaded.push(n) });
    expect(loaded).toEqual([1000, 2000, 2500]);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(2500);
  });

  it('says what Batch said when the key is wrong: AuthenticationFailed with the service message and detail', async () => {
    const wrongKey = createBatchRestClient({
      endpoint: world.emulator.endpoint,
      auth: { kind: 'sharedKey', accountName: world.emulator.accountName, key: Buffer.from('not the key').toString('base64') },
    });
    const denied = await failure(wrongKey.pools.list());
    expect(denied).toMatchObject({ statusCode: 403, code: 'AuthenticationFailed' });
    expect(denied.serviceMessage).toMatch(/Server failed to authenticate the request/);
    expect(denied.detail('AuthenticationErrorDetail')).toMatch(/MAC signature found in the HTTP request/);
    expect(denied.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(denied.body?.code).toBe('AuthenticationFailed');
  });
});
