import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRow } from '../../../contract/features/jobs-models';
import type { TaskFilter } from '../../../contract/features/tasks';
import { startJobsFixture, type JobsFixture } from './jobs-fixture';

let j: JobsFixture;
const accountId = 'acc-sandbox';

beforeAll(async () => {
  j = await startJobsFixture();
  await j.fx.createSshPool('tasks-pool', 2, { ssh: false });
  await j.call('jobs:create', { accountId, spec: { id: 'big', poolId: 'tasks-pool' } });
  // 2,500 completed tasks, every 10th failed: the emulator's admin path writes them in one call.
  await j.fx.rest.requester.send({ method: 'POST', path: '/_emulator/jobs/big/seedtasks', body: { count: 2500, failedEvery: 10, idPrefix: 'frame-' }, expect: [200] });
}, 60_000);
afterAll(async () => j?.stop());

/** Every page of a listing, as the renderer would scroll through it. */
async function allPages(jobId: string, filter: TaskFilter, columns: ('state' | 'exitCode' | 'result' | 'commandLine')[], maxResults: number): Promise<{ rows: TaskRow[]; pages: number }> {
  const rows: TaskRow[] = [];
  let pages = 0;
  let pageToken: string | undefined;
  do {
    const page = await j.call('tasks:page', { accountId, jobId, filter, columns, maxResults, ...(pageToken ? { pageToken } : {}) });
    rows.push(...page.rows);
    pages++;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return { rows, pages };
}

describe('task pages of a big job, filtered on the server', () => {
  it('pages through 2,500 tasks 1,000 at a time with only the asked columns', async () => {
    const first = await j.call('tasks:page', { accountId, jobId: 'big', columns: ['state', 'exitCode'], maxResults: 1000 });
    expect(first.rows).toHaveLength(1000);
    expect(first.nextPageToken).toBeTruthy();
    // Only what the columns need crossed: no command line, no times.
    expect(Object.keys(first.rows[0] ?? {}).sort()).toEqual(['exitCode', 'id', 'state']);

    const { rows, pages } = await allPages('big', 'all', ['state'], 1000);
    expect(pages).toBe(3);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2500);
  });

  it('the failed filter answers exactly the failed tasks, as many as taskcounts says', async () => {
    const { counts } = await j.call('jobs:task-counts', { accountId, jobIds: ['big'] });
    expect(counts.big).toMatchObject({ completed: 2500, failed: 250, succeeded: 2250 });
    const failed = await allPages('big', 'failed', ['result', 'exitCode'], 1000);
    expect(failed.rows).toHaveLength(250);
    expect(failed.rows.every((r) => r.result === 'failure' && r.exitCode !== 0)).toBe(true);
    expect(failed.rows.map((r) => r.id)).toContain('frame-0010');
    const succeeded = await allPages('big', 'succeeded', ['result'], 1000);
    expect(succeeded.rows).toHaveLength(2250);
    expect((await allPages('big', 'active', ['state'], 1000)).rows).toHaveLength(0);
  });

  it('a page token works only for the listing that handed it out', async () => {
    const first = await j.call('tasks:page', { accountId, jobId: 'big', filter: 'failed', columns: ['state'], maxResults: 100 });
    const other = await j.refused('tasks:page', { accountId, jobId: 'big', filter: 'all', columns: ['state'], maxResults: 100, pageToken: first.nextPageToken });
    expect(other).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('another task list') });
    const forged = await j.refused('tasks:page', { accountId, jobId: 'big', columns: ['state'], maxResults: 100, pageToken: 'https://evil.example/jobs' });
    expect(forged.code).toBe('NOT_FOUND');
    // The right listing still continues where it stopped.
    const second = await j.call('tasks:page', { accountId, jobId: 'big', filter: 'failed', columns: ['state'], maxResults: 100, pageToken: first.nextPageToken });
    expect(second.rows[0]?.id).not.toBe(first.rows[0]?.id);
  });
});

