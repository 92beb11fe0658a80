import { expect, test, type Page } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { connectFromTable, nodePane, openSshPool, provisionOps, startSshE2eHost, type SshE2eHost } from './ssh-pool-page';
import { contractCall } from './contract-call';
import { expectAnswerAndResize, openLocalShell, row, rows, typeInto, withoutWebgl } from './terminal-page';

test.describe('local shells', () => {
  let host: WebHostProcess;

  test.beforeEach(async () => {
    host = await startWebHostProcess({ env: { SHELL: '/bin/bash' } });
  });

  test.afterEach(async () => {
    await host.stop();
  });

  test('the terminal draws with WebGL and falls back to the DOM renderer when the GPU context is lost', async ({ page }) => {
    await page.goto(`${host.url}#terminals`);
    await openLocalShell(page);
    const pane = page.getByTestId('terminal-pane').first();
    const surface = pane.locator('[data-renderer]');
    await expect(surface).toHaveAttribute('data-renderer', 'webgl');
    const lost = await page.evaluate(() => {
      let count = 0;
      for (const canvas of document.querySelectorAll<HTMLCanvasElement>('[data-renderer] canvas')) {
        const extension = canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context');
        if (extension) {
          extension.loseContext();
          count += 1;
        }
      }
      return count;
    });
    expect(lost).toBe(1);
    await expect(surface).toHaveAttribute('data-renderer', 'dom', { timeout: 20_000 });
    await typeInto(page, pane, 'echo drawn-by-$((2*2))-dom');
    await expect(row(pane, /^\s*drawn-by-4-dom\s*$/)).toHaveCount(1);
  });

  test('a local shell runs a command, follows the pane size, and survives a page reload', async ({ page }) => {
    await withoutWebgl(page);
    await page.goto(`${host.url}#terminals`);
    await openLocalShell(page);
    const pane = page.getByTestId('terminal-pane').first();
    await expect(pane.getByTestId('session-status')).toHaveText('Connected');
    await expect(pane.locator('[data-renderer]')).toHaveAttribute('data-renderer', 'dom');
    const narrow = await expectAnswerAndResize(page, pane);
    await page.screenshot({ path: 'test-results/terminal-local.png' });

    await page.reload();
    const restored = page.getByTestId('terminal-pane').first();
    await expect(page.getByTestId('terminal-tab')).toHaveCount(1);
    await page.getByTestId('terminal-tab').first().click();
    // The screen comes back from main's snapshot: the last stty output is still there.
    await expect(row(restored, new RegExp(`^\\s*${narrow.rows} ${narrow.cols}\\s*$`))).toHaveCount(1);
    await typeInto(page, restored, 'echo after-reload-$((40+2))');
    await expect(row(restored, /^\s*after-reload-42\s*$/)).toHaveCount(1);
  });

  test('broadcast sends one command to three sessions and each answers for itself; turning it off stops it', async ({ page }) => {
    await withoutWebgl(page);
    await page.goto(`${host.url}#terminals`);
    for (let i = 0; i < 3; i += 1) await openLocalShell(page);
    await page.getByRole('button', { name: '3 panes' }).click();
    const panes = page.getByTestId('terminal-pane');
    for (let i = 0; i < 3; i += 1) await expect(panes.nth(i).getByTestId('session-status')).toHaveText('Connected');
    await page.getByRole('button', { name: 'Select all' }).click();
    await page.getByRole('switch', { name: 'Broadcast input' }).check();
    await expect(page.getByTestId('broadcast-indicator')).toContainText('3 sessions');
    await expect(panes.getByTestId('pane-broadcast-badge')).toHaveCount(3);
    await typeInto(page, panes.first(), 'echo "shell-$$-$((1+1))"');
    const pids = new Set<string>();
    for (let i = 0; i < 3; i += 1) {
      const answer = row(panes.nth(i), /^\s*shell-\d+-2\s*$/);
      await expect(answer).toHaveCount(1);
      pids.add(((await answer.innerText()).match(/shell-(\d+)-2/) ?? [])[1] ?? '');
    }
    expect(pids.size).toBe(3);
    await page.screenshot({ path: 'test-results/terminal-broadcast.png' });

    await page.getByRole('switch', { name: 'Broadcast input' }).uncheck();
    await expect(page.getByTestId('broadcast-indicator')).toHaveCount(0);
    await typeInto(page, panes.nth(1), 'echo only-here');
    await expect(row(panes.nth(1), /^\s*only-here\s*$/)).toHaveCount(1);
    await expect(row(panes.nth(0), /^\s*only-here\s*$/)).toHaveCount(0);
  });

  test('a paste reaches the shell bracketed when the app asked for it, and copy-on-select copies the selection', async ({ page, context }) => {
    await withoutWebgl(page);
    await page.goto(`${host.url}#terminals`);
    expect((await contractCall(page, 'settings:update', { terminalCopyOnSelect: true })).ok).toBe(true);
    await page.reload();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    await openLocalShell(page);
    const pane = page.getByTestId('terminal-pane').first();
    await expect(pane.getByTestId('session-status')).toHaveText('Connected');
    // cat -v shows escape characters; the printf switches bracketed paste on as editors and shells do.
    await typeInto(page, pane, "printf '\\e[?2004h'; echo cat-$((2+2)); cat -v");
    await expect(row(pane, /^\s*cat-4\s*$/)).toHaveCount(1);
    await page.evaluate(() => {
      const input = document.querySelector('[data-testid="terminal-pane"] .xterm-helper-textarea');
      const data = new DataTransfer();
      data.setData('text/plain', 'pasted-words');
      input?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect(row(pane, /\^\[\[200~pasted-words\^\[\[201~/)).toHaveCount(1);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+C');

    await typeInto(page, pane, 'echo selectme-$((3*3))');
    const answer = row(pane, /^\s*selectme-9\s*$/);
    await expect(answer).toHaveCount(1);
    // xterm's screen layer takes the mouse; double-click where the word is drawn, as a user does.
    const box = (await answer.boundingBox())!;
    await page.mouse.dblclick(box.x + 20, box.y + box.height / 2);
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('selectme-9');
  });
});

test.describe('SSH to emulator nodes', () => {
  test.describe.configure({ mode: 'serial' });
  let e2e: SshE2eHost;
  let page: Page;
  const poolId = 'e2e-term';

  test.beforeAll(async ({ browser }) => {
    e2e = await startSshE2eHost(browser);
    page = e2e.page;
  });

  test.afterAll(async () => {
    await e2e?.stop();
  });

  test('connect, trust the host key, run a command, resize, then broadcast hostname to three nodes', async () => {
    test.setTimeout(240_000);
    await openSshPool(page, page.url().split('#')[0] as string, poolId, 3);
    await provisionOps(page, poolId, 3);
    const nodeIds: string[] = [];
    const screenshot = async () => void (await page.screenshot({ path: 'test-results/terminal-host-key-prompt.png' }));
    for (let i = 0; i < 3; i += 1) nodeIds.push((await connectFromTable(page, poolId, i, i === 0 ? screenshot : undefined)).nodeId);

    const panes = page.getByTestId('terminal-pane');
    await page.getByRole('button', { name: '1 panes' }).click();
    await page.getByRole('tab', { name: `${poolId} / ${nodeIds[0]}` }).click();
    const first = panes.first();
    await expectAnswerAndResize(page, first);

    await page.getByRole('button', { name: '3 panes' }).click();
    for (const nodeId of nodeIds) await expect(nodePane(page, poolId, nodeId)).toHaveCount(1);
    await page.getByRole('button', { name: 'Select all' }).click();
    await page.getByRole('switch', { name: 'Broadcast input' }).check();
    await expect(page.getByTestId('broadcast-indicator')).toContainText('3 sessions');
    await typeInto(page, first, 'hostname; echo "node=$AZ_BATCH_NODE_ID"');
    const hostnames = new Set<string>();
    for (const nodeId of nodeIds) {
      const pane = nodePane(page, poolId, nodeId);
      // Node ids are long enough to wrap: match the text across rows.
      await expect(rows(pane)).toContainText(`node=${nodeId}`);
      const answer = row(pane, /^\s*[0-9a-f]{12}000000\s*$/).first();
      await expect(answer).toBeVisible();
      hostnames.add((await answer.innerText()).trim());
    }
    // Each node answers `hostname` with its own name.
    expect(hostnames.size).toBe(3);
    await page.screenshot({ path: 'test-results/terminal-nodes-broadcast.png' });
  });
});
