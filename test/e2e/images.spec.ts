import { expect, test, type Page } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';

let host: WebHostProcess;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01' } });
  page = await browser.newPage();
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Images' }).click();
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
});

const rows = () => page.getByTestId('images-table').getByRole('row');

/** Picks an option of one of the filter dropdowns. */
async function choose(filter: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: filter }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('the images page lists every supported image with its agent SKU and says Cloud Services are retired', async () => {
  await expect(page.getByTestId('images-age')).toContainText(/sandbox: \d+ images, listed just now/);
  await expect(rows().filter({ hasText: 'batch.node.ubuntu 24.04-arm64' })).toHaveCount(1);
  await expect(page.getByTestId('cloud-services-retired')).toContainText('retired Cloud Services');
});

test('filters narrow the list by OS, architecture, capability and end of life', async () => {
  await choose('OS', 'Windows');
  await expect(rows().filter({ hasText: 'windowsserver' }).first()).toBeVisible();
  await expect(rows().filter({ hasText: 'canonical' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Create a pool with windowsserver/ })).toHaveCount(0);
  await choose('OS', 'Any');

  await choose('Architecture', 'Arm64');
  const armRows = rows().filter({ hasText: 'arm' });
  await expect(armRows.first()).toBeVisible();
  for (const text of await rows().allInnerTexts()) if (!text.includes('Publisher')) expect(text).toMatch(/arm64/i);
  await choose('Architecture', 'Any');

  await page.getByRole('checkbox', { name: 'GPU drivers' }).check();
  await expect(rows().filter({ hasText: 'ubuntu-hpc' })).toHaveCount(1);
  await expect(page.getByTestId('images-count')).toContainText(/^1 of/);
  await page.getByRole('checkbox', { name: 'GPU drivers' }).uncheck();

  await page.getByLabel('End of life within days').fill('200');
  await page.getByLabel('End of life within days').press('Tab');
  await expect(rows().filter({ hasText: '22_04-lts' }).first()).toBeVisible();
  await expect(page.getByTestId('eol-near').first()).toBeVisible();
  await expect(rows().filter({ hasText: 'ubuntu-24_04-lts' })).toHaveCount(0);
  await page.getByLabel('End of life within days').fill('0');
  await page.getByLabel('End of life within days').press('Tab');
});

test('refresh lists the images again; "create a pool" carries the image and its agent SKU into the form', async () => {
  const before = await page.getByTestId('images-age').getAttribute('data-fetched-at');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('images-age')).not.toHaveAttribute('data-fetched-at', before ?? '');
  await expect(page.getByTestId('images-age')).toContainText('listed just now');
  await page.getByLabel('Search images').fill('almalinux x86_64 9-gen2');
  await expect(page.getByTestId('images-count')).toContainText(/^1 of/);
  await page.getByRole('button', { name: 'Create a pool with almalinux-x86_64 9-gen2' }).click();
  await expect(page.getByTestId('chosen-image')).toContainText('almalinux/almalinux-x86_64/9-gen2/latest');
  await expect(page.getByTestId('chosen-image')).toContainText('batch.node.el 9');
  await expect(page.getByTestId('preview-json')).toContainText('"nodeAgentSKUId": "batch.node.el 9"');
});
