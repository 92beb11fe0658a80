import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { contractCall } from './contract-call';
import { connectTaskShell, useJobsHost } from './jobs-host';
import { openSshPool } from './ssh-pool-page';
import { rows, typeInto } from './terminal-page';

/**
 * Issue 12's "Open a shell here" on a node's running task, and the task's node link: a node running a long task
 * offers "Open a shell where <task> runs" in its row, which lands in that task's working directory; the task
 * detail's node link opens the pool with that node selected; the task folder lists its files with sizes.
 */
const poolId = 'e2e-node-shell';
const jobId = 'e2e-long';
const taskId = 'sleeper';

const ctx = useJobsHost();

/** Calls a channel and returns its value, failing the test with the channel's error otherwise. */
async function must<T>(channel: string, payload: unknown): Promise<T> {
  const answer = await contractCall(ctx.page, channel, payload);
  expect(answer.error, channel).toBeUndefined();
  return answer.value as T;
}

test('a node running a long task opens a shell in its working directory; the task links back to its node', async () => {
  test.setTimeout(58_000);
  const { host, page } = ctx;
  await openSshPool(page, host.url.split('#')[0] as string, poolId, 2);
  await must('jobs:create', { accountId: 'sandbox', spec: { id: jobId, poolId } });
  await must('tasks:add', { accountId: 'sandbox', jobId, task: { id: taskId, commandLine: '/bin/sh -c "echo started > marker.txt; exec /bin/sleep 60"' } });

  // The node running it shows the action; its menu reads the node's running tasks.
  const nodes = page.getByTestId('nodes-table');
  const busy = nodes.getByRole('row').filter({ hasText: 'running' });
  await expect(busy).toHaveCount(1, { timeout: 20_000 });
  await expect(nodes.getByRole('row').filter({ hasText: 'idle' }).getByRole('button', { name: /^Shell in a task running on/ })).toHaveCount(0);
  const task = await must<{ nodeInfo: { nodeId: string; taskRootDirectory: string } }>('tasks:get', { accountId: 'sandbox', jobId, taskId });
  const { nodeId, taskRootDirectory } = task.nodeInfo;
  await busy.getByRole('button', { name: `Shell in a task running on ${nodeId}` }).click();
  await page.getByRole('menuitem', { name: new RegExp(`Open a shell where ${taskId} runs`) }).click();

  // The shell lands in the task's working directory, where its file is.
  const pane = await connectTaskShell(page);
  await typeInto(page, pane, 'pwd; cat marker.txt');
  await expect(rows(pane)).toContainText(`${taskRootDirectory}/wd`);
  await expect(rows(pane)).toContainText('started');

  // The task's detail lists its folder with sizes, and its node link opens the pool with that node selected.
  await page.getByRole('tab', { name: 'Jobs', exact: true }).click();
  await page.getByRole('link', { name: jobId, exact: true }).click();
  await page.getByRole('button', { name: `Open task ${taskId}` }).click();
  const detail = page.getByTestId('task-detail');
  const marker = detail.getByTestId('task-files').getByRole('row').filter({ hasText: 'wd/marker.txt' });
  await expect(marker).toContainText('8 B');
  const downloaded = page.waitForEvent('download');
  await marker.getByRole('button', { name: 'Download wd/marker.txt' }).click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toBe(`${jobId}-${taskId}-wd_marker.txt`);
  expect(readFileSync(await file.path(), 'utf8')).toBe('started\n');
  // A Fluent Link without an href is a button.
  await detail.getByRole('button', { name: `${poolId} / ${nodeId}` }).click();
  await expect(page.getByRole('heading', { name: poolId })).toBeVisible();
  const selected = page.getByTestId('nodes-table').locator('[aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  await expect(selected.locator(`[data-full="${nodeId}"]`)).toHaveCount(1);
  await expect(page.getByRole('img', { name: /Heat map of 2 nodes by state; 1 selected/ })).toBeVisible();
  await must('jobs:terminate', { accountId: 'sandbox', jobId });
});
