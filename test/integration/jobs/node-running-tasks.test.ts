import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchHandlers, createBatchServices } from '../../../main/batch/batch-feature';
import { EventBus } from '../../../main/events';
import { ContractRouter, type InvokeHandlers } from '../../../main/router';
import { emulatorSource } from '../../helpers/emulator-source';
import { eventually } from '../../helpers/eventually';
import { MemoryLogger } from '../ssh/terminal-fixture';
import { startJobsFixture, type JobsFixture } from './jobs-fixture';

/** nodes:running-tasks: what a node runs now, read on demand for "Open a shell where <task> runs". */
let j: JobsFixture;
let router: ContractRouter;
const accountId = 'acc-sandbox';
const ctx = { trusted: true, origin: 'test', connectionId: 'test' };

beforeAll(async () => {
  j = await startJobsFixture();
  await j.fx.createSshPool('busy-pool', 2, { ssh: false });
  await j.call('jobs:create', { accountId, spec: { id: 'busy-job', poolId: 'busy-pool' } });
  const services = createBatchServices(emulatorSource(j.fx.emulator, j.fx.accountId), new EventBus());
  router = new ContractRouter(batchHandlers(services) as unknown as InvokeHandlers, new MemoryLogger());
}, 60_000);
afterAll(async () => j?.stop());

/** The channel's answer: its value, or its error. */
async function runningTasks(payload: unknown) {
  return router.dispatch('nodes:running-tasks', payload, ctx);
}

describe('the tasks a node runs now', () => {
  it('names the running task on its node and none on the other; none once it was terminated', async () => {
    await j.call('tasks:add', { accountId, jobId: 'busy-job', task: { id: 'long', commandLine: '/bin/sleep 30' } });
    const nodeId = await eventually(async () => {
      const t = await j.call('tasks:get', { accountId, jobId: 'busy-job', taskId: 'long' });
      return t.state === 'running' ? t.nodeInfo?.nodeId : undefined;
    }, 20_000, 100);
    const nodes = await j.fx.rest.nodes.list('busy-pool');
    const other = nodes.find((n) => n.id !== nodeId)?.id;
    expect(await runningTasks({ accountId, poolId: 'busy-pool', nodeId })).toEqual({ ok: true, value: [{ jobId: 'busy-job', taskId: 'long', state: 'running' }] });
    expect(await runningTasks({ accountId, poolId: 'busy-pool', nodeId: other })).toEqual({ ok: true, value: [] });

    await j.fx.rest.tasks.terminate('busy-job', 'long');
    await eventually(async () => {
      const answer = await runningTasks({ accountId, poolId: 'busy-pool', nodeId });
      return answer.ok && (answer.value as unknown[]).length === 0 ? true : undefined;
    }, 10_000, 100);
  });

  it('refuses a bad node id before any request, and says when the node does not exist', async () => {
    const bad = await runningTasks({ accountId, poolId: 'busy-pool', nodeId: '../x' });
    expect(bad.ok ? undefined : bad.error.code).toBe('INVALID_PAYLOAD');
    const missing = await runningTasks({ accountId, poolId: 'busy-pool', nodeId: 'tvm-missing' });
    expect(missing.ok ? undefined : missing.error).toMatchObject({ code: 'BATCH_ERROR', details: { serviceCode: 'NodeNotFound' } });
  });
});
