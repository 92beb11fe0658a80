import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchServiceClient, BatchServiceModels } from '@azure/batch';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { eventually, JAMMY, sdkClient } from './api/sdk-client';
import { rawRequest } from './api/raw-request';

let emulator: EmulatorProcess;
let client: BatchServiceClient;

async function idleNodes(poolId: string, count: number): Promise<string[]> {
  return eventually(async () => {
    const nodes = await client.computeNode.list(poolId);
    return nodes.length === count && nodes.every((n) => n.state === 'idle') ? nodes.map((n) => n.id as string) : undefined;
  });
}

async function completed(jobId: string, taskId: string): Promise<BatchServiceModels.CloudTask> {
  return eventually(async () => {
    const task = await client.task.get(jobId, taskId);
    return task.state === 'completed' ? task : undefined;
  }, 20_000, 50);
}

async function text(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? []) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  emulator = await startEmulatorProcess({ timeScale: 0.01 });
  client = sdkClient(emulator);
  await client.pool.add({ id: 'spread', vmSize: 'standard_d2s_v3', virtualMachineConfiguration: JAMMY, targetDedicatedNodes: 2, taskSlotsPerNode: 2 });
  await client.pool.add({
    id: 'pack', vmSize: 'standard_d2s_v3', virtualMachineConfiguration: JAMMY, targetDedicatedNodes: 2, taskSlotsPerNode: 2,
    taskSchedulingPolicy: { nodeFillType: 'pack' },
  });
  await Promise.all([idleNodes('spread', 2), idleNodes('pack', 2)]);
});
afterAll(async () => emulator?.stop());

