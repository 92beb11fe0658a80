import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { idleNodes, noblePool, withRestEmulator } from '../batch/rest-fixture';
import { eventually } from '../../helpers/eventually';
import type { BatchTask, BatchTaskCreateOptions } from '../../../main/batch/rest/models/tasks';
import type { BatchRestClient } from '../../../main/batch/rest/batch-rest-client';
import { batchPath } from '../../../main/batch/rest/batch-requester';
import { existsSync, readFileSync } from 'node:fs';
import { processAlive } from '../../helpers/eventually';
import { sshRunWithPassword } from '../../helpers/ssh-login';
import { sshNatPool } from './api/sdk-client';

const world = withRestEmulator();

async function completed(client: BatchRestClient, jobId: string, taskId: string, timeoutMs = 20_000): Promise<BatchTask> {
  return eventually(async () => {
    const task = await client.tasks.get(jobId, taskId);
    return task.state === 'completed' ? task : undefined;
  }, timeoutMs, 50);
}

async function taskFile(client: BatchRestClient, jobId: string, taskId: string, name: string): Promise<string> {
  const response = await client.requester.sendForBytes({ method: 'GET', path: batchPath`/jobs/${jobId}/tasks/${taskId}/files/${name}`, expect: [200] });
  return response.body.toString('utf8');
}

async function jobOnNewPool(client: BatchRestClient, id: string, pool: Parameters<typeof noblePool>[1], nodes = 1): Promise<string[]> {
  await client.pools.create(noblePool(id, { targetDedicatedNodes: nodes, ...pool }));
  const ids = await idleNodes(client, id, nodes);
  await client.jobs.create({ id, poolInfo: { poolId: id } });
  return ids;
}

const bash = (script: string) => `/bin/bash -c '${script}'`;

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
    await eventually(async () => ((await client.tasks.get('limits', 'endless')).state === 'running' ? true : undefined));
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

