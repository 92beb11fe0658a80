import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { openLocalShell, row, typeInto, withoutWebgl } from './terminal-page';

// The e2e web host must not hand the machine user's HOME to the local shells it starts: with a HOME whose rc files
// sleep 90 s (as a slow ~/.bashrc once stalled every test shell), a local shell still answers within the usual timeout.
test.describe('local shells under a slow machine HOME', () => {
  const savedHome = process.env.HOME;
  let sleepyHome: string;
  let host: WebHostProcess;

  test.beforeAll(async () => {
    sleepyHome = mkdtempSync(join(tmpdir(), 'batch-deck-sleepy-home-'));
    for (const rc of ['.bashrc', '.profile', '.bash_profile']) writeFileSync(join(sleepyHome, rc), 'sleep 90\n');
    process.env.HOME = sleepyHome;
    host = await startWebHostProcess({ env: { SHELL: '/bin/bash' } });
  });

  test.afterAll(async () => {
    await host?.stop();
    process.env.HOME = savedHome;
    rmSync(sleepyHome, { recursive: true, force: true });
  });

  test('a new local shell answers at once: the test host gave it a HOME of its own', async ({ page }) => {
    await withoutWebgl(page);
    await page.goto(`${host.url}#terminals`);
    await openLocalShell(page);
    const pane = page.getByTestId('terminal-pane').first();
    await typeInto(page, pane, 'echo home-$((1+1))-is-$HOME');
    await expect(row(pane, /^\s*home-2-is-\S+\s*$/)).toHaveCount(1);
    await expect(row(pane, new RegExp(`home-2-is-${sleepyHome}\\s*$`))).toHaveCount(0);
  });
});
