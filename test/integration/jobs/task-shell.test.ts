import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../contract/features/terminal';
import { taskShellUser } from '../../../main/jobs/task-shell-service';
import { eventually } from '../../helpers/eventually';
import { startJobsFixture, type JobsFixture } from './jobs-fixture';

let j: JobsFixture;
const accountId = 'acc-sandbox';

beforeAll(async () => {
  j = await startJobsFixture();
  await j.fx.createSshPool('shell-pool', 1);
  await j.call('jobs:create', { accountId, spec: { id: 'shell-job', poolId: 'shell-pool' } });
}, 60_000);
afterAll(async () => j?.stop());

/** Everything a session printed so far, as one string. */
function output(sessionId: string): string {
  return j.termEvents
    .filter((e) => e.name === 'term:data' && (e.payload as { sessionId: string }).sessionId === sessionId)
    .map((e) => (e.payload as { data: string }).data)
    .join('');
}

/** The session's latest status. */
function status(sessionId: string): SessionStatus | undefined {
  const last = j.termEvents.filter((e) => e.name === 'term:status' && (e.payload as { sessionId: string }).sessionId === sessionId).at(-1);
  return (last?.payload as { status: SessionStatus } | undefined)?.status;
}

/** Trusts the node's host key when asked (as the user would), and waits until the shell is connected. */
async function connected(sessionId: string): Promise<void> {
  await eventually(async () => {
    const s = status(sessionId);
    if (s?.state === 'host-key-prompt') await j.call('hostkeys:decide', { hostKeyId: s.hostKeyId, fingerprint: s.key.fingerprint, decision: 'trust' });
    if (s?.state === 'disconnected') throw new Error(`session ended: ${s.reason}`);
    return s?.state === 'connected' ? true : undefined;
  }, 20_000, 50);
}

/**
 * Checks in the shell that every AZ_BATCH_* variable it has carries the value the task itself saw (the task wrote its
 * own to azenv.txt in its working directory, where the shell starts).
 */
async function compareAzBatch(sessionId: string): Promise<{ same: string[]; differ: string[] }> {
  const start = output(sessionId).length;
  await j.call('term:input', { sessionIds: [sessionId], data: 'for v in ${!AZ_BATCH_*}; do grep -qxF "$v=${!v}" azenv.txt && echo "SAME:$v" || echo "DIFF:$v"; done; echo CHECKED-$((40+2))\r' });
  await eventually(async () => (output(sessionId).slice(start).includes('CHECKED-42') ? true : undefined), 10_000, 50);
  const text = output(sessionId).slice(start);
  const names = (kind: string) => [...text.matchAll(new RegExp(`${kind}:(\\w+)`, 'g'))].map((m) => m[1] as string);
  return { same: names('SAME'), differ: names('DIFF') };
}

