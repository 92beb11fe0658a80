import { expect, test } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { openLocalShell, row, typeInto, withoutWebgl } from './terminal-page';

let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess({ env: { SHELL: '/bin/bash' } });
});

test.afterAll(async () => {
  await host?.stop();
});

test('when the first list of terminal sessions fails, the next terminal opened still works without a reload', async ({ page }) => {
  // The page's socket goes through the test: the first `term:list` gets a failure back, everything else reaches the host.
  let failedLists = 0;
  await page.routeWebSocket(/\/ws$/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      const request = typeof message === 'string' ? (JSON.parse(message) as { id?: number; channel?: string }) : undefined;
      if (request?.channel === 'term:list' && failedLists === 0) {
        failedLists += 1;
        socket.send(JSON.stringify({ id: request.id, result: { ok: false, error: { code: 'UNREACHABLE', message: 'The web host did not answer.' } } }));
        return;
      }
      server.send(message);
    });
  });
  await withoutWebgl(page);
  await page.goto(`${host.url}#terminals`);
  await expect(page.getByTestId('contract-error')).toContainText('The web host did not answer.');
  expect(failedLists).toBe(1);

  await openLocalShell(page);
  const pane = page.getByTestId('terminal-pane').first();
  await typeInto(page, pane, 'echo opened-after-$((40+2))');
  await expect(row(pane, /^\s*opened-after-42\s*$/)).toHaveCount(1);
});
