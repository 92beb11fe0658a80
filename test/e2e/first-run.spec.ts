import { expect, test } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';

let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01' } });
});

test.afterAll(async () => {
  await host.stop();
});

test('a fresh start loads without a console error and the browser finds the favicon', async ({ page, request }) => {
  const problems: string[] = [];
  page.on('console', (message) => (message.type() === 'error' ? problems.push(message.text()) : undefined));
  page.on('response', (response) => (response.status() >= 400 ? problems.push(`${response.status()} ${response.url()}`) : undefined));
  await page.goto(host.url);
  await expect(page.getByTestId('status-account')).toHaveText(/\(ready\)/, { timeout: 60_000 });
  const icon = await request.get(`${host.origin}/favicon.ico`);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/x-icon');
  expect((await icon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  expect(problems).toEqual([]);
});

test('first run says where to start, until the first pool exists', async ({ page }) => {
  await page.goto(host.url);
  const guide = page.getByTestId('start-here');
  await expect(guide).toContainText('Start here', { timeout: 60_000 });
  await expect(guide).toContainText(/pick an image\s*→\s*create a pool\s*→\s*add a user\s*→\s*connect/);
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();

  await guide.getByRole('link', { name: 'pick an image' }).click();
  await expect(page.getByRole('tab', { name: 'Images' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Search images').fill('ubuntu 22.04');
  await page.getByRole('button', { name: 'Create a pool with 0001-com-ubuntu-server-jammy 22_04-lts', exact: true }).click();
  await page.getByLabel('Pool id').fill('first-pool');
  await page.getByLabel('Allow SSH from').fill('127.0.0.1');
  await expect(guide).toBeVisible();
  await page.getByRole('button', { name: 'Create pool', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'first-pool' })).toBeVisible();
  await expect(guide).toBeHidden({ timeout: 15_000 });
  // After a reload too: once the pool list (the data the guide reads) shows the pool, the guide is gone.
  await page.reload();
  await page.getByRole('tab', { name: 'Pools' }).click();
  await expect(page.getByTestId('pools-table').getByRole('link', { name: 'first-pool' })).toBeVisible({ timeout: 60_000 });
  await expect(guide).toBeHidden();
});

test('the start guide can be dismissed, and stays dismissed after a reload', async ({ browser }) => {
  const other = await startWebHostProcess();
  const page = await browser.newPage();
  try {
    await page.goto(other.url);
    const guide = page.getByTestId('start-here');
    await expect(guide).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Dismiss the start guide' }).click();
    await expect(guide).toBeHidden();
    // After a reload, once the (empty) pool list it would show for has loaded, it stays away.
    await page.reload();
    await page.getByRole('tab', { name: 'Pools' }).click();
    await expect(page.getByText(/: 0 pools, updated/)).toBeVisible({ timeout: 60_000 });
    await expect(guide).toBeHidden();
  } finally {
    await page.close();
    await other.stop();
  }
});
