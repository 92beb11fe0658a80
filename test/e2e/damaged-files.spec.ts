import { expect, test } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHostProcess } from '../helpers/web-host-process';

test('a damaged accounts.json and settings.json are named with their paths once, kept aside, and the app runs on defaults', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'batch-deck-damaged-'));
  const tornAccounts = '{"version":1,"accounts":[{"kind":"sharedKey","id":"a1","na';
  writeFileSync(join(dataDir, 'accounts.json'), tornAccounts);
  writeFileSync(join(dataDir, 'settings.json'), '{"theme": 42}');
  const host = await startWebHostProcess({ dataDir, env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01' } });
  try {
    await page.goto(host.url);
    const notices = page.getByTestId('damaged-file');
    await expect(notices).toHaveCount(2);
    const accounts = notices.filter({ hasText: 'accounts.json could not be read' });
    await expect(accounts).toContainText(`${join(dataDir, 'accounts.json')}: it is not JSON`);
    await expect(accounts).toContainText(/kept the damaged file as .*accounts\.json\.damaged-\d{4}-/);
    await expect(notices.filter({ hasText: 'settings.json could not be read' })).toContainText('does not have the expected shape');
    await page.screenshot({ path: 'test-results/damaged-files.png' });

    // The app keeps running: the Local sandbox is there and works.
    await expect(page.getByTestId('account-sandbox').getByTestId('account-status')).toHaveText('Ready');
    const keptAside = readdirSync(dataDir).filter((name) => name.startsWith('accounts.json.damaged-'));
    expect(keptAside).toHaveLength(1);
    expect(readFileSync(join(dataDir, keptAside[0] as string), 'utf8')).toBe(tornAccounts);
    expect(host.output()).toContain(`accounts.json (${join(dataDir, 'accounts.json')}) could not be read`);

    // Told once: a reload (or another window) does not repeat it.
    await page.reload();
    await expect(page.getByTestId('account-sandbox').getByTestId('account-status')).toHaveText('Ready');
    await expect(page.getByTestId('damaged-file')).toHaveCount(0);
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
