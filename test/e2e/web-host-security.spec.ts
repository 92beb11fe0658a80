import { expect, test } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { contractCall } from './contract-call';

let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess();
});

test.afterAll(async () => {
  await host.stop();
});

test('after the page loads no cookie holds the token, the address bar has no token, and a reload still connects', async ({ page, context }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-version')).toHaveText(/Batch Deck \d+\.\d+\.\d+/);
  expect(page.url()).not.toContain(host.token);
  expect(page.url()).not.toContain('token');
  const cookies = await context.cookies();
  expect(cookies.filter((cookie) => cookie.value.includes(host.token) || cookie.name.includes('token'))).toEqual([]);

  await page.reload();
  await expect(page.getByTestId('status-version')).toHaveText(/Batch Deck \d+\.\d+\.\d+/);
  expect(page.url()).not.toContain(host.token);
  expect((await contractCall(page, 'settings:get', {})).ok).toBe(true);
});

test('an address with a route after the token opens that page and drops only the token', async ({ page }) => {
  await page.goto(`${host.url}#pools`);
  await expect(page.getByRole('tab', { name: 'Pools' })).toHaveAttribute('aria-selected', 'true');
  expect(new URL(page.url()).hash).toBe('#pools');
});

test('a page opened without the token gets the app but no contract socket', async ({ page }) => {
  await page.goto(`${host.origin}/`);
  await expect(page.getByRole('tab', { name: 'Accounts' })).toBeVisible();
  await expect(contractCall(page, 'settings:get', {})).rejects.toThrow(/refused the socket/);
});

test('a web page that requests malformed addresses from the host gets 400s and the host keeps serving', async ({ page, request }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-version')).toHaveText(/Batch Deck/);
  // What any site open in the browser can do: point an <img> at the host with a target that once ended it.
  const statuses = await page.evaluate(async (origin) => {
    const targets = ['//[', '/%E0%A4%A', '/%c0%ae%c0%ae/'];
    return Promise.all(targets.map(async (target) => (await fetch(`${origin}${target}`)).status));
  }, host.origin);
  expect(statuses).toEqual([400, 400, 400]);
  await page.evaluate((origin) => {
    const image = document.createElement('img');
    image.src = `${origin}//[`;
    document.body.append(image);
  }, host.origin);
  expect((await request.get(`${host.origin}/`)).status()).toBe(200);
  expect((await contractCall(page, 'settings:get', {})).ok).toBe(true);
});