describe('adding tasks', () => {
  it('adds 250 tasks 100 per request: the 2 that exist fail with TaskExists, the other 248 go in', async () => {
    await j.call('jobs:create', { accountId, spec: { id: 'adds', poolId: 'tasks-pool' } });
    // Disabled: the tasks wait instead of running 250 processes on the test machine.
    await j.call('jobs:disable', { accountId, jobId: 'adds', disableTasks: 'wait' });
    await j.call('tasks:add', { accountId, jobId: 'adds', task: { id: 'part-007', commandLine: '/bin/true' } });
    await j.call('tasks:add', { accountId, jobId: 'adds', task: { id: 'part-200', commandLine: '/bin/true' } });
    const tasks = Array.from({ length: 250 }, (_, i) => ({ id: `part-${String(i + 1).padStart(3, '0')}`, commandLine: `/bin/echo ${i + 1}` }));
    const { operationId, total } = await j.call('tasks:add-collection', { accountId, jobId: 'adds', tasks });
    expect(total).toBe(250);
    const summary = await j.fx.whenDone(operationId);
    expect(summary).toMatchObject({ kind: 'task-add', state: 'finished', outcomes: { added: 248 }, counts: { succeeded: 248, failed: 2 } });
    const items = j.fx.operations.get(operationId).items.filter((i) => i.status === 'failed');
    expect(items.map((i) => [i.id, i.error?.serviceCode])).toEqual([['part-007', 'TaskExists'], ['part-200', 'TaskExists']]);
    const { counts } = await j.call('jobs:task-counts', { accountId, jobIds: ['adds'] });
    expect(counts.adds).toMatchObject({ active: 250 });
  });

  it('a task too large for any request fails alone with RequestBodyTooLarge; its 149 neighbours go in', async () => {
    // 40 variables of 32 KiB: over the service's 1 MiB request limit even alone.
    const huge = { id: 'huge', commandLine: '/bin/true', environment: Array.from({ length: 40 }, (_, i) => ({ name: `BLOB_${i}`, value: 'x'.repeat(32_768) })) };
    const tasks = Array.from({ length: 150 }, (_, i) => (i === 42 ? huge : { id: `small-${i}`, commandLine: '/bin/true' }));
    const { operationId } = await j.call('tasks:add-collection', { accountId, jobId: 'adds', tasks });
    expect(await j.fx.whenDone(operationId)).toMatchObject({ state: 'finished', outcomes: { added: 149 }, counts: { failed: 1 } });
    const failed = j.fx.operations.get(operationId).items.filter((i) => i.status === 'failed');
    expect(failed).toEqual([expect.objectContaining({ id: 'huge', error: expect.objectContaining({ serviceCode: 'RequestBodyTooLarge' }) })]);
  });

  it('refuses duplicate ids in one request, a bad variable name or a bad id, and adds nothing', async () => {
    const before = await j.call('jobs:task-counts', { accountId, jobIds: ['adds'] });
    const dup = await j.refused('tasks:add-collection', { accountId, jobId: 'adds', tasks: [{ id: 'x1', commandLine: 'a' }, { id: 'X1', commandLine: 'b' }] });
    expect(dup).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(JSON.stringify(dup.details)).toContain('appears more than once');
    const env = await j.refused('tasks:add', { accountId, jobId: 'adds', task: { id: 'y1', commandLine: 'a', environment: [{ name: 'BAD-NAME', value: '1' }] } });
    expect(env.code).toBe('INVALID_PAYLOAD');
    expect((await j.refused('tasks:add', { accountId, jobId: 'bad job', task: { id: 'y2', commandLine: 'a' } })).code).toBe('INVALID_PAYLOAD');
    expect(await j.call('jobs:task-counts', { accountId, jobIds: ['adds'] })).toMatchObject({ counts: before.counts });
    // A job that is not there is said once, before an operation starts.
    const operationsBefore = j.fx.operations.list({ accountId }).length;
    const missing = await j.refused('tasks:add-collection', { accountId, jobId: 'no-such-job', tasks: [{ id: 'z1', commandLine: 'a' }] });
    expect(missing).toMatchObject({ code: 'BATCH_ERROR', details: { serviceCode: 'JobNotFound' } });
    expect(j.fx.operations.list({ accountId })).toHaveLength(operationsBefore);
  });
});

