// `npm run screenshots`: regenerates docs/screenshots/*.png from a real run — the built web host with its Local
// sandbox (the emulator), driven in Debian's Chromium by Playwright as the e2e tests are. Every view is taken in the
// light and the dark theme (the OS preference, which the app follows), at 1280×800.
// Needs a build first (the npm script does it); BATCH_DECK_OUT and BATCH_DECK_CHROMIUM are honoured as in the tests.
import { chromium, expect, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { withoutWebgl } from '../test/e2e/terminal-page';
import { samplePrices, startPricesServer } from '../test/helpers/prices-server';
import { startWebHostProcess } from '../test/helpers/web-host-process';

const outDir = join('docs', 'screenshots');
const viewport = { width: 1280, height: 800 };
const poolId = 'render-farm';
const nodeCount = 48;

/**
 * Rewrites a screenshot as a 256-colour PNG with ImageMagick when it is installed (UI pictures lose nothing visible and
 * halve in size); without it the full-colour PNG stays. Returns whether it shrank the file.
 */
function shrink(file: string): boolean {
  const result = spawnSync('convert', [file, '-dither', 'None', '-colors', '256', `PNG8:${file}`], { stdio: 'ignore' });
  return result.status === 0;
}

/** Saves the current view as `<name>-light.png` and `<name>-dark.png`, switching the OS preference in between. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('[data-theme]').first()).toHaveAttribute('data-theme', scheme);
    // Let transitions (Fluent animates colours) settle so the picture shows the final colours.
    await page.waitForTimeout(400);
    await page.mouse.move(viewport.width - 1, viewport.height - 1);
    const file = join(outDir, `${name}-${scheme}.png`);
    await page.screenshot({ path: file });
    console.log(`  ${file}${shrink(file) ? ' (256 colours)' : ''}`);
  }
}

/** Images page filtered to Ubuntu, then the pool form filled for it, then the pool's detail with its heat map. */
async function imagesFormAndPool(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Images' }).click();
  await page.getByLabel('Search images').fill('ubuntu');
  await expect(page.getByTestId('images-table').getByRole('row').filter({ hasText: '22_04-lts' }).first()).toBeVisible();
  await shoot(page, 'images');

  await page.getByRole('button', { name: 'Create a pool with 0001-com-ubuntu-server-jammy 22_04-lts', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Create pool' })).toBeVisible();
  await page.getByLabel('Pool id').fill(poolId);
  await page.getByLabel('Dedicated nodes').fill(String(nodeCount));
  await page.getByRole('switch', { name: 'Run a start task on every node as it joins' }).click();
  await page.getByLabel('Start task command line').fill('/bin/bash -c "nproc && df -h /mnt"');
  await page.getByLabel('Allow SSH from').fill('127.0.0.1');
  await page.getByLabel('Pool id').focus();
  await shoot(page, 'pool-form');

  await page.getByRole('button', { name: 'Create pool', exact: true }).click();
  await expect(page.getByRole('heading', { name: poolId })).toBeVisible();
  await expect(page.getByRole('button', { name: /^idle: / })).toContainText(`idle: ${nodeCount}`, { timeout: 180_000 });
  await expect(page.getByTestId('node-heat-map')).toBeVisible();
  await shoot(page, 'pool-detail');
}

/** Two local shells side by side with broadcast on, after one command typed once and answered by both. */
async function terminalsWithBroadcast(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Terminals' }).click();
  for (let i = 0; i < 2; i += 1) {
    const before = await page.getByTestId('terminal-tab').count();
    await page.getByRole('button', { name: 'New local shell' }).click();
    await expect(page.getByTestId('terminal-tab')).toHaveCount(before + 1);
  }
  await page.getByRole('button', { name: '2 panes' }).click();
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByRole('switch', { name: 'Broadcast input' }).check();
  await expect(page.getByTestId('pane-broadcast-badge')).toHaveCount(2);
  await page.getByTestId('terminal-pane').first().locator('.xterm-screen').click();
  await page.keyboard.type('echo "hello from $$ on $(hostname)"; uname -sr');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('terminal-pane').last().locator('.xterm-rows')).toContainText('hello from', { timeout: 15_000 });
  await shoot(page, 'terminals-broadcast');
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  // There is no internet here: the pool form's cost estimate reads the test suite's local retail price list.
  const prices = await startPricesServer(samplePrices);
  const host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01', BATCH_DECK_PRICES_URL: prices.url } });
  const browser = await chromium.launch({
    executablePath: process.env.BATCH_DECK_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport, colorScheme: 'light' });
    // xterm's DOM renderer draws text the script can wait for (and Chromium here has no GPU anyway).
    await withoutWebgl(page);
    await page.goto(host.url);
    await expect(page.getByTestId('status-account')).toHaveText(/\(ready\)/, { timeout: 60_000 });
    console.log(`Writing ${outDir}/:`);
    await imagesFormAndPool(page);
    await terminalsWithBroadcast(page);
  } finally {
    await browser.close();
    await host.stop();
    await prices.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
