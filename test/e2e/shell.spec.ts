import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import NodeWebSocket from 'ws';
import { contractSubprotocol, tokenSubprotocolPrefix } from '../../contract/transport';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { contractCall } from './contract-call';

let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess();
});

test.afterAll(async () => {
  await host.stop();
});

test('the shell renders with navigation and a status bar showing version and host from the contract', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('tab', { name: 'Accounts' })).toBeVisible();
  for (const name of ['Images', 'Pools', 'Terminals']) await expect(page.getByRole('tab', { name })).toBeVisible();
  await expect(page.getByTestId('status-version')).toHaveText(/Batch Deck \d+\.\d+\.\d+/);
  await expect(page.getByTestId('status-host')).toHaveText('Web host (browser)');
  await expect(page.getByTestId('status-account')).toHaveText(/Account: .+ \(ready\)/, { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/shell.png' });
});

test('keyboard navigation moves between pages and a reload keeps the page', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Accounts' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Pools' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Pools' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Pools' })).toHaveAttribute('aria-selected', 'true');
});

test('a payload that fails its schema comes back to the caller as INVALID_PAYLOAD and changes nothing', async ({ page }) => {
  await page.goto(host.url);
  const bad = await contractCall(page, 'settings:update', { terminalFontSize: 'huge' });
  const unknown = await contractCall(page, 'pools:explode', {});
  const after = await contractCall(page, 'settings:get', {});
  expect(bad.ok).toBe(false);
  expect(bad.error?.code).toBe('INVALID_PAYLOAD');
  expect(bad.error?.message).toContain('terminalFontSize');
  expect(unknown.error?.code).toBe('UNKNOWN_CHANNEL');
  expect((after.value as { terminalFontSize: number }).terminalFontSize).toBe(14);
});

test('the web host serves its page without a token but its socket refuses a wrong or missing token and a foreign Origin', async ({ page, request }) => {
  const plain = await request.get(`${host.origin}/`);
  expect(plain.status()).toBe(200);
  expect(plain.headers()['set-cookie']).toBeUndefined();

  await page.goto(host.url);
  const socketFromPage = (protocols: string[]) =>
    page.evaluate(
      ([wsUrl, offered]) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(wsUrl, offered);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      [`ws://${new URL(host.url).host}/ws`, protocols] as const,
    );
  expect(await socketFromPage([contractSubprotocol, `${tokenSubprotocolPrefix}wrong`])).toBe('refused');
  expect(await socketFromPage([contractSubprotocol])).toBe('refused');
  expect(await socketFromPage([contractSubprotocol, `${tokenSubprotocolPrefix}${host.token}`])).toBe('open');

  // Another origin with the right token: refused at the upgrade, before any contract message.
  const right = [contractSubprotocol, `${tokenSubprotocolPrefix}${host.token}`];
  expect(await openSocket(`ws://${new URL(host.url).host}/ws`, 'http://foreign.test', right)).toBe('refused 403');
  expect(await openSocket(`ws://${new URL(host.url).host}/ws`, host.origin, right)).toBe(`open ${contractSubprotocol}`);
  await expect.poll(() => host.output()).toContain('Origin "http://foreign.test" is not');
  expect(readFileSync(join(host.dataDir, 'logs', 'main.log'), 'utf8')).not.toContain(host.token);
});

/** Opens a socket from Node with a chosen Origin header; says whether it opened (and with which subprotocol) or how it was refused. */
function openSocket(url: string, origin: string, protocols: string[]): Promise<string> {
  return new Promise((resolve) => {
    const ws = new NodeWebSocket(url, protocols, { headers: { origin } });
    ws.on('open', () => {
      resolve(`open ${ws.protocol}`);
      ws.close();
    });
    ws.on('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
    ws.on('error', (error) => resolve(`error ${error.message}`));
  });
}

test('settings refuse a bad proxy URL inline and keep a good one across a reload', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Proxy URL').fill('not a url');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText(/Invalid URL/i)).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('Proxy URL')).toHaveValue('');
  await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Proxy URL').fill('http://proxy.internal:3128');
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeHidden();
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('Proxy URL')).toHaveValue('http://proxy.internal:3128');
});

test('the command palette opens with Ctrl+K and runs a command from the keyboard', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-version')).toBeVisible();
  await page.keyboard.press('Control+k');
  await page.getByLabel('Type a command').fill('terminals');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Terminals' })).toHaveAttribute('aria-selected', 'true');
});
