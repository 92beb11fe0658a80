import { describe, expect, it } from 'vitest';
import { withRestEmulator } from '../batch/rest-fixture';
import type { BatchRestClient } from '../../../main/batch/rest/batch-rest-client';
import type { BatchTask } from '../../../main/batch/rest/models/tasks';

const world = withRestEmulator();

interface TaskPage {
  value: BatchTask[];
  'odata.nextLink'?: string;
}

async function seed(client: BatchRestClient, jobId: string, body: Record<string, unknown>) {
  await client.jobs.create({ id: jobId, poolInfo: { poolId: 'no-such-pool' } });
  return (await client.requester.send<Record<string, unknown>>({ method: 'POST', path: `/_emulator/jobs/${jobId}/seedtasks`, body, expect: [200] })).body;
}

async function firstPage(client: BatchRestClient, jobId: string, query: Record<string, string | number>): Promise<TaskPage> {
  return (await client.requester.send<TaskPage>({ method: 'GET', path: `/jobs/${jobId}/tasks`, query, expect: [200] })).body;
}

const ids = (tasks: BatchTask[]) => tasks.map((t) => t.id);

describe('task listings over a big job', () => {
  it('pages through 100,000 seeded tasks by next link, 1000 at a time, each exactly once in order', async () => {
    const { client } = world;
    expect(await seed(client, 'big', { count: 100_000, idPrefix: 'task-', failedEvery: 1000 })).toEqual({
      jobId: 'big', added: 100_000, failed: 100, firstId: 'task-000001', lastId: 'task-100000',
    });
    let pages = 0;
    let count = 0;
    let previous = '';
    for await (const page of client.requester.pages<BatchTask>('/jobs/big/tasks', { maxResults: 1000, select: ['id', 'state'] })) {
      pages++;
      expect(page).toHaveLength(1000);
      for (const task of page) {
        expect(Object.keys(task).sort()).toEqual(['id', 'state']);
        expect(task.id > previous).toBe(true);
        previous = task.id;
      }
      count += page.length;
    }
    expect([pages, count, previous]).toEqual([100, 100_000, 'task-100000']);
    expect(await client.jobs.getTaskCounts('big')).toMatchObject({
      taskCounts: { active: 0, running: 0, completed: 100_000, succeeded: 99_900, failed: 100 },
      taskSlotCounts: { active: 0, running: 0, completed: 100_000, succeeded: 99_900, failed: 100 },
    });
  });

  it('filters on the server by result, state and exit code, and pages a filtered listing', async () => {
    const { client } = world;
    await seed(client, 'mixed', { count: 5000, idPrefix: 'm', failedEvery: 100, failedExitCode: 7 });
    const failed = await client.tasks.list('mixed', { filter: "executionInfo/result eq 'failure'", select: ['id', 'executionInfo'] });
    expect(ids(failed)).toEqual(Array.from({ length: 50 }, (_, i) => `m${String((i + 1) * 100).padStart(4, '0')}`));
    expect(failed.every((t) => t.executionInfo?.exitCode === 7 && t.executionInfo.failureInfo?.code === 'FailureExitCode')).toBe(true);

    expect(await client.tasks.list('mixed', { filter: 'executionInfo/exitCode eq 7' })).toHaveLength(50);
    expect(await client.tasks.list('mixed', { filter: 'executionInfo/exitCode eq 1' })).toHaveLength(0);
    expect(await client.tasks.list('mixed', { filter: "state eq 'completed' and executionInfo/result eq 'success'" })).toHaveLength(4950);
    expect(await client.tasks.list('mixed', { filter: "state eq 'active' or state eq 'running'" })).toHaveLength(0);
    const either = await client.tasks.list('mixed', { filter: "id eq 'm0001' or (executionInfo/exitCode eq 7 and id eq 'm5000')" });
    expect(ids(either)).toEqual(['m0001', 'm5000']);

    // A task ended before it ran fails without any exit code: the result filter finds it, an exit-code filter cannot.
    await client.tasks.add('mixed', { id: 'never-ran', commandLine: '/bin/true' });
    expect(ids(await client.tasks.list('mixed', { filter: "state eq 'active'" }))).toEqual(['never-ran']);
    await client.tasks.terminate('mixed', 'never-ran');
    const withoutCode = await client.tasks.list('mixed', { filter: "executionInfo/result eq 'failure' and executionInfo/exitCode ne 7" });
    expect(withoutCode.map((t) => [t.id, t.executionInfo?.exitCode, t.executionInfo?.failureInfo?.code])).toEqual([['never-ran', undefined, 'TaskEnded']]);
    expect((await client.jobs.getTaskCounts('mixed')).taskCounts).toMatchObject({ completed: 5001, failed: 51, succeeded: 4950 });

    // A filtered page of 20 gives a next link that continues after the last match, and the last page gives none.
    const first = await firstPage(client, 'mixed', { $filter: "executionInfo/result eq 'failure'", maxresults: 20 });
    expect(ids(first.value)).toHaveLength(20);
    const next = new URL(String(first['odata.nextLink']));
    const second = (await client.requester.send<TaskPage>({ method: 'GET', path: `${next.pathname}${next.search}`, expect: [200] })).body;
    expect(ids(second.value)[0]).toBe('m2100');
    const lastLink = new URL(String(second['odata.nextLink']));
    const third = (await client.requester.send<TaskPage>({ method: 'GET', path: `${lastLink.pathname}${lastLink.search}`, expect: [200] })).body;
    expect([third.value.length, third['odata.nextLink']]).toEqual([11, undefined]);
  });

  it('refuses a bad seed, a bad filter and too many results per page with the service errors', async () => {
    const { client } = world;
    await client.jobs.create({ id: 'strict', poolInfo: { poolId: 'no-such-pool' } });
    const seedWith = (body: unknown) => client.requester.send({ method: 'POST', path: '/_emulator/jobs/strict/seedtasks', body, expect: [200] });
    await expect(seedWith({ count: 0 })).rejects.toMatchObject({ code: 'InvalidRequestBody' });
    await expect(seedWith({ count: 5, failedExitCode: 0 })).rejects.toMatchObject({ code: 'InvalidRequestBody' });
    await seedWith({ count: 5, idPrefix: 's' });
    await expect(seedWith({ count: 5, idPrefix: 's' })).rejects.toMatchObject({ code: 'TaskExists' });
    expect(await client.tasks.list('strict')).toHaveLength(5);
    await expect(firstPage(client, 'strict', { $filter: "state eq 'completed' and" })).rejects.toMatchObject({ code: 'InvalidQueryParameterValue' });
    await expect(firstPage(client, 'strict', { maxresults: 1001 })).rejects.toMatchObject({ code: 'InvalidQueryParameterValue' });
  });
});