describe('task detail', () => {
  it('shows resource and output files without their SAS tokens', async () => {
    await j.call('jobs:create', { accountId, spec: { id: 'sas', poolId: 'tasks-pool' } });
    await j.call('jobs:disable', { accountId, jobId: 'sas', disableTasks: 'wait' });
    const sas = 'sv=2024-01-01&sig=SECRET-SIGNATURE';
    await j.fx.rest.tasks.add('sas', {
      id: 'with-files',
      commandLine: '/bin/true',
      resourceFiles: [{ httpUrl: `http://127.0.0.1:9/inputs/scene.blend?${sas}`, filePath: 'scene.blend' }],
      outputFiles: [{ filePattern: '*.png', destination: { container: { containerUrl: `http://127.0.0.1:9/outputs?${sas}`, path: 'frames' } }, uploadOptions: { uploadCondition: 'tasksuccess' } }],
    });
    const detail = await j.call('tasks:get', { accountId, jobId: 'sas', taskId: 'with-files' });
    expect(detail.resourceFiles).toEqual([{ source: 'http://127.0.0.1:9/inputs/scene.blend?<SAS hidden>', filePath: 'scene.blend' }]);
    expect(detail.outputFiles).toEqual([{ filePattern: '*.png', destination: 'http://127.0.0.1:9/outputs?<SAS hidden> → frames', uploadCondition: 'tasksuccess' }]);
    expect(JSON.stringify(detail)).not.toContain('SECRET');
  });
});