describe('jobs with running tasks', () => {
  it('requeues running tasks when the job is disabled, runs them again when it is enabled, and ends them all on terminate', async () => {
    const { client } = world;
    await jobOnNewPool(client, 'pause', { taskSlotsPerNode: 2 });
    await client.tasks.addCollection('pause', [{ id: 'long', commandLine: 'sleep 60' }, { id: 'queued', commandLine: 'sleep 60', requiredSlots: 2 }]);
    await eventually(async () => ((await client.tasks.get('pause', 'long')).state === 'running' ? true : undefined));
    await client.jobs.disable('pause', { disableTasks: 'requeue' });
    const requeued = await client.tasks.get('pause', 'long');
    expect(requeued).toMatchObject({ state: 'active', executionInfo: { requeueCount: 1 } });
    await eventually(async () => ((await client.jobs.get('pause')).state === 'disabled' ? true : undefined));
    expect((await client.jobs.getTaskCounts('pause')).taskCounts).toMatchObject({ active: 2, running: 0 });
    await client.jobs.enable('pause');
    // The requeued task went to the back of the queue: the two-slot task now fills the node first.
    await eventually(async () => ((await client.tasks.get('pause', 'queued')).state === 'running' ? true : undefined));
    expect((await client.tasks.get('pause', 'long')).state).toBe('active');
    await client.jobs.terminate('pause', { terminateReason: 'enough' });
    const counts = await client.jobs.getTaskCounts('pause');
    expect(counts.taskCounts).toMatchObject({ active: 0, running: 0, completed: 2, failed: 2 });
    expect(counts.taskSlotCounts).toMatchObject({ completed: 3 });
    const job = await eventually(async () => {
      const current = await client.jobs.get('pause');
      return current.state === 'completed' ? current : undefined;
    });
    expect(job.executionInfo?.terminateReason).toBe('enough');
  });

  it('keeps tasks off a node whose job preparation task failed, and says why in the preparation status', async () => {
    const { client } = world;
    await jobOnNewPool(client, 'unprepared', {});
    await client.jobs.create({ id: 'prep-fails', poolInfo: { poolId: 'unprepared' }, jobPreparationTask: { commandLine: bash('echo no licence >&2; exit 4') } });
    await client.tasks.add('prep-fails', { id: 'waits', commandLine: '/bin/true' });
    type Status = { value: { jobPreparationTaskExecutionInfo?: { state: string; exitCode?: number; result?: string; failureInfo?: { code: string } } }[] };
    const status = await eventually(async () => {
      const body = (await client.requester.send<Status>({ method: 'GET', path: '/jobs/prep-fails/jobpreparationandreleasetaskstatus', expect: [200] })).body;
      return body.value[0]?.jobPreparationTaskExecutionInfo?.state === 'completed' ? body.value[0].jobPreparationTaskExecutionInfo : undefined;
    });
    expect(status).toMatchObject({ exitCode: 4, result: 'failure', failureInfo: { code: 'FailureExitCode' } });
    await eventually(async () => ((await client.tasks.get('prep-fails', 'waits')).state === 'active' ? true : undefined));
    expect((await client.jobs.getTaskCounts('prep-fails')).taskCounts).toMatchObject({ active: 1, running: 0, completed: 0 });
    await client.jobs.create({ id: 'no-prep', poolInfo: { poolId: 'unprepared' } });
    await expect(client.requester.send({ method: 'GET', path: '/jobs/no-prep/jobpreparationandreleasetaskstatus', expect: [200] })).rejects.toMatchObject({
      code: 'JobPreparationTaskOrReleaseTaskNotSpecified',
    });
  });

  it('puts a running task back in the queue when its node reboots, and runs it again once the node is back', async () => {
    const { client } = world;
    const [nodeId = ''] = await jobOnNewPool(client, 'reboot', {});
    await client.tasks.add('reboot', { id: 'survivor', commandLine: bash('[ -e $AZ_BATCH_NODE_SHARED_DIR/second ] && exit 0; touch $AZ_BATCH_NODE_SHARED_DIR/second; sleep 60') });
    const running = await eventually(async () => {
      const task = await client.tasks.get('reboot', 'survivor');
      return task.state === 'running' ? task : undefined;
    });
    // Reboot only once the first run has left its mark, so the second run is the one that exits 0.
    const nodeRoot = String(running.nodeInfo?.taskRootDirectory).replace(/\/workitems\/.*$/, '');
    await eventually(async () => (existsSync(`${nodeRoot}/shared/second`) ? true : undefined));
    await client.nodes.reboot('reboot', nodeId);
    expect(await client.tasks.get('reboot', 'survivor')).toMatchObject({ state: 'active', previousState: 'running', executionInfo: { requeueCount: 1 } });
    const done = await completed(client, 'reboot', 'survivor');
    expect(done.executionInfo).toMatchObject({ result: 'success', requeueCount: 1, retryCount: 0 });
  });

  it('runs the job preparation task again after a reboot ended it, then the task', async () => {
    const { client } = world;
    const [nodeId = ''] = await jobOnNewPool(client, 'reprep', {});
    const prep = bash('[ -e $AZ_BATCH_NODE_SHARED_DIR/prepped ] && exit 0; touch $AZ_BATCH_NODE_SHARED_DIR/prepped; sleep 60');
    await client.jobs.create({ id: 'reprep-job', poolInfo: { poolId: 'reprep' }, jobPreparationTask: { commandLine: prep } });
    await client.tasks.add('reprep-job', { id: 'after', commandLine: '/bin/echo prepared' });
    const preparing = await eventually(async () => {
      const task = await client.tasks.get('reprep-job', 'after');
      return task.state === 'preparing' ? task : undefined;
    });
    const nodeRoot = String(preparing.nodeInfo?.taskRootDirectory).replace(/\/workitems\/.*$/, '');
    await eventually(async () => (existsSync(`${nodeRoot}/shared/prepped`) ? true : undefined));
    await client.nodes.reboot('reprep', nodeId);
    expect((await completed(client, 'reprep-job', 'after')).executionInfo).toMatchObject({ result: 'success', requeueCount: 1 });
    type Status = { value: { jobPreparationTaskExecutionInfo?: { state: string; result?: string } }[] };
    const status = (await client.requester.send<Status>({ method: 'GET', path: '/jobs/reprep-job/jobpreparationandreleasetaskstatus', expect: [200] })).body;
    expect(status.value[0]?.jobPreparationTaskExecutionInfo).toMatchObject({ state: 'completed', result: 'success' });
  });

  it('opens a node shell that can cd into nodeInfo.taskRootDirectory and list the task files', async () => {
    const { client } = world;
    const start = 30000 + Math.floor(Math.random() * 200) * 100;
    const [nodeId = ''] = await jobOnNewPool(client, 'shell', { networkConfiguration: sshNatPool(start) });
    await client.tasks.add('shell', { id: 'where', commandLine: bash('echo made > output.dat') });
    const task = await completed(client, 'shell', 'where');
    await client.nodes.addUser('shell', nodeId, { name: 'ops', password: 'Secret-123', isAdmin: true });
    const login = await client.nodes.getRemoteLoginSettings('shell', nodeId);
    const root = String(task.nodeInfo?.taskRootDirectory);
    const output = await sshRunWithPassword(
      { host: '127.0.0.1', port: Number(login.remoteLoginPort), username: 'ops', password: 'Secret-123' },
      `cd ${root} && pwd && ls && cat wd/output.dat`,
    );
    expect(output.split('\n')).toEqual([root, 'stderr.txt', 'stdout.txt', 'wd', 'made', '']);
  });
});
