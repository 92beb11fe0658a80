import { expect, test, type Page } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { rawRequest } from '../integration/emulator/api/raw-request';
import { startBuiltEmulator, type BuiltEmulator } from './built-emulator';
import { contractCall } from './contract-call';

/**
 * Issue 12's second must-show: a job of 100,000 tasks (seeded through the emulator's admin path, every 1,000th
 * failed) opens on its first page only, the failed filter answers from the server with the taskcounts count, and
 * scrolling loads one more page at a time. Requests are counted on the page's own socket frames.
 */
const accountName = 'big';
const jobId = 'hundred-k';
let emulator: BuiltEmulator;
let host: WebHostProcess;
let page: Page;
/** `tasks:page` requests the renderer sent, with their filter. */
const pageRequests: string[] = [];

test.beforeAll(async ({ browser }) => {
  emulator = await startBuiltEmulator(accountName);
  host = await startWebHostProcess();
  page = await browser.newPage();
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      if (typeof frame.payload !== 'string' || !frame.payload.includes('"tasks:page"')) return;
      pageRequests.push((JSON.parse(frame.payload) as { payload: { filter: string } }).payload.filter);
    }),
  );
  await page.goto(host.url);
  const added = await contractCall(page, 'accounts:addSharedKey', { name: accountName, url: emulator.endpoint, key: emulator.accountKey });
  expect(added.ok, JSON.stringify(added.error)).toBe(true);
  const accountId = (added.value as { id: string }).id;
  const job = await contractCall(page, 'jobs:create', { accountId, spec: { id: jobId, poolId: 'no-nodes-needed' } });
  expect(job.ok, JSON.stringify(job.error)).toBe(true);
  const seeded = await rawRequest(emulator, 'POST', `/_emulator/jobs/${jobId}/seedtasks`, { body: { count: 100_000, failedEvery: 1000 } });
  expect(seeded.json).toMatchObject({ added: 100_000, failed: 100 });
  await page.getByRole('tab', { name: 'Accounts' }).click();
  const card = page.getByTestId(`account-${accountName}`);
  await card.getByRole('button', { name: 'Use this account' }).click();
  await expect(card.getByText('Active', { exact: true })).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
  await emulator?.stop();
});

/** Rows the task table has in the DOM now (virtualized: only those in view plus a few). */
function renderedRows(): Promise<number> {
  return page.getByTestId('tasks-table').locator('[data-task-id]').count();
}

test('100,000 tasks: first screen from one page, failed filter on the server, more pages only as the user scrolls', async () => {
  test.setTimeout(50_000);
  await page.getByRole('tab', { name: 'Jobs', exact: true }).click();
  await page.getByRole('link', { name: jobId, exact: true }).click();

  const loaded = page.getByTestId('tasks-loaded');
  await expect(page.locator('[data-task-id="task-000001"]')).toBeVisible();
  await expect(page.getByTestId('task-filter-all')).toHaveAttribute('data-count', '100000');
  await expect(loaded).toHaveText('Loaded 200 of 100,000 tasks (1 page, scroll for more)');
  expect(pageRequests).toEqual(['all']);
  expect(await renderedRows()).toBeLessThan(60);

  // The failed filter: counted by taskcounts, listed by the server (every 1,000th task), one request.
  await page.getByTestId('task-filter-failed').click();
  await expect(page.getByTestId('task-filter-failed')).toHaveAttribute('data-count', '100');
  await expect(loaded).toHaveText('Loaded 100 of 100 failed tasks (1 page)');
  await expect(page.locator('[data-task-id="task-001000"]')).toBeVisible();
  await expect(page.locator('[data-task-id="task-000999"]')).toHaveCount(0);
  expect(pageRequests).toEqual(['all', 'failed']);

  // Back to all tasks and scroll: each trip to the end of what is loaded asks for one more page, never all of them.
  await page.getByTestId('task-filter-all').click();
  await expect(loaded).toHaveText(/^Loaded 200 of 100,000/);
  const scroller = page.getByTestId('tasks-table-scroll');
  for (const expected of [400, 600, 800]) {
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(loaded).toHaveText(new RegExp(`^Loaded ${expected} of 100,000 tasks \\(${expected / 200} pages`));
    expect(await renderedRows()).toBeLessThan(60);
  }
  // The view stayed where the user scrolled (around task 600), the pages came in order, and nothing else was read:
  // the first page, its refresh on coming back to "All", and one request per trip to the end.
  await expect(page.locator('[data-task-id="task-000600"]')).toBeVisible();
  await page.waitForTimeout(1500);
  await expect(loaded).toHaveText(/^Loaded 800 of 100,000/);
  expect(pageRequests.filter((f) => f === 'all').length).toBeLessThanOrEqual(5);
  await page.screenshot({ path: 'test-results/tasks-100k.png' });
});
