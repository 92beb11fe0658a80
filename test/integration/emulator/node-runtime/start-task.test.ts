import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntimeFixture, processAlive, type RuntimeFixture } from './runtime-fixture';
import { eventually } from '../../../helpers/eventually';

describe('start tasks on an emulated node', () => {
  let fixture: RuntimeFixture;
  const startupFile = (name: string) => readFile(path.join(fixture.runtime.nodeDir(fixture.node), 'startup', name), 'utf8');

  beforeEach(async () => {
    fixture = await createRuntimeFixture();
  });
  afterEach(() => fixture.dispose());

  it('leaves the startup folder path in startup/stdout.txt for `printenv AZ_BATCH_NODE_STARTUP_DIR`', async () => {
    const outcome = await fixture.runtime.runStartTask(fixture.node, { commandLine: 'printenv AZ_BATCH_NODE_STARTUP_DIR' });
    expect(outcome).toMatchObject({ exitCode: 0, retryCount: 0 });
    expect(outcome.failure).toBeUndefined();
    expect(outcome.endTime.getTime()).toBeGreaterThanOrEqual(outcome.startTime.getTime());
    expect(await startupFile('stdout.txt')).toBe(path.join(fixture.runtime.nodeDir(fixture.node), 'startup') + '\n');
  });

  it('runs in startup/wd with the task environment settings and the Batch variables', async () => {
    const outcome = await fixture.runtime.runStartTask(fixture.node, {
      commandLine: `/bin/bash -c 'echo "$(pwd)|$GREETING|$AZ_BATCH_TASK_WORKING_DIR|$AZ_BATCH_POOL_ID"; echo oops >&2'`,
      environmentSettings: [{ name: 'GREETING', value: 'hello world' }, { name: 'AZ_BATCH_POOL_ID', value: 'spoofed' }],
    });
    const wd = path.join(fixture.runtime.nodeDir(fixture.node), 'startup', 'wd');
    expect(outcome.exitCode).toBe(0);
    expect(await startupFile('stdout.txt')).toBe(`${wd}|hello world|${wd}|${fixture.node.poolId}\n`);
    expect(await startupFile('stderr.txt')).toBe('oops\n');
  });

  it('retries a failing start task up to maxTaskRetryCount and reports the failure', async () => {
    const outcome = await fixture.runtime.runStartTask(fixture.node, {
      commandLine: "/bin/bash -c 'echo attempt; exit 4'",
      maxTaskRetryCount: 2,
    });
    expect(outcome).toMatchObject({ exitCode: 4, retryCount: 2, failure: { category: 'usererror', code: 'FailureExitCode' } });
    expect(await startupFile('stdout.txt')).toBe('attempt\nattempt\nattempt\n');
  });

  it('starts with fresh output files on the next run (reboot)', async () => {
    await fixture.runtime.runStartTask(fixture.node, { commandLine: 'echo first' });
    await fixture.runtime.runStartTask(fixture.node, { commandLine: 'echo second' });
    expect(await startupFile('stdout.txt')).toBe('second\n');
  });

  it('kills a running start task and what it started when the node is stopped', async () => {
    const outcome = fixture.runtime.runStartTask(fixture.node, { commandLine: "/bin/bash -c 'sleep 300 & echo $! $$; wait'" });
    let pids: number[] = [];
    while (pids.length < 2) {
      pids = (await startupFile('stdout.txt').catch(() => '')).trim().split(' ').filter(Boolean).map(Number);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await expect(fixture.runtime.runStartTask(fixture.node, { commandLine: 'true' })).rejects.toThrow(/already running/);
    await fixture.runtime.stopNode(fixture.node);
    expect(await outcome).toMatchObject({ failure: { category: 'servererror', code: 'TaskEnded' } });
    // SIGKILL is delivered asynchronously: on a busy machine the orphaned `sleep` may take a moment to die.
    await eventually(async () => (pids.filter(processAlive).length === 0 ? true : undefined), 5000, 50);
  });

  it('runs the command line without a shell, as Batch does on Linux: shell syntax reaches the program as text', async () => {
    const outcome = await fixture.runtime.runStartTask(fixture.node, { commandLine: 'echo $HOME; exit 4 > nowhere' });
    expect(outcome).toMatchObject({ exitCode: 0 });
    expect(await startupFile('stdout.txt')).toBe('$HOME; exit 4 > nowhere\n');
  });

  it('fails a start task whose program does not exist or whose quotes do not close, with the reason', async () => {
    const missing = await fixture.runtime.runStartTask(fixture.node, { commandLine: 'no-such-program --flag' });
    expect(missing.failure).toMatchObject({ category: 'usererror', code: 'CommandProgramNotFound' });
    const unclosed = await fixture.runtime.runStartTask(fixture.node, { commandLine: "/bin/bash -c 'echo hi" });
    expect(unclosed.failure).toMatchObject({ category: 'usererror', code: 'CommandLineInvalid', message: expect.stringMatching(/unterminated single quote/) });
  });

  it('refuses a bad environment variable name without touching the output files', async () => {
    await fixture.runtime.runStartTask(fixture.node, { commandLine: 'echo kept' });
    await expect(
      fixture.runtime.runStartTask(fixture.node, { commandLine: 'true', environmentSettings: [{ name: 'A=B', value: 'x' }] }),
    ).rejects.toThrow(/Invalid environment variable name "A=B"/);
    expect(await startupFile('stdout.txt')).toBe('kept\n');
  });
});

describe('node identity', () => {
  it('gives each node its own host name, from `hostname` and $HOSTNAME alike', async () => {
    const fixture = await createRuntimeFixture();
    try {
      const names: string[] = [];
      for (const node of [fixture.node, { poolId: fixture.node.poolId, nodeId: 'tvmps_fedcba9876543210_d' }]) {
        await fixture.runtime.prepareNode(node);
        await fixture.runtime.runStartTask(node, { commandLine: `/bin/bash -c 'echo "$(hostname)|$HOSTNAME"'` });
        const out = await readFile(path.join(fixture.runtime.nodeDir(node), 'startup', 'stdout.txt'), 'utf8');
        const [fromCommand, fromEnv] = out.trim().split('|');
        expect(fromCommand).toBe(fromEnv);
        expect(fromCommand).toMatch(/^[0-9a-f]{12}000000$/);
        names.push(fromCommand!);
      }
      expect(names[0]).not.toBe(names[1]);
    } finally {
      await fixture.dispose();
    }
  });
});
