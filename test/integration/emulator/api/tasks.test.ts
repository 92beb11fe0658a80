import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorProcess, type EmulatorProcess } from '../../../helpers/emulator-process';
import { rawRequest, type RawResponse } from './raw-request';

const V2025 = 'api-version=2025-06-01';
let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
});
afterAll(async () => emulator?.stop());

function send(method: string, path: string, body?: unknown): Promise<RawResponse> {
  return rawRequest(emulator, method, `${path}${path.includes('?') ? '&' : '?'}${V2025}`, body === undefined ? {} : { body });
}

async function job(id: string): Promise<void> {
  expect((await send('POST', '/jobs', { id, poolInfo: { poolId: 'farm' } })).status).toBe(201);
}

const idsOf = (response: RawResponse) => ((response.json?.value ?? []) as { id: string }[]).map((t) => t.id);

describe('tasks (stored and listed; the pool "farm" does not exist, so none runs)', () => {
  it('adds a task with the service defaults, refuses a duplicate id in any case, gets and deletes it', async () => {
    await job('render');
    const created = await send('POST', '/jobs/render/tasks', { id: 'frame1', commandLine: 'blender -f 1', requiredSlots: 2 });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(/\/jobs\/render\/tasks\/frame1$/);
    expect((await send('GET', '/jobs/render/tasks/frame1')).json).toMatchObject({
      id: 'frame1', commandLine: 'blender -f 1', state: 'active', requiredSlots: 2, executionInfo: { retryCount: 0, requeueCount: 0 },
      constraints: { maxTaskRetryCount: 0 },
    });
    const duplicate = await send('POST', '/jobs/render/tasks', { id: 'FRAME1', commandLine: 'true' });
    expect([duplicate.status, duplicate.json?.code]).toEqual([409, 'TaskExists']);
    expect((await send('DELETE', '/jobs/render/tasks/frame1')).status).toBe(200);
    expect((await send('GET', '/jobs/render/tasks/frame1')).json?.code).toBe('TaskNotFound');
    expect((await send('POST', '/jobs/nojob/tasks', { id: 'x', commandLine: 'true' })).json?.code).toBe('JobNotFound');
  });

  it('validates a task as the service does: id rules and a required command line', async () => {
    await job('checks');
    const values = async (body: Record<string, unknown>) => (await send('POST', '/jobs/checks/tasks', body)).json?.values as { key: string; value: string }[];
    expect(await values({ id: 'has space', commandLine: 'true' })).toContainEqual({ key: 'PropertyName', value: 'id' });
    expect(await values({ id: 'x'.repeat(65), commandLine: 'true' })).toContainEqual({ key: 'PropertyName', value: 'id' });
    expect(await values({ id: 'nocmd' })).toContainEqual({ key: 'PropertyName', value: 'commandLine' });
    expect(idsOf(await send('GET', '/jobs/checks/tasks'))).toEqual([]);
  });

  it('adds a collection with a result per task, and refuses more than 100 tasks in one request', async () => {
    await job('batch');
    await send('POST', '/jobs/batch/tasks', { id: 'taken', commandLine: 'true' });
    const answer = await send('POST', '/jobs/batch/addtaskcollection', {
      value: [{ id: 'a', commandLine: 'true' }, { id: 'taken', commandLine: 'true' }, { id: 'b' }, { id: 'A', commandLine: 'true' }],
    });
    expect(answer.status).toBe(200);
    const results = answer.json?.value as { taskId: string; status: string; error?: { code: string } }[];
    expect(results.map((r) => [r.taskId, r.status, r.error?.code])).toEqual([
      ['a', 'success', undefined], ['taken', 'clienterror', 'TaskExists'], ['b', 'clienterror', 'MissingRequiredProperty'], ['A', 'clienterror', 'TaskExists'],
    ]);
    // Listings keep insertion order (a position is the paging cursor), so 'taken' comes before 'a'.
    expect(idsOf(await send('GET', '/jobs/batch/tasks'))).toEqual(['taken', 'a']);
    const tooMany = await send('POST', '/jobs/batch/addtaskcollection', { value: Array.from({ length: 101 }, (_, i) => ({ id: `t${i}`, commandLine: 'true' })) });
    expect([tooMany.status, tooMany.json?.code]).toEqual([400, 'RequestBodyTooLarge']);
    expect(idsOf(await send('GET', '/jobs/batch/tasks'))).toEqual(['taken', 'a']);
  });

  it('lists tasks in pages through odata.nextLink and filters them on state', async () => {
    await job('paged');
    const value = Array.from({ length: 5 }, (_, i) => ({ id: `p${i}`, commandLine: 'true' }));
    expect((await send('POST', '/jobs/paged/addtaskcollection', { value })).status).toBe(200);
    const first = await send('GET', '/jobs/paged/tasks?maxresults=2');
    expect(idsOf(first)).toEqual(['p0', 'p1']);
    const next = new URL(String(first.json?.['odata.nextLink']));
    const second = await rawRequest(emulator, 'GET', `${next.pathname}${next.search}`);
    expect(idsOf(second)).toEqual(['p2', 'p3']);
    expect(idsOf(await send('GET', `/jobs/paged/tasks?$filter=${encodeURIComponent("state eq 'active'")}`))).toHaveLength(5);
    expect(idsOf(await send('GET', `/jobs/paged/tasks?$filter=${encodeURIComponent("state eq 'completed'")}`))).toEqual([]);
  });

  it('has no task files while the task has not written any', async () => {
    await job('nofiles');
    await send('POST', '/jobs/nofiles/tasks', { id: 'quiet', commandLine: 'true' });
    expect((await send('GET', '/jobs/nofiles/tasks/quiet/files/stdout.txt')).json?.code).toBe('FileNotFound');
    expect((await send('GET', '/jobs/nofiles/tasks/missing/files')).json?.code).toBe('TaskNotFound');
  });

  it('keeps tasks across a restart and drops them with their job', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emulator-tasks-'));
    try {
      const first = await startEmulatorProcess({ dataDir });
      await rawRequest(first, 'POST', `/jobs?${V2025}`, { body: { id: 'kept', poolInfo: { poolId: 'p' } } });
      expect((await rawRequest(first, 'POST', `/jobs/kept/tasks?${V2025}`, { body: { id: 'survivor', commandLine: 'echo hi' } })).status).toBe(201);
      await first.stop();
      const second = await startEmulatorProcess({ dataDir });
      try {
        expect((await rawRequest(second, 'GET', `/jobs/kept/tasks/survivor?${V2025}`)).json).toMatchObject({ id: 'survivor', commandLine: 'echo hi' });
        expect((await rawRequest(second, 'DELETE', `/jobs/kept?${V2025}`)).status).toBe(202);
        await expect.poll(async () => (await rawRequest(second, 'GET', `/jobs/kept?${V2025}`)).status).toBe(404);
        await rawRequest(second, 'POST', `/jobs?${V2025}`, { body: { id: 'kept', poolInfo: { poolId: 'p' } } });
        expect(idsOf(await rawRequest(second, 'GET', `/jobs/kept/tasks?${V2025}`))).toEqual([]);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