describe('running tasks: output, failures and bulk actions', () => {
  it('finds the failures (exit 1 and a wall-clock timeout), tails stderr, downloads stdout, and reactivates the failed ones in bulk', async () => {
    await j.call('jobs:create', { accountId, spec: { id: 'run', poolId: 'tasks-pool' } });
    const bash = (script: string) => `/bin/bash -c '${script}'`;
    const tasks = [
      { id: 'ok-1', commandLine: bash('echo all good; echo done') },
      { id: 'ok-2', commandLine: '/bin/true' },
      { id: 'bad-1', commandLine: bash('echo working; echo "disk full on /mnt" >&2; exit 1') },
      { id: 'bad-2', commandLine: bash('echo nope >&2; exit 1') },
      { id: 'slow', commandLine: '/bin/sleep 30', maxWallClockTime: 'PT1S' },
    ];
    const added = await j.call('tasks:add-collection', { accountId, jobId: 'run', tasks });
    expect((await j.fx.whenDone(added.operationId)).outcomes.added).toBe(5);
    await j.allCompleted('run');

    const failed = await allPages('run', 'failed', ['exitCode', 'result'], 100);
    expect(failed.rows.map((r) => r.id).sort()).toEqual(['bad-1', 'bad-2', 'slow']);
    const { counts } = await j.call('jobs:task-counts', { accountId, jobIds: ['run'] });
    expect(counts.run).toMatchObject({ failed: 3, succeeded: 2 });

    const detail = await j.call('tasks:get', { accountId, jobId: 'run', taskId: 'bad-1' });
    expect(detail).toMatchObject({ state: 'completed', executionInfo: { exitCode: 1, result: 'failure', failureInfo: { category: 'usererror' } }, nodeInfo: { poolId: 'tasks-pool' } });
    expect(detail.nodeInfo?.taskRootDirectory).toMatch(/workitems\/run\/job-1\/bad-1$/);
    const tail = await j.call('tasks:file-read', { accountId, jobId: 'run', taskId: 'bad-1', path: 'stderr.txt', tail: true, maxBytes: 8 });
    expect(tail).toMatchObject({ text: 'on /mnt\n', end: 'disk full on /mnt\n'.length });
    // Following from the end: nothing new once the task is over.
    expect((await j.call('tasks:file-read', { accountId, jobId: 'run', taskId: 'bad-1', path: 'stderr.txt', fromByte: tail.end })).text).toBe('');

    // A download in 4-byte slices puts the file back together byte for byte.
    let fromByte = 0;
    const parts: Buffer[] = [];
    for (;;) {
      const slice = await j.call('tasks:file-bytes', { accountId, jobId: 'run', taskId: 'ok-1', path: 'stdout.txt', fromByte, maxBytes: 4 });
      parts.push(Buffer.from(slice.base64, 'base64'));
      fromByte = slice.end;
      if (slice.end >= slice.size) break;
    }
    expect(Buffer.concat(parts).toString('utf8')).toBe('all good\ndone\n');
    const files = await j.call('tasks:files', { accountId, jobId: 'run', taskId: 'ok-1', recursive: false });
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['stdout.txt', 'stderr.txt']));

    // Reactivating a selection: each task gets its own answer (a succeeded task cannot be reactivated).
    const mixed = await j.call('tasks:action', { accountId, jobId: 'run', action: 'reactivate', target: { taskIds: ['bad-2', 'ok-2'] } });
    await j.fx.whenDone(mixed.operationId);
    const mixedItems = Object.fromEntries(j.fx.operations.get(mixed.operationId).items.map((i) => [i.id, i]));
    expect(mixedItems['bad-2']).toMatchObject({ status: 'succeeded', outcome: 'reactivated' });
    expect(mixedItems['ok-2']).toMatchObject({ status: 'failed', error: { code: 'BATCH_ERROR' } });
    expect(mixedItems['ok-2']?.error?.serviceCode).toBeTruthy();
    await j.allCompleted('run');

    // "All failed": main lists them on the server, and each runs again.
    const all = await j.call('tasks:action', { accountId, jobId: 'run', action: 'reactivate', target: { filter: 'failed' } });
    expect(all.total).toBe(3);
    expect(await j.fx.whenDone(all.operationId)).toMatchObject({ kind: 'task-action', subject: 'reactivate run', outcomes: { reactivated: 3 } });
    await j.allCompleted('run');
    const again = await j.call('tasks:get', { accountId, jobId: 'run', taskId: 'bad-1' });
    expect(Date.parse(again.executionInfo?.startTime ?? '')).toBeGreaterThan(Date.parse(detail.executionInfo?.startTime ?? ''));

    // Bulk delete of the succeeded ones leaves only the failed.
    const del = await j.call('tasks:action', { accountId, jobId: 'run', action: 'delete', target: { filter: 'succeeded' } });
    expect((await j.fx.whenDone(del.operationId)).outcomes.deleted).toBe(2);
    expect((await allPages('run', 'all', ['state'], 100)).rows.map((r) => r.id).sort()).toEqual(['bad-1', 'bad-2', 'slow']);
  }, 60_000);
});

describe('following a running task', () => {
  it('the running filter shows it while it runs, and reading on from each end follows its output to the last line', async () => {
    await j.call('jobs:create', { accountId, spec: { id: 'live', poolId: 'tasks-pool' } });
    const script = 'for i in 1 2 3 4 5 6; do echo "line $i"; sleep 0.3; done';
    await j.call('tasks:add', { accountId, jobId: 'live', task: { id: 'ticker', commandLine: `/bin/bash -c '${script}'` } });
    await expect.poll(async () => (await allPages('live', 'running', ['state'], 10)).rows.map((r) => r.id), { timeout: 10_000, interval: 50 }).toEqual(['ticker']);

    let text = '';
    let fromByte = 0;
    let reads = 0;
    for (;;) {
      const chunk = await j.call('tasks:file-read', { accountId, jobId: 'live', taskId: 'ticker', path: 'stdout.txt', fromByte }).catch(() => undefined);
      if (chunk) {
        text += chunk.text;
        fromByte = chunk.end;
        if (chunk.text) reads++;
      }
      const task = await j.call('tasks:get', { accountId, jobId: 'live', taskId: 'ticker' });
      if (task.state === 'completed' && chunk && chunk.end === chunk.size) break;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(text).toBe('line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n');
    // It arrived in several slices while it ran, not once at the end.
    expect(reads).toBeGreaterThan(2);
    expect((await allPages('live', 'running', ['state'], 10)).rows).toEqual([]);
  }, 30_000);
});