describe('"Open a shell here" on a failed task', () => {
  it('opens an SSH terminal as the provisioned admin user in the task\'s working directory with its environment exported', async () => {
    const commandLine = `/bin/bash -c 'echo partial > result.txt; env | grep ^AZ_BATCH_ > azenv.txt; echo "it broke" >&2; exit 1'`;
    await j.call('tasks:add', { accountId, jobId: 'shell-job', task: { id: 'broken', commandLine, environment: [{ name: 'QUOTED', value: `it's "teal" $HOME` }] } });
    await j.allCompleted('shell-job');
    const detail = await j.call('tasks:get', { accountId, jobId: 'shell-job', taskId: 'broken' });
    expect(detail.executionInfo).toMatchObject({ exitCode: 1, result: 'failure' });
    // What the task left in its working directory is readable through the files API too (a path with a folder in it).
    expect((await j.call('tasks:file-read', { accountId, jobId: 'shell-job', taskId: 'broken', path: 'wd/result.txt' })).text).toBe('partial\n');
    expect((await j.call('tasks:files', { accountId, jobId: 'shell-job', taskId: 'broken', recursive: true })).map((f) => f.name)).toContain('wd/result.txt');

    const opened = await j.call('tasks:open-shell', { accountId, jobId: 'shell-job', taskId: 'broken', cols: 200, rows: 40 });
    expect(opened).toMatchObject({ poolId: 'shell-pool', nodeId: detail.nodeInfo?.nodeId, userName: taskShellUser, workingDirectory: `${detail.nodeInfo?.taskRootDirectory}/wd` });
    expect(opened.exported).toEqual(expect.arrayContaining(['QUOTED', 'AZ_BATCH_TASK_ID', 'AZ_BATCH_JOB_ID', 'AZ_BATCH_TASK_WORKING_DIR', 'AZ_BATCH_NODE_ID']));
    expect(Date.parse(opened.expiresAt) - Date.now()).toBeGreaterThan(3 * 3_600_000);
    // The admin user is on that node only, as an administrator, in the provisioning registry the remote-login table reads.
    const table = await j.fx.provisioning.handlers['remote-login:list']({ accountId, poolId: 'shell-pool', refresh: false }, { trusted: true, origin: 'test', connectionId: 'test' });
    expect(table.users).toEqual([expect.objectContaining({ userName: taskShellUser, isAdmin: true, authKind: 'managedKey' })]);

    const sessionId = opened.session.sessionId;
    await connected(sessionId);
    await j.call('term:input', { sessionIds: [sessionId], data: 'echo "@@$(pwd)@@"; ls; echo "[$QUOTED] $AZ_BATCH_TASK_ID/$AZ_BATCH_JOB_ID $USER"\r' });
    await eventually(async () => (output(sessionId).includes('] broken/shell-job') ? true : undefined), 10_000, 50);
    const text = output(sessionId);
    expect(text).toContain(`@@${opened.workingDirectory}@@`);
    expect(text).toContain('result.txt');
    expect(text).toContain(`[it's "teal" $HOME] broken/shell-job ${taskShellUser}`);
    expect(await compareAzBatch(sessionId)).toMatchObject({ differ: [], same: expect.arrayContaining(['AZ_BATCH_TASK_WORKING_DIR', 'AZ_BATCH_NODE_ROOT_DIR']) });
    await j.call('term:close', { sessionId });
  }, 60_000);

  it('in a job with a preparation task the shell also has AZ_BATCH_JOB_PREP_DIR, as the task had', async () => {
    await j.call('jobs:create', { accountId, spec: { id: 'prep-job', poolId: 'shell-pool', jobPreparationTask: { commandLine: '/bin/true' } } });
    await j.call('tasks:add', { accountId, jobId: 'prep-job', task: { id: 'after-prep', commandLine: `/bin/bash -c 'env | grep ^AZ_BATCH_ > azenv.txt'` } });
    await j.allCompleted('prep-job');
    const opened = await j.call('tasks:open-shell', { accountId, jobId: 'prep-job', taskId: 'after-prep' });
    await connected(opened.session.sessionId);
    expect(await compareAzBatch(opened.session.sessionId)).toMatchObject({ differ: [], same: expect.arrayContaining(['AZ_BATCH_JOB_PREP_DIR', 'AZ_BATCH_JOB_PREP_WORKING_DIR']) });
    await j.call('term:close', { sessionId: opened.session.sessionId });
  }, 60_000);

  it('says the task has not run anywhere yet instead of opening a shell, and provisions no one', async () => {
    await j.call('jobs:create', { accountId, spec: { id: 'waiting', poolId: 'shell-pool' } });
    await j.call('jobs:disable', { accountId, jobId: 'waiting', disableTasks: 'wait' });
    await j.call('tasks:add', { accountId, jobId: 'waiting', task: { id: 'queued', commandLine: '/bin/true' } });
    const error = await j.refused('tasks:open-shell', { accountId, jobId: 'waiting', taskId: 'queued' });
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('has not been scheduled onto a node yet') });
  });

  it('on a pool without SSH says so before adding any user', async () => {
    await j.fx.createSshPool('closed-pool', 1, { ssh: false });
    await j.call('jobs:create', { accountId, spec: { id: 'closed-job', poolId: 'closed-pool' } });
    await j.call('tasks:add', { accountId, jobId: 'closed-job', task: { id: 'ran', commandLine: '/bin/true' } });
    await j.allCompleted('closed-job');
    const error = await j.refused('tasks:open-shell', { accountId, jobId: 'closed-job', taskId: 'ran' });
    expect(error.code).toBe('NO_SSH_ENDPOINT');
    const table = await j.fx.provisioning.handlers['remote-login:list']({ accountId, poolId: 'closed-pool', refresh: false }, { trusted: true, origin: 'test', connectionId: 'test' });
    expect(table.users).toEqual([]);
  });

  it('refuses a start folder that is not absolute or a variable name a shell cannot export, before anything connects', async () => {
    const base = { accountId, poolId: 'shell-pool', nodeId: 'any', user: taskShellUser };
    const eventsBefore = j.termEvents.length;
    expect((await j.refused('term:open-node', { ...base, startIn: { directory: 'relative/wd', environment: [] } })).code).toBe('INVALID_PAYLOAD');
    expect((await j.refused('term:open-node', { ...base, startIn: { directory: '/tmp', environment: [{ name: 'A B', value: 'x' }] } })).code).toBe('INVALID_PAYLOAD');
    expect((await j.refused('term:open-node', { ...base, startIn: { directory: '/tmp', environment: [{ name: 'A', value: 'x\nrm -rf /' }] } })).code).toBe('INVALID_PAYLOAD');
    // No session was started: not one terminal event since.
    expect(j.termEvents.length).toBe(eventsBefore);
  });
});
