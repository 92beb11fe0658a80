import { expect, test, type Page } from '@playwright/test';
import { samplePrices, startPricesServer, type PricesServer } from '../helpers/prices-server';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';

let prices: PricesServer;
let host: WebHostProcess;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  // Two rows a page, so the app must follow NextPageLink to find the Linux dedicated price (the last row).
  prices = await startPricesServer(samplePrices, { pageSize: 2 });
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01', BATCH_DECK_PRICES_URL: prices.url } });
  page = await browser.newPage();
  await page.goto(host.url);
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
  await prices?.stop();
});

const estimate = () => page.getByTestId('price-estimate');
const warnings = () => page.getByTestId('retirement-warning');

async function setVmSize(size: string): Promise<void> {
  await page.getByRole('combobox', { name: 'VM size' }).fill(size);
  await page.getByRole('combobox', { name: 'VM size' }).press('Tab');
}

test('the pool form shows the price per hour and month of the VM size from the prices server, and the image\'s retirement', async () => {
  await page.getByRole('tab', { name: 'Images' }).click();
  await page.getByLabel('Search images').fill('ubuntu 22.04');
  await page.getByRole('button', { name: 'Create a pool with 0001-com-ubuntu-server-jammy 22_04-lts', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Create pool' })).toBeVisible();

  // The default size, Standard_D2s_v5, one dedicated node: $0.096 an hour, × 730 a month.
  await expect(estimate()).toContainText('$0.096 per node');
  await expect(page.getByTestId('price-per-hour')).toHaveText('$0.096 / hour');
  await expect(page.getByTestId('price-per-month')).toHaveText('$70.08 / month');
  await expect(estimate()).toContainText("westeurope (the sandbox's pretend region)");
  await expect(estimate()).toContainText(`as of ${new Date().toISOString().slice(0, 10)}`);

  // Two Spot nodes at the Linux Spot price (not Windows, not Low Priority): 0.096 + 2 × 0.0192.
  await page.getByLabel('Spot nodes').fill('2');
  await page.getByLabel('Spot nodes').press('Tab');
  await expect(estimate()).toContainText('$0.0192 per node');
  await expect(page.getByTestId('price-per-hour')).toHaveText('$0.1344 / hour');
  await expect(page.getByTestId('price-per-month')).toHaveText('$98.11 / month');

  // Ubuntu 22.04: the image's own end of life (near) and Batch's end of support for the OS.
  await expect(warnings().filter({ hasText: 'This image retiring (2027-04-30)' })).toHaveAttribute('data-severity', 'soon');
  await expect(warnings().filter({ hasText: 'Ubuntu 22.04 (batch.node.ubuntu 22.04) retiring (2027-06-30)' })).toContainText('Azure/Batch issue #200');
  await page.screenshot({ path: 'test-results/pricing-form.png', fullPage: true });
});

test('a D-series VM size shows its retirement warning and price; the pool list badges the pool and resize shows the price', async () => {
  await setVmSize('Standard_D2_v2');
  const dv2 = warnings().filter({ hasText: 'Dv2-series VM sizes retiring (2028-05-01)' });
  await expect(dv2).toContainText('Azure/Batch issue #140');
  await expect(estimate()).toContainText('$0.137 per node');
  await setVmSize('Standard_D2s_v5');
  await expect(dv2).toHaveCount(0);
  await setVmSize('Standard_D2_v2');
  await expect(dv2).toHaveCount(1);

  await page.getByLabel('Pool id').fill('old-dv2');
  await page.getByLabel('Spot nodes').fill('0');
  await page.getByLabel('Allow SSH from').fill('127.0.0.1');
  await page.getByRole('button', { name: 'Create pool', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'old-dv2' })).toBeVisible();

  await page.getByRole('tab', { name: 'Pools' }).click();
  const row = page.getByTestId('pools-table').getByRole('row').filter({ hasText: 'old-dv2' });
  await expect(row.getByTestId('retirement-badge')).toHaveText('retiring');
  await row.getByTestId('retirement-badge').hover();
  await expect(page.getByRole('tooltip')).toContainText('Dv2-series VM sizes');

  await row.getByRole('button', { name: /actions/i }).click();
  await page.getByRole('menuitem', { name: /Resize/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Dedicated nodes').fill('4');
  await dialog.getByLabel('Dedicated nodes').press('Tab');
  await expect(dialog.getByTestId('price-per-hour')).toHaveText('$0.548 / hour');
  await expect(dialog.getByTestId('retirement-warning').filter({ hasText: 'Dv2-series' })).toBeVisible();
  await page.screenshot({ path: 'test-results/pricing-resize.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('the image browser badges images near their end of life, and not the others', async () => {
  await page.getByRole('tab', { name: 'Images' }).click();
  await page.getByLabel('Search images').fill('');
  const rows = page.getByTestId('images-table').getByRole('row');
  const jammy = rows.filter({ hasText: '0001-com-ubuntu-server-jammy' }).first();
  await expect(jammy.getByTestId('retirement-badge')).toHaveAttribute('aria-label', 'retiring');
  await jammy.getByTestId('retirement-badge').hover();
  await expect(page.getByRole('tooltip')).toContainText('This image: Batch support for this image ends on 2027-04-30');
  await expect(page.getByRole('tooltip')).toContainText('Ubuntu 22.04 (batch.node.ubuntu 22.04): Batch support for Ubuntu 22.04 ends on 2027-06-30');
  await page.screenshot({ path: 'test-results/pricing-images.png' });
  await expect(rows.filter({ hasText: 'ubuntu-24_04-lts' }).first().getByTestId('retirement-badge')).toHaveCount(0);
});

test('with the prices server down the form says no price is available, while a price looked up today is still shown', async () => {
  await prices.stop();
  await page.getByRole('tab', { name: 'Pools' }).click();
  await page.getByRole('button', { name: 'Create pool' }).click();
  await expect(page.getByRole('heading', { name: 'Create pool' })).toBeVisible();
  await setVmSize('Standard_D2s_v5');
  await expect(estimate()).toContainText('$0.096 per node');

  await setVmSize('Standard_D4s_v5');
  await expect(estimate()).toContainText(/No price available — could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  await expect(estimate()).not.toContainText('$0.00');
});
