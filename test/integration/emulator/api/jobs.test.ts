import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorProcess, type EmulatorProcess } from '../../../helpers/emulator-process';
import { rawRequest, type RawResponse } from './raw-request';
import { eventually, failureOf, sdkClient } from './sdk-client';

const V2025 = 'api-version=2025-06-01';
let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
});
afterAll(async () => emulator?.stop());

function send(method: string, path: string, body?: unknown): Promise<RawResponse> {
  return rawRequest(emulator, method, `${path}?${V2025}`, body === undefined ? {} : { body });
}

async function stateOf(id: string, wanted: string): Promise<Record<string, unknown>> {
  return eventually(async () => {
    const job = (await send('GET', `/jobs/${id}`)).json;
    return job?.state === wanted ? job : undefined;
  });
}

describe('jobs (no tasks yet)', () => {
  it('creates a job on a pool with the service defaults, refuses a duplicate id, and lists it', async () => {
    const created = await send('POST', '/jobs', { id: 'render', poolInfo: { poolId: 'farm' }, priority: 10 });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(/\/jobs\/render$/);
    const job = (await send('GET', '/jobs/render')).json;
    expect(job).toMatchObject({ id: 'render', state: 'active', priority: 10, maxParallelTasks: -1, onAllTasksComplete: 'noaction', poolInfo: { poolId: 'farm' }, executionInfo: { poolId: 'farm' } });
    expect((await send('POST', '/jobs', { id: 'RENDER', poolInfo: { poolId: 'farm' } })).json?.code).toBe('JobExists');
    expect(((await send('GET', '/jobs')).json?.value as { id: string }[]).map((j) => j.id)).toContain('render');
    expect((await send('GET', '/jobs/none')).json?.code).toBe('JobNotFound');
  });

  it('validates jobs as the service does: pool info, priority, auto pools, parallel tasks', async () => {
    const values = async (body: Record<string, unknown>) => (await send('POST', '/jobs', body)).json?.values as { key: string; value: string }[];
    expect(await values({ id: 'a' })).toContainEqual({ key: 'PropertyName', value: 'poolInfo' });
    expect(await values({ id: 'b', poolInfo: { poolId: 'p' }, priority: 1001 })).toContainEqual({ key: 'PropertyName', value: 'priority' });
    expect(await values({ id: 'c', poolInfo: { autoPoolSpecification: { poolLifetimeOption: 'job' } } })).toContainEqual({ key: 'PropertyName', value: 'autoPoolSpecification' });
    expect(await values({ id: 'd', poolInfo: { poolId: 'p' }, maxParallelTasks: 0 })).toContainEqual({ key: 'PropertyName', value: 'maxParallelTasks' });
  });

  it('patches a job, moves it to another pool only while disabled, and enables it again', async () => {
    await send('POST', '/jobs', { id: 'mover', poolInfo: { poolId: 'one' } });
    expect((await send('PATCH', '/jobs/mover', { priority: -5 })).status).toBe(200);
    expect((await send('GET', '/jobs/mover')).json?.priority).toBe(-5);
    expect((await send('PATCH', '/jobs/mover', { poolInfo: { poolId: 'two' } })).status).toBe(409);
    expect((await send('POST', '/jobs/mover/disable', { disableTasks: 'requeue' })).status).toBe(202);
    await stateOf('mover', 'disabled');
    expect((await send('PATCH', '/jobs/mover', { poolInfo: { poolId: 'two' } })).status).toBe(200);
    expect((await send('POST', '/jobs/mover/enable')).status).toBe(202);
    expect(await stateOf('mover', 'active')).toMatchObject({ poolInfo: { poolId: 'two' }, previousState: 'enabling' });
  });

  it('terminates a job with its reason, then refuses further changes; delete makes it gone', async () => {
    await send('POST', '/jobs', { id: 'done', poolInfo: { poolId: 'p' } });
    expect((await send('POST', '/jobs/done/terminate', { terminateReason: 'Finished early' })).status).toBe(202);
    const completed = await stateOf('done', 'completed');
    expect(completed.executionInfo).toMatchObject({ terminateReason: 'Finished early', endTime: expect.any(String) });
    expect((await send('POST', '/jobs/done/terminate')).json?.code).toBe('JobCompleted');
    expect((await send('PATCH', '/jobs/done', { priority: 1 })).json?.code).toBe('JobCompleted');
    expect((await send('DELETE', '/jobs/done')).status).toBe(202);
    expect((await send('GET', '/jobs/done')).json?.state).toBe('deleting');
    await eventually(async () => ((await send('GET', '/jobs/done')).status === 404 ? true : undefined));
  });

  it('serves the same jobs to @azure/batch 10.2.0 (api-version 2022-10-01)', async () => {
    const client = sdkClient(emulator);
    await client.job.add({ id: 'legacy', poolInfo: { poolId: 'p' }, priority: 3 });
    expect(await client.job.get('legacy')).toMatchObject({ id: 'legacy', state: 'active', priority: 3 });
    expect((await failureOf(() => client.job.add({ id: 'legacy', poolInfo: { poolId: 'p' } }))).code).toBe('JobExists');
    await client.job.terminate('legacy');
    expect((await client.job.list()).map((j) => j.id)).toContain('legacy');
  });

  it('keeps jobs and application packages across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emulator-jobs-'));
    try {
      const first = await startEmulatorProcess({ dataDir });
      await rawRequest(first, 'POST', `/jobs?${V2025}`, { body: { id: 'kept', poolInfo: { poolId: 'p' }, priority: 7 } });
      await rawRequest(first, 'PUT', '/_emulator/applications', { body: [{ id: 'blender', versions: ['4.2'] }] });
      await first.stop();
      const second = await startEmulatorProcess({ dataDir });
      try {
        expect((await rawRequest(second, 'GET', `/jobs/kept?${V2025}`)).json).toMatchObject({ id: 'kept', state: 'active', priority: 7 });
        expect((await rawRequest(second, 'GET', `/applications?${V2025}`)).json?.value).toEqual([{ id: 'blender', versions: ['4.2'] }]);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
