import { expect, test } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { contractCall } from './contract-call';
import { openLocalShell, row, typeInto, withoutWebgl } from './terminal-page';

// Session logs from the terminal's menu: an asciicast v2 file and a plain transcript, paths shown in the pane.
test.describe('recording a terminal session', () => {
  let host: WebHostProcess;

  test.beforeEach(async () => {
    host = await startWebHostProcess({ env: { SHELL: '/bin/bash' } });
  });

  test.afterEach(async () => {
    await host.stop();
  });

  test('start recording from the menu, run echo hello, stop: the cast has a v2 header and hello, the transcript plain hello', async ({ page }) => {
    await withoutWebgl(page);
    await page.goto(`${host.url}#terminals`);
    await openLocalShell(page);
    const pane = page.getByTestId('terminal-pane').first();
    await typeInto(page, pane, 'echo ready');
    await expect(row(pane, /^ready\s*$/)).toHaveCount(1);

    await pane.getByRole('button', { name: 'Terminal menu' }).click();
    await page.getByRole('menuitem', { name: 'Start recording' }).click();
    const bar = pane.getByTestId('recording-bar');
    await expect(bar).toHaveAttribute('data-state', 'recording');
    const castPath = (await bar.getByTestId('recording-cast-path').innerText()).trim();
    const transcriptPath = (await bar.getByTestId('recording-transcript-path').innerText()).trim();
    expect(castPath.startsWith(`${host.dataDir}/recordings/`)).toBe(true);

    await typeInto(page, pane, 'echo hello; printf "\\033[1;32m%s\\033[0m\\n" "in-""green"');
    await expect(row(pane, /^hello\s*$/)).toHaveCount(1);
    await expect(row(pane, /^in-green\s*$/)).toHaveCount(1);
    await pane.getByRole('button', { name: 'Terminal menu' }).click();
    await page.getByRole('menuitem', { name: 'Stop recording' }).click();
    await expect(bar).toHaveAttribute('data-state', 'stopped');
    await page.screenshot({ path: 'test-results/recording-stopped.png' });

    const [headerLine, ...eventLines] = readFileSync(castPath, 'utf8').trimEnd().split('\n');
    const header = JSON.parse(headerLine ?? '') as Record<string, unknown>;
    expect(header).toMatchObject({ version: 2, width: expect.any(Number), height: expect.any(Number), timestamp: expect.any(Number), env: expect.any(Object) });
    const events = eventLines.map((line) => JSON.parse(line) as [number, string, string]);
    expect(events.some(([time, kind, data]) => typeof time === 'number' && kind === 'o' && data.includes('hello'))).toBe(true);
    const transcript = readFileSync(transcriptPath, 'utf8');
    expect(transcript).toMatch(/^hello$/m);
    expect(transcript).toMatch(/^in-green$/m); // printed in colour: the escape sequences are gone
    expect(transcript).not.toContain('\x1b');
    expect(statSync(castPath).mode & 0o777).toBe(0o600);
  });

  test('with "record every session" on, a new tab is recorded from its start', async ({ page }) => {
    await withoutWebgl(page);
    await page.goto(`${host.url}#terminals`);
    expect((await contractCall(page, 'settings:update', { terminalRecordEverySession: true })).ok).toBe(true);
    await openLocalShell(page);
    const bar = page.getByTestId('terminal-pane').first().getByTestId('recording-bar');
    await expect(bar).toHaveAttribute('data-state', 'recording');
  });
});
