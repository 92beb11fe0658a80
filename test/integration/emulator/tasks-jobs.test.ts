import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { withRestEmulator } from '../batch/rest-fixture';
import { eventually } from '../../helpers/eventually';
import { sshRunWithPassword } from '../../helpers/ssh-login';
import { sshNatPool } from './api/sdk-client';
import { bash, completed, inState, jobOnNewPool, nodeRootOf } from './task-helpers';

const world = withRestEmulator();

describe('jobs with running tasks', () => {
  it('requeues running tasks when the job is disabled, runs them again when it is enabled, and ends them all on terminate', async () => {
    const { client } = world;
    await jobOnNewPool(client, 'pause', { taskSlotsPerNode: 2 });
    await client.tasks.addCollection('pause', [{ id: 'long', commandLine: 'sleep 60' }, { id: 'queued', commandLine: 'sleep 60', requiredSlots: 2 }]);
    await inState(client, 'pause', 'long', 'running');
    await client.jobs.disable('pause', { disableTasks: 'requeue' });
    const requeued = await client.tasks.get('pause', 'long');
    expect(requeued).toMatchObject({ state: 'active', executionInfo: { requeueCount: 1 } });
    await eventually(async () => ((await client.jobs.get('pause')).state === 'disabled' ? true : undefined));
    expect((await client.jobs.getTaskCounts('pause')).taskCounts).toMatchObject({ active: 2, running: 0 });
    await client.jobs.enable('pause');
    // The requeued task went to the back of the queue: the two-slot task now fills the node first.
    await inState(client, 'pause', 'queued', 'running');
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
    await inState(client, 'prep-fails', 'waits', 'active');
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
    const running = await inState(client, 'reboot', 'survivor', 'running');
    // Reboot only once the first run has left its mark, so the second run is the one that exits 0.
    const nodeRoot = nodeRootOf(running);
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
    const preparing = await inState(client, 'reprep-job', 'after', 'preparing');
    const nodeRoot = nodeRootOf(preparing);
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
