import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobCreateBody } from '../../../contract/features/job-body';
import { startJobsFixture, type JobsFixture } from './jobs-fixture';

let j: JobsFixture;
const accountId = 'acc-sandbox';

beforeAll(async () => {
  j = await startJobsFixture();
  await j.fx.createSshPool('jobs-pool', 1, { ssh: false });
}, 60_000);
afterAll(async () => j?.stop());

describe('jobs through the contract against the emulator', () => {
  it('creates a job on a pool with constraints and preparation/release tasks, lists it and shows every setting in the detail', async () => {
    const spec = {
      id: 'render-1',
      displayName: 'Render frames',
      poolId: 'jobs-pool',
      priority: 250,
      constraints: { maxWallClockTime: 'PT2H', maxTaskRetryCount: 3 },
      onAllTasksComplete: 'noaction' as const,
      commonEnvironment: [{ name: 'SCENE', value: 'forest' }],
      jobPreparationTask: { commandLine: '/bin/echo prep', elevated: true },
      jobReleaseTask: { commandLine: '/bin/echo release' },
    };
    expect(await j.call('jobs:create', { accountId, spec })).toEqual({ jobId: 'render-1' });

    const { jobs } = await j.call('jobs:list', { accountId });
    expect(jobs.find((job) => job.id === 'render-1')).toMatchObject({ state: 'active', poolId: 'jobs-pool', priority: 250, displayName: 'Render frames' });

    const detail = await j.call('jobs:get', { accountId, jobId: 'render-1' });
    expect(detail).toMatchObject({
      constraints: { maxWallClockTime: 'PT2H', maxTaskRetryCount: 3 },
      onAllTasksComplete: 'noaction',
      usesTaskDependencies: false,
      commonEnvironment: [{ name: 'SCENE', value: 'forest' }],
      jobPreparationTask: { commandLine: '/bin/echo prep', elevated: true, waitForSuccess: true },
      jobReleaseTask: { commandLine: '/bin/echo release', elevated: false },
      hasJobManagerTask: false,
    });
    // Copy as JSON shows what jobs:create sent, so the job the emulator holds has those settings.
    const body = jobCreateBody(spec);
    expect(body).toMatchObject({ id: 'render-1', poolInfo: { poolId: 'jobs-pool' }, priority: 250, constraints: { maxWallClockTime: 'PT2H', maxTaskRetryCount: 3 } });
  });

  it('counts tasks per job, and a job that is gone carries its own error while the others are counted', async () => {
    await j.call('jobs:create', { accountId, spec: { id: 'counted', poolId: 'jobs-pool' } });
    await j.call('jobs:disable', { accountId, jobId: 'counted', disableTasks: 'wait' });
    await j.call('tasks:add', { accountId, jobId: 'counted', task: { id: 'a', commandLine: '/bin/true' } });
    await j.call('tasks:add', { accountId, jobId: 'counted', task: { id: 'b', commandLine: '/bin/true' } });
    const { counts } = await j.call('jobs:task-counts', { accountId, jobIds: ['counted', 'no-such-job'] });
    expect(counts.counted).toEqual({ active: 2, running: 0, completed: 0, succeeded: 0, failed: 0 });
    expect(counts['no-such-job']).toMatchObject({ error: { code: 'BATCH_ERROR' } });
  });

  it('disables a job (tasks wait) and enables it again; terminate completes it with the reason given', async () => {
    await j.call('jobs:create', { accountId, spec: { id: 'lifecycle', poolId: 'jobs-pool' } });
    await j.call('jobs:disable', { accountId, jobId: 'lifecycle', disableTasks: 'requeue' });
    await expect.poll(async () => (await j.call('jobs:get', { accountId, jobId: 'lifecycle' })).state, { timeout: 10_000 }).toBe('disabled');
    await j.call('jobs:enable', { accountId, jobId: 'lifecycle' });
    await expect.poll(async () => (await j.call('jobs:get', { accountId, jobId: 'lifecycle' })).state, { timeout: 10_000 }).toBe('active');
    await j.call('jobs:terminate', { accountId, jobId: 'lifecycle', reason: 'OperatorStopped' });
    await expect.poll(async () => (await j.call('jobs:get', { accountId, jobId: 'lifecycle' })).state, { timeout: 10_000 }).toBe('completed');
    expect((await j.call('jobs:get', { accountId, jobId: 'lifecycle' })).executionInfo).toMatchObject({ terminateReason: 'OperatorStopped' });
  });

  it('deletes a job only when its id is typed again, and it leaves the list', async () => {
    await j.call('jobs:create', { accountId, spec: { id: 'doomed', poolId: 'jobs-pool' } });
    const refused = await j.refused('jobs:delete', { accountId, jobId: 'doomed', confirmId: 'doome' });
    expect(refused.code).toBe('INVALID_PAYLOAD');
    expect((await j.call('jobs:get', { accountId, jobId: 'doomed' })).state).toBe('active');
    await j.call('jobs:delete', { accountId, jobId: 'doomed', confirmId: 'doomed' });
    await expect.poll(async () => (await j.call('jobs:list', { accountId })).jobs.some((job) => job.id === 'doomed'), { timeout: 10_000 }).toBe(false);
  });

  it('a taken job id answers with what Batch said (JobExists)', async () => {
    const error = await j.refused('jobs:create', { accountId, spec: { id: 'RENDER-1', poolId: 'jobs-pool' } });
    expect(error).toMatchObject({ code: 'BATCH_ERROR', details: { serviceCode: 'JobExists' } });
  });

  it('refuses a bad job id, a bad variable name or a release task without preparation, and creates nothing', async () => {
    const before = (await j.call('jobs:list', { accountId })).jobs.map((job) => job.id).sort();
    const bad = [
      { id: 'has space', poolId: 'jobs-pool' },
      { id: 'x'.repeat(65), poolId: 'jobs-pool' },
      { id: 'env-bad', poolId: 'jobs-pool', commonEnvironment: [{ name: '1ST', value: 'x' }] },
      { id: 'release-only', poolId: 'jobs-pool', jobReleaseTask: { commandLine: '/bin/true' } },
      { id: 'bad-duration', poolId: 'jobs-pool', constraints: { maxWallClockTime: '2 hours' } },
    ];
    for (const spec of bad) expect((await j.refused('jobs:create', { accountId, spec })).code).toBe('INVALID_PAYLOAD');
    const error = await j.refused('jobs:create', { accountId, spec: bad[2] });
    expect(JSON.stringify(error.details)).toContain('A variable name starts with a letter or _');
    expect((await j.call('jobs:list', { accountId })).jobs.map((job) => job.id).sort()).toEqual(before);
  });
});