describe('tasks through the real @azure/batch 10.2.0 SDK (api-version 2022-10-01)', () => {
  it('runs tasks to a result, failure info and output the SDK reads, and counts them', async () => {
    await client.job.add({ id: 'sdk', poolInfo: { poolId: 'spread' } });
    const added = await client.task.addCollection('sdk', [
      { id: 'good', commandLine: '/bin/echo fine' },
      { id: 'bad', commandLine: "/bin/bash -c 'echo no such input >&2; exit 1'" },
    ]);
    expect(added.value?.map((r) => r.status)).toEqual(['success', 'success']);
    expect((await completed('sdk', 'good')).executionInfo).toMatchObject({ exitCode: 0, result: 'success' });
    const bad = await completed('sdk', 'bad');
    expect(bad.executionInfo).toMatchObject({ exitCode: 1, result: 'failure', failureInfo: { category: 'usererror', code: 'FailureExitCode' } });
    expect(bad.nodeInfo?.taskRootDirectory).toMatch(/\/workitems\/sdk\/job-1\/bad$/);
    expect(await text((await client.file.getFromTask('sdk', 'bad', 'stderr.txt')).readableStreamBody)).toBe('no such input\n');
    expect(await text((await client.file.getFromTask('sdk', 'good', 'stdout.txt')).readableStreamBody)).toBe('fine\n');
    const failed = await client.task.list('sdk', { taskListOptions: { filter: "executionInfo/result eq 'failure'", select: 'id,executionInfo' } });
    expect(failed.map((t) => t.id)).toEqual(['bad']);
    expect(await client.job.getTaskCounts('sdk')).toMatchObject({ taskCounts: { active: 0, running: 0, completed: 2, succeeded: 1, failed: 1 } });
  });

  it('answers a collection of 101 with the service 400, and a duplicate with TaskExists for that task alone', async () => {
    await client.job.add({ id: 'limits', poolInfo: { poolId: 'spread' } });
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ id: `t${i}`, commandLine: '/bin/true' }));
    // The SDK refuses 101 itself (its model says MaxItems 100); the service's own answer at its api-version is a 400.
    await expect(client.task.addCollection('limits', tooMany)).rejects.toThrow(/MaxItems|100/);
    const raw = await rawRequest(emulator, 'POST', '/jobs/limits/addtaskcollection?api-version=2022-10-01.16.0', { body: { value: tooMany } });
    expect([raw.status, raw.json?.code]).toEqual([400, 'RequestBodyTooLarge']);
    await client.task.add('limits', { id: 'taken', commandLine: '/bin/true' });
    const results = await client.task.addCollection('limits', [
      { id: 'fresh', commandLine: '/bin/true' }, { id: 'TAKEN', commandLine: '/bin/true' }, { id: 'fresh', commandLine: '/bin/true' },
    ]);
    expect(results.value?.map((r) => [r.taskId, r.status, r.error?.code])).toEqual([
      ['fresh', 'success', undefined], ['TAKEN', 'clienterror', 'TaskExists'], ['fresh', 'clienterror', 'TaskExists'],
    ]);
    expect((await client.task.list('limits')).map((t) => t.id).sort()).toEqual(['fresh', 'taken']);
  });

  it('spreads tasks over the nodes, or packs them onto one node, as the pool says', async () => {
    const placement = async (poolId: string) => {
      // Earlier tests' tasks may still be finishing on these nodes: placement is only defined from idle nodes.
      await idleNodes(poolId, 2);
      const jobId = `place-${poolId}`;
      await client.job.add({ id: jobId, poolInfo: { poolId } });
      await client.task.addCollection(jobId, [{ id: 'a', commandLine: 'sleep 2' }, { id: 'b', commandLine: 'sleep 2' }]);
      const running = await eventually(async () => {
        const tasks = await client.task.list(jobId, { taskListOptions: { filter: "state eq 'running'" } });
        return tasks.length === 2 ? tasks : undefined;
      }, 10_000, 50);
      const nodes = new Set(running.map((t) => t.nodeInfo?.nodeId));
      const busy = await client.computeNode.list(poolId, { computeNodeListOptions: { filter: "state eq 'running'" } });
      await client.job.terminate(jobId);
      return { nodes: nodes.size, busy: busy.length };
    };
    expect(await placement('spread')).toEqual({ nodes: 2, busy: 2 });
    expect(await placement('pack')).toEqual({ nodes: 1, busy: 1 });
  });

  it('runs the job preparation task once per node before its tasks, and the release task when the job ends', async () => {
    await client.job.add({
      id: 'prepared', poolInfo: { poolId: 'pack' }, onAllTasksComplete: 'terminatejob',
      jobPreparationTask: { commandLine: "/bin/bash -c 'echo ready > $AZ_BATCH_NODE_SHARED_DIR/prepared-flag'" },
      jobReleaseTask: { commandLine: '/bin/echo released' },
    });
    await client.task.addCollection('prepared', [
      { id: 'one', commandLine: "/bin/bash -c 'cat $AZ_BATCH_NODE_SHARED_DIR/prepared-flag'" },
      { id: 'two', commandLine: "/bin/bash -c 'cat $AZ_BATCH_NODE_SHARED_DIR/prepared-flag'" },
    ]);
    for (const id of ['one', 'two']) {
      expect((await completed('prepared', id)).executionInfo?.result).toBe('success');
      expect(await text((await client.file.getFromTask('prepared', id, 'stdout.txt')).readableStreamBody)).toBe('ready\n');
    }
    // onAllTasksComplete: terminatejob ends the job once both tasks completed; the release task runs first.
    const job = await eventually(async () => {
      const current = await client.job.get('prepared');
      return current.state === 'completed' ? current : undefined;
    }, 10_000, 50);
    expect(job.executionInfo?.terminateReason).toBe('AllTasksComplete');
    const status = await client.job.listPreparationAndReleaseTaskStatus('prepared');
    expect(status).toHaveLength(1);
    expect(status[0]?.jobPreparationTaskExecutionInfo).toMatchObject({ state: 'completed', exitCode: 0, result: 'success', retryCount: 0 });
    expect(status[0]?.jobReleaseTaskExecutionInfo).toMatchObject({ state: 'completed', exitCode: 0, result: 'success' });
    expect(status[0]?.jobReleaseTaskExecutionInfo?.taskRootDirectory).toMatch(/\/workitems\/prepared\/job-1\/jobrelease$/);
  });
});
