import { expect, test, type Page } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { contractCall } from './contract-call';

let host: WebHostProcess;
let page: Page;
/** Channels the page sent over the web host's socket, in order. */
const sent: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01' } });
  page = await browser.newPage();
  page.on('websocket', (socket) =>
    socket.on('framesent', (frame) => {
      const channel = /"channel":"([^"]+)"/.exec(String(frame.payload))?.[1];
      if (channel) sent.push(channel);
    }),
  );
  await page.goto(host.url);
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
});

/** Opens the create form for Ubuntu 22.04 from the Images page, as a user would. */
async function createFormFromImages(): Promise<void> {
  await page.getByRole('tab', { name: 'Images' }).click();
  await page.getByLabel('Search images').fill('ubuntu 22.04');
  const table = page.getByTestId('images-table');
  await expect(table.getByRole('row').filter({ hasText: '22_04-lts' }).first()).toBeVisible();
  await expect(page.getByTestId('images-count')).toContainText('3 of');
  await page.getByRole('button', { name: 'Create a pool with 0001-com-ubuntu-server-jammy 22_04-lts', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Create pool' })).toBeVisible();
  await expect(page.getByTestId('chosen-image')).toContainText('batch.node.ubuntu 22.04');
}

test('a bad pool id is stopped inline before any request is sent', async () => {
  await createFormFromImages();
  await page.getByLabel('Pool id').fill('bad id!');
  await expect(page.getByText('A pool id may contain only letters, digits, hyphens (-) and underscores (_).')).toBeVisible();
  await page.getByRole('button', { name: 'Create pool', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'nothing was sent' })).toBeVisible();
  expect(sent).not.toContain('pools:create');
});

test('create a pool with 2 nodes and a start task; nodes become idle; its output shows the startup folder', async () => {
  await page.getByLabel('Pool id').fill('e2e-pool');
  await page.getByLabel('Dedicated nodes').fill('2');
  await page.getByRole('switch', { name: 'Run a start task on every node as it joins' }).click();
  await page.getByLabel('Start task command line').fill('printenv AZ_BATCH_NODE_STARTUP_DIR');
  await page.getByLabel('Allow SSH from').fill('127.0.0.1');
  await expect(page.getByTestId('preview-json')).toContainText('"commandLine": "printenv AZ_BATCH_NODE_STARTUP_DIR"');
  await expect(page.getByTestId('preview-json')).toContainText('"backendPort": 22');
  await page.getByRole('tab', { name: 'az CLI' }).click();
  await expect(page.getByTestId('preview-az')).toContainText('az batch pool create --json-file pool-e2e-pool.json');
  await page.getByRole('button', { name: 'Create pool', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'e2e-pool' })).toBeVisible();
  await expect(page.getByTestId('pool-created')).toBeVisible();
  await expect(page.getByTestId('allocation-progress')).toBeVisible();
  const rows = page.getByTestId('nodes-table').getByRole('row');
  await expect(rows.filter({ hasText: 'idle' })).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('allocation-progress')).toContainText('Steady: 2 of 2 nodes ready');
  await expect(page.getByTestId('node-heat-map')).toBeVisible();
  await page.screenshot({ path: 'test-results/pool-detail.png' });

  await rows.filter({ hasText: 'idle' }).first().getByRole('button', { name: /Start task output of/ }).click();
  await expect(page.getByTestId('start-task-output')).toContainText(/\S*startup\s*$/);
  const output = (await page.getByTestId('start-task-output').textContent()) ?? '';
  expect(output.trim()).toMatch(/^\/.*startup$/);
});

test('a second pool whose id differs only in case is caught before sending; Discard asks first', async () => {
  await createFormFromImages();
  await page.getByLabel('Pool id').fill('E2E-Pool');
  await page.getByLabel('Allow SSH from').fill('127.0.0.1');
  await page.getByRole('button', { name: 'Create pool', exact: true }).click();
  // Batch treats pool ids case-insensitively and would answer PoolExists: the form says so before any request.
  await expect(page.getByText(/A pool named e2e-pool already exists in this account \(ids ignore case\)/)).toBeVisible();
  await expect(page.getByLabel('Pool id')).toBeFocused();
  const listed = await contractCall(page, 'pools:list', { accountId: 'sandbox' });
  expect((listed.value as { pools: { id: string }[] }).pools.map((p) => p.id)).toEqual(['e2e-pool']);

  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByTestId('discard-confirm')).toBeVisible();
  await page.getByTestId('discard-confirm').getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('heading', { name: 'Create pool' })).toHaveCount(0);
});

test('resize the pool to 3 nodes, then delete it after typing its id', async () => {
  await page.getByRole('link', { name: 'e2e-pool' }).click();
  await page.getByRole('button', { name: 'Resize…' }).click();
  await page.getByLabel('Dedicated nodes').fill('3');
  await page.getByRole('dialog').getByRole('button', { name: 'Resize' }).click();
  await expect(page.getByTestId('pool-dedicated')).toContainText('dedicated 3 now / 3 target', { timeout: 60_000 });
  await expect(page.getByTestId('nodes-table').getByRole('row').filter({ hasText: 'idle' })).toHaveCount(3, { timeout: 60_000 });

  await page.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('button', { name: 'Delete pool' });
  await expect(confirm).toBeDisabled();
  await page.getByLabel('Pool id to confirm').fill('e2e-poo');
  await expect(confirm).toBeDisabled();
  await page.getByLabel('Pool id to confirm').fill('e2e-pool');
  await confirm.click();
  await expect(page.getByTestId('pool-gone')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Back to pools' }).click();
  await expect(page.getByTestId('pools-table').getByRole('link', { name: 'e2e-pool' })).toHaveCount(0);
});

test('a 10,000-node pool shows every node on the heat map and in a table that scrolls to the last node', async () => {
  test.setTimeout(240_000);
  await createFormFromImages();
  await page.getByLabel('Pool id').fill('big-pool');
  await page.getByLabel('Dedicated nodes').fill('10000');
  await page.getByLabel('Allow SSH from').fill('127.0.0.1/32');
  await expect(page.getByLabel('Frontend port range end')).toHaveValue('29999');
  await page.getByRole('button', { name: 'Create pool', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'big-pool' })).toBeVisible();

  await expect(page.getByRole('button', { name: /^idle: / })).toContainText('idle: 10000', { timeout: 180_000 });
  await expect(page.getByTestId('node-heat-map')).toHaveAttribute('aria-label', /Heat map of 10000 nodes/);
  const table = page.getByTestId('nodes-table');
  await expect(table).toHaveAttribute('aria-rowcount', '10001');

  await page.getByTestId('nodes-table-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.locator('[aria-rowindex="10001"]')).toBeVisible();
  await expect(table.locator('[aria-rowindex="10001"]')).toContainText('idle');

  const map = (await page.getByTestId('node-heat-map').boundingBox())!;
  await page.mouse.move(map.x + map.width - 3, map.y + 2);
  await expect(page.getByTestId('heat-map-tooltip')).toContainText(/tvmps_\w+ — idle/);
  await page.mouse.move(map.x + 1, map.y + 1);
  await page.mouse.down();
  await page.mouse.move(map.x + map.width - 1, map.y + map.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByRole('combobox', { name: 'Act on' })).toContainText(/Selected nodes \(\d{3,}\)/);
  await page.screenshot({ path: 'test-results/pool-10k.png' });
});
