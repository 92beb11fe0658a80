import { expect, test } from '@playwright/test';
import { connectTaskShell, useJobsHost } from './jobs-host';
import { openSshPool } from './ssh-pool-page';
import { row, rows, typeInto } from './terminal-page';

/**
 * Issue 12's first must-show, through the UI of the web host on the Local sandbox: a job on an idle pool with 20
 * tasks of which 3 exit 1 → the failed filter shows exactly those 3 (its count from taskcounts) → a failed task's
 * stderr tail shows its message → "Open a shell here" lands in that task's working directory → the 3 reactivated in
 * bulk run again and fail again, each with its own result.
 */
test.describe.configure({ mode: 'serial' });

const poolId = 'e2e-jobs';
const jobId = 'e2e-job';
const failing = new Set([5, 11, 17]);
const taskId = (n: number) => `task-${String(n).padStart(2, '0')}`;

const ctx = useJobsHost();

/** The task list's rows (by task id) as the table holds them now. */
async function listedTaskIds(): Promise<string[]> {
  return ctx.page.getByTestId('tasks-table').locator('[data-task-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-task-id') ?? '').sort());
}

test('20 tasks, 3 fail: filter, read stderr, open a shell where one ran, reactivate the 3', async () => {
  test.setTimeout(58_000);
  const { host, page } = ctx;
  await openSshPool(page, host.url.split('#')[0] as string, poolId, 2);

  // Create the job from the pool's "Jobs on this pool": the form starts on that pool.
  await page.getByRole('button', { name: 'Jobs on this pool' }).click();
  await expect(page.getByRole('heading', { name: `Jobs on ${poolId}` })).toBeVisible();
  await page.getByRole('button', { name: 'Create job' }).click();
  await page.getByLabel('Job id').fill(jobId);
  await expect(page.getByRole('combobox', { name: 'Pool' })).toHaveText(poolId);
  await expect(page.getByTestId('job-preview')).toContainText(`"poolId": "${poolId}"`);
  await page.getByRole('button', { name: 'Create job' }).click();
  await expect(page.getByRole('heading', { name: jobId })).toBeVisible();

  // 20 tasks pasted as command lines (run without a shell, as Batch does: each wraps itself in /bin/sh -c).
  const lines = Array.from({ length: 20 }, (_, i) => {
    const n = i + 1;
    return `/bin/sh -c "echo out-${n}; echo err-${n} >&2; echo ${n} > result-${n}.txt${failing.has(n) ? '; exit 1' : ''}"`;
  });
  await page.getByRole('button', { name: 'Add tasks' }).click();
  await page.getByRole('tab', { name: 'Many (paste)' }).click();
  await page.getByLabel('Pasted tasks').fill(lines.join('\n'));
  await expect(page.getByTestId('paste-summary')).toContainText('Read 20 task(s): task-01, task-02');
  await page.getByRole('button', { name: 'Add 20 tasks' }).click();
  const added = page.getByTestId('task-operation').filter({ hasText: 'Add 20 tasks' });
  await expect(added).toHaveAttribute('data-state', 'finished');
  await expect(added).toContainText('added 20');

  // Every task completes; the failed filter's count comes from taskcounts and the server returns exactly those 3.
  await expect(page.getByTestId('task-filter-completed')).toHaveAttribute('data-count', '20', { timeout: 30_000 });
  await page.getByTestId('task-filter-failed').click();
  await expect(page.getByTestId('task-filter-failed')).toHaveAttribute('data-count', '3');
  await expect.poll(listedTaskIds).toEqual([...failing].map(taskId));
  await expect(page.getByTestId('tasks-loaded')).toHaveText(/^Loaded 3 of 3 failed tasks/);

  // A failed task's stderr tail shows its message; its exit code and failure info are there.
  const failed = taskId(11);
  await page.getByRole('button', { name: `Open task ${failed}` }).click();
  const detail = page.getByTestId('task-detail');
  await expect(detail.getByTestId('task-output')).toHaveText('err-11');
  await expect(detail.getByTestId('task-failure')).toBeVisible();
  const wd = (await detail.getByTestId('task-wd').innerText()).trim();
  const firstStart = await detail.getByTestId('task-started').getAttribute('datetime');

  // "Open a shell here": a terminal on that node, in that task's working directory.
  await detail.getByRole('button', { name: 'Open a shell here' }).click();
  const pane = await connectTaskShell(page);
  await typeInto(page, pane, 'pwd; ls');
  await expect(rows(pane)).toContainText(wd);
  await expect(row(pane, /result-11\.txt/)).toHaveCount(1);

  // Back to the job: select the 3 failed and reactivate them in bulk.
  await page.getByRole('tab', { name: 'Jobs', exact: true }).click();
  await page.getByRole('link', { name: jobId, exact: true }).click();
  await page.getByTestId('task-filter-failed').click();
  await expect.poll(listedTaskIds).toEqual([...failing].map(taskId));
  await page.getByRole('button', { name: `Open task ${failed}` }).click();
  await page.getByRole('button', { name: 'Select failed (3 loaded)' }).click();
  await expect(page.getByText('3 selected')).toBeVisible();
  await page.getByRole('toolbar', { name: 'Task actions' }).getByRole('button', { name: 'Reactivate' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reactivate' }).click();
  const reactivated = page.getByTestId('task-operation').filter({ hasText: 'Reactivate 3 tasks' });
  await expect(reactivated).toHaveAttribute('data-state', 'finished');
  for (const n of failing) await expect(reactivated.getByRole('listitem').filter({ hasText: taskId(n) })).toContainText('reactivated');

  // They run again (a new start time) and fail again.
  await expect.poll(() => detail.getByTestId('task-started').getAttribute('datetime'), { timeout: 20_000 }).not.toBe(firstStart);
  await expect(page.getByTestId('task-filter-failed')).toHaveAttribute('data-count', '3', { timeout: 20_000 });
  await expect(detail.getByTestId('task-failure')).toBeVisible();
  await page.screenshot({ path: 'test-results/jobs-failed-reactivated.png' });
});
