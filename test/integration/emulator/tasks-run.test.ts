import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { withRestEmulator } from '../batch/rest-fixture';
import { eventually, processAlive } from '../../helpers/eventually';
import type { BatchTaskCreateOptions } from '../../../main/batch/rest/models/tasks';
import { bash, completed, inState, jobOnNewPool, taskFile } from './task-helpers';

const world = withRestEmulator();

describe('the emulator runs tasks on the nodes of the job\'s pool', () => {
  it('runs a task without a shell in its folder and reports exit code, result, failure info and its output files', async () => {
    const { client } = world;
    const [nodeId] = await jobOnNewPool(client, 'life', { taskSlotsPerNode: 2 });
    const tasks: BatchTaskCreateOptions[] = [
      { id: 'ok', commandLine: 'echo hello $HOME;' },
      { id: 'fails', commandLine: bash('echo about to fail; echo disk full >&2; exit 3') },
      { id: 'env', commandLine: bash('pwd; echo "$AZ_BATCH_TASK_ID $AZ_BATCH_JOB_ID $AZ_BATCH_TASK_DIR $AZ_BATCH_TASK_WORKING_DIR $COLOUR"'), environmentSettings: [{ name: 'COLOUR', value: 'teal' }] },
    ];
    const results = await client.tasks.addCollection('life', tasks);
    expect(results.map((r) => r.status)).toEqual(['success', 'success', 'success']);

    const ok = await completed(client, 'life', 'ok');
    expect(ok).toMatchObject({ state: 'completed', previousState: 'running', executionInfo: { exitCode: 0, result: 'success', retryCount: 0, requeueCount: 0 } });
    expect(ok.executionInfo?.failureInfo).toBeUndefined();
    expect(Date.parse(String(ok.executionInfo?.endTime))).toBeGreaterThanOrEqual(Date.parse(String(ok.executionInfo?.startTime)));
    // No shell: `$HOME` and `;` are plain argument text.
    expect(await taskFile(client, 'life', 'ok', 'stdout.txt')).toBe('hello $HOME;\n');

    const failed = await completed(client, 'life', 'fails');
    expect(failed.executionInfo).toMatchObject({ exitCode: 3, result: 'failure', failureInfo: { category: 'usererror', code: 'FailureExitCode' } });
    expect(failed.executionInfo?.failureInfo?.message).toMatch(/exit code/);
    expect(await taskFile(client, 'life', 'fails', 'stderr.txt')).toBe('disk full\n');
    expect(await taskFile(client, 'life', 'fails', 'stdout.txt')).toBe('about to fail\n');

    const env = await completed(client, 'life', 'env');
    const root = String(env.nodeInfo?.taskRootDirectory);
    expect(env.nodeInfo).toMatchObject({ poolId: 'life', nodeId, affinityId: `TVM:${nodeId}` });
    expect(root).toMatch(/\/workitems\/life\/job-1\/env$/);
    expect(env.nodeInfo?.taskRootDirectoryUrl).toMatch(new RegExp(`/pools/life/nodes/${nodeId}/files/workitems/life/job-1/env$`));
    expect((await taskFile(client, 'life', 'env', 'stdout.txt')).split('\n')).toEqual([`${root}/wd`, `env life ${root} ${root}/wd teal`, '']);
    // The folder is a real path a node shell can cd into: the same files are there.
    expect(execFileSync('ls', [root], { encoding: 'utf8' }).split('\n').filter(Boolean)).toEqual(['stderr.txt', 'stdout.txt', 'wd']);

    const listing = await client.requester.send<{ value: { name: string }[] }>({ method: 'GET', path: '/jobs/life/tasks/env/files', expect: [200] });
    expect(listing.body.value.map((f) => f.name)).toEqual(['stderr.txt', 'stdout.txt', 'wd']);
    const ranged = await client.requester.sendForBytes({ method: 'GET', path: '/jobs/life/tasks/fails/files/stderr.txt', headers: { 'ocp-range': 'bytes=5-8' }, expect: [200] });
    expect(ranged.body.toString()).toBe('full');

    expect(await client.jobs.getTaskCounts('life')).toMatchObject({ taskCounts: { active: 0, running: 0, completed: 3, succeeded: 2, failed: 1 } });
    await eventually(async () => ((await client.nodes.get('life', String(nodeId))).state === 'idle' ? true : undefined));
  });

  it('retries a failing task up to maxTaskRetryCount and stops retrying once it succeeds', async () => {
    const { client } = world;
    await jobOnNewPool(client, 'retry', {});
    await client.tasks.add('retry', { id: 'never', commandLine: bash('echo attempt; exit 2'), constraints: { maxTaskRetryCount: 2 } });
    // Succeeds on its second run: a counter file in the node's shared folder remembers the first.
    const flaky = 'f=$AZ_BATCH_NODE_SHARED_DIR/flaky; if [ -e $f ]; then echo second; exit 0; fi; touch $f; exit 1';
    await client.tasks.add('retry', { id: 'flaky', commandLine: bash(flaky), constraints: { maxTaskRetryCount: 5 } });
    const never = await completed(client, 'retry', 'never');
    expect(never.executionInfo).toMatchObject({ exitCode: 2, result: 'failure', retryCount: 2 });
    expect(never.executionInfo?.lastRetryTime).toBeDefined();
    const flakyTask = await completed(client, 'retry', 'flaky');
    expect(flakyTask.executionInfo).toMatchObject({ exitCode: 0, result: 'success', retryCount: 1 });
    expect(await taskFile(client, 'retry', 'flaky', 'stdout.txt')).toBe('second\n');
  });

  it('ends a task that runs past maxWallClockTime with a failure, and a terminated task at once', async () => {
    const { client } = world;
    const [nodeId = ''] = await jobOnNewPool(client, 'limits', { taskSlotsPerNode: 2 });
    // The command starts a child of its own: the limit must end the whole process tree, not only the leader.
    await client.tasks.add('limits', { id: 'slow', commandLine: bash('sleep 60 & echo $! > ../child.pid; wait'), constraints: { maxWallClockTime: 'PT1S', maxTaskRetryCount: 3 } });
    await client.tasks.add('limits', { id: 'endless', commandLine: 'sleep 60' });
    const slow = await completed(client, 'limits', 'slow', 10_000);
    expect(slow.executionInfo).toMatchObject({ result: 'failure', retryCount: 0, failureInfo: { category: 'usererror', code: 'MaxWallClockTimeExpiry' } });
    const child = Number(readFileSync(`${slow.nodeInfo?.taskRootDirectory}/child.pid`, 'utf8'));
    await eventually(async () => (processAlive(child) ? undefined : true), 5000);
    await inState(client, 'limits', 'endless', 'running');
    const busy = await client.nodes.get('limits', nodeId);
    expect(busy).toMatchObject({ state: 'running', runningTasksCount: 1, runningTaskSlotsCount: 1, totalTasksRun: 1, totalTasksSucceeded: 0 });
    expect(busy.recentTasks?.map((t) => [t.jobId, t.taskId, t.taskState])).toEqual([['limits', 'endless', 'running']]);
    await client.tasks.terminate('limits', 'endless');
    const ended = await client.tasks.get('limits', 'endless');
    expect(ended).toMatchObject({ state: 'completed', executionInfo: { result: 'failure', failureInfo: { code: 'TaskEnded' } } });
    expect(await client.jobs.getTaskCounts('limits')).toMatchObject({ taskCounts: { running: 0, completed: 2, failed: 2 } });
  });

  it('reactivates a failed task, which then runs again', async () => {
    const { client } = world;
    await jobOnNewPool(client, 'again', {});
    await client.tasks.add('again', { id: 'once', commandLine: bash('f=$AZ_BATCH_NODE_SHARED_DIR/seen; [ -e $f ] && exit 0; touch $f; exit 1') });
    expect((await completed(client, 'again', 'once')).executionInfo?.result).toBe('failure');
    await client.tasks.reactivate('again', 'once');
    const rerun = await completed(client, 'again', 'once');
    expect(rerun.executionInfo).toMatchObject({ result: 'success', exitCode: 0, retryCount: 0 });
    await expect(client.tasks.reactivate('again', 'once')).rejects.toMatchObject({ code: 'OperationInvalidForCurrentState' });
  });
});
