import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchServiceClient } from '@azure/batch';
import { startEmulatorProcess, type EmulatorProcess } from '../../../helpers/emulator-process';
import { eventually, failureOf, JAMMY, sdkClient } from './sdk-client';

let emulator: EmulatorProcess;
let client: BatchServiceClient;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  client = sdkClient(emulator);
});
afterAll(async () => emulator?.stop());

function poolSpec(id: string, targetDedicatedNodes = 0) {
  return { id, vmSize: 'standard_d2s_v3', virtualMachineConfiguration: JAMMY, targetDedicatedNodes };
}

describe('pools through the real @azure/batch SDK', () => {
  it('adds a pool with 201, ETag, Last-Modified and Location, then reports it steady with its nodes', async () => {
    const added = await client.pool.add({ ...poolSpec('web', 2), metadata: [{ name: 'team', value: 'render' }] });
    expect(added._response.status).toBe(201);
    expect(added.eTag).toMatch(/^0x[0-9A-F]{15}$/);
    expect(added.lastModified).toBeInstanceOf(Date);
    expect(added._response.headers.get('location')).toBe(`${emulator.endpoint}/pools/web`);
    const first = await client.pool.get('web');
    expect(first.allocationState).toBe('resizing');
    const steady = await eventually(async () => {
      const pool = await client.pool.get('web');
      return pool.allocationState === 'steady' ? pool : undefined;
    });
    expect(steady).toMatchObject({ id: 'web', state: 'active', currentDedicatedNodes: 2, targetDedicatedNodes: 2, vmSize: 'standard_d2s_v3' });
    expect(steady.metadata).toEqual([{ name: 'team', value: 'render' }]);
    expect(steady.virtualMachineConfiguration?.imageReference?.version).toBe('latest');
  });

  it('answers exists with true for a pool and false for a missing one', async () => {
    expect((await client.pool.exists('web')).body).toBe(true);
    expect((await client.pool.exists('missing')).body).toBe(false);
  });

  it('refuses a duplicate pool id, case-insensitively, with 409 PoolExists', async () => {
    const error = await failureOf(() => client.pool.add(poolSpec('WEB')));
    expect(error.statusCode).toBe(409);
    expect(error.code).toBe('PoolExists');
    expect(error.body.message.value).toMatch(/^The specified pool already exists\.\nRequestId:[0-9a-f-]{36}\nTime:/);
  });

  it('refuses an invalid pool id with 400 InvalidPropertyValue naming id', async () => {
    const error = await failureOf(() => client.pool.add(poolSpec('bad id!')));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('InvalidPropertyValue');
    expect(error.body.values).toContainEqual({ key: 'PropertyName', value: 'id' });
  });

  it('refuses a node agent SKU that does not match the image with 400 naming nodeAgentSKUId', async () => {
    const error = await failureOf(() =>
      client.pool.add({ ...poolSpec('mismatch'), virtualMachineConfiguration: { ...JAMMY, nodeAgentSKUId: 'batch.node.el 9' } }),
    );
    expect(error.code).toBe('InvalidPropertyValue');
    expect(error.body.values).toContainEqual({ key: 'PropertyName', value: 'nodeAgentSKUId' });
  });

  it('answers 404 PoolNotFound for a pool that does not exist', async () => {
    const error = await failureOf(() => client.pool.get('nope'));
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('PoolNotFound');
  });

  it('lists every pool through nextLink paging with maxresults', async () => {
    await Promise.all(['p-a', 'p-b', 'p-c'].map((id) => client.pool.add(poolSpec(id))));
    const first = await client.pool.list({ poolListOptions: { maxResults: 2 } });
    expect(first).toHaveLength(2);
    expect(first.odatanextLink).toContain('$skiptoken=');
    const ids = first.map((p) => p.id);
    let link = first.odatanextLink;
    while (link) {
      const page = await client.pool.listNext(link);
      ids.push(...page.map((p) => p.id));
      link = page.odatanextLink;
    }
    expect(ids).toEqual(['p-a', 'p-b', 'p-c', 'web']);
  });

  it('filters pools by id and state and selects properties', async () => {
    const pools = await client.pool.list({ poolListOptions: { filter: "startswith(id,'p-') and state eq 'active'", select: 'id,state' } });
    expect(pools.map((p) => p.id)).toEqual(['p-a', 'p-b', 'p-c']);
    expect(Object.keys(pools[0] ?? {}).sort()).toEqual(['id', 'state']);
  });

  it('patches metadata and the start task, changing the ETag', async () => {
    const before = await client.pool.get('p-a');
    await client.pool.patch('p-a', { metadata: [{ name: 'k', value: 'v' }], startTask: { commandLine: 'echo hi' } });
    const after = await client.pool.get('p-a');
    expect(after.metadata).toEqual([{ name: 'k', value: 'v' }]);
    expect(after.startTask).toMatchObject({ commandLine: 'echo hi', waitForSuccess: true, maxTaskRetryCount: 0 });
    expect(after.eTag).not.toBe(before.eTag);
  });

  it('replaces all updatable properties with updateProperties (204): an omitted start task is removed', async () => {
    const response = await client.pool.updateProperties('p-a', { certificateReferences: [], applicationPackageReferences: [], metadata: [{ name: 'only', value: 'this' }] });
    expect(response._response.status).toBe(204);
    const pool = await client.pool.get('p-a');
    expect(pool.metadata).toEqual([{ name: 'only', value: 'this' }]);
    expect(pool.startTask).toBeUndefined();
  });

  it('refuses a write whose If-Match ETag is stale with 412 ConditionNotMet', async () => {
    const error = await failureOf(() => client.pool.patch('p-a', { metadata: [] }, { poolPatchOptions: { ifMatch: '0x8D0000000000000' } }));
    expect(error.statusCode).toBe(412);
    expect(error.code).toBe('ConditionNotMet');
  });

  it('resizes with 202, refuses a second resize while resizing, and can stop the resize', async () => {
    await eventually(async () => ((await client.pool.get('p-b')).allocationState === 'steady' ? true : undefined));
    const resized = await client.pool.resize('p-b', { targetDedicatedNodes: 3 });
    expect(resized._response.status).toBe(202);
    const busy = await failureOf(() => client.pool.resize('p-b', { targetDedicatedNodes: 1 }));
    expect(busy.code).toBe('PoolBeingResized');
    expect((await client.pool.stopResize('p-b'))._response.status).toBe(202);
    expect((await client.pool.get('p-b')).allocationState).toBe('stopping');
    await eventually(async () => ((await client.pool.get('p-b')).allocationState === 'steady' ? true : undefined));
  });

  it('removes named nodes with 202 and lowers the target', async () => {
    const nodes = await client.computeNode.list('web');
    const first = nodes[0]?.id as string;
    const removed = await client.pool.removeNodes('web', { nodeList: [first] });
    expect(removed._response.status).toBe(202);
    expect((await client.pool.get('web')).targetDedicatedNodes).toBe(1);
    expect((await client.computeNode.get('web', first)).state).toBe('leavingpool');
    await eventually(async () => ((await client.computeNode.list('web')).length === 1 ? true : undefined));
  });

  it('deletes a pool with 202: it shows deleting, refuses writes with PoolBeingDeleted, then is gone', async () => {
    expect((await client.pool.deleteMethod('p-c'))._response.status).toBe(202);
    expect((await client.pool.get('p-c')).state).toBe('deleting');
    expect((await failureOf(() => client.pool.resize('p-c', { targetDedicatedNodes: 1 }))).code).toBe('PoolBeingDeleted');
    await eventually(async () => ((await client.pool.exists('p-c')).body === false ? true : undefined));
  });
});
