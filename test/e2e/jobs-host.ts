import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { trustAndConnect, withoutWebgl } from './terminal-page';

/** The web host and page a jobs spec drives; filled in by its beforeAll. */
export interface JobsHost {
  host: WebHostProcess;
  page: Page;
}

/**
 * Registers beforeAll/afterAll that start a web host on the Local sandbox (fast sandbox time, a fresh HOME with an
 * empty ~/.ssh) and open one page on it; everything is stopped and removed afterwards.
 */
export function useJobsHost(): JobsHost {
  const ctx = {} as JobsHost;
  let home = '';
  test.beforeAll(async ({ browser }) => {
    home = mkdtempSync(join(tmpdir(), 'batch-deck-e2e-home-'));
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    ctx.host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01', HOME: home } });
    ctx.page = await browser.newPage();
    await withoutWebgl(ctx.page);
    await ctx.page.goto(ctx.host.url);
  });
  test.afterAll(async () => {
    await ctx.page?.close();
    await ctx.host?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });
  return ctx;
}

/** After a task shell was asked for: the Terminals page shows it; trusts the node's host key and waits until connected. */
export async function connectTaskShell(page: Page): Promise<Locator> {
  await expect(page.getByRole('tab', { name: 'Terminals', exact: true })).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
  const pane = page.getByTestId('terminal-pane').first();
  await trustAndConnect(pane);
  return pane;
}
