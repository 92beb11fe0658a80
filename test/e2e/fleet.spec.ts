import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { contractCall } from './contract-call';
import { openSshPool } from './ssh-pool-page';

let host: WebHostProcess;
let page: Page;
let home: string;
const poolId = 'fleet-e2e';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  home = mkdtempSync(join(tmpdir(), 'batch-deck-e2e-home-'));
  host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01', HOME: home } });
  page = await browser.newPage();
  await page.goto(host.url);
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** Types a command, picks the target and runs it; resolves once the command has ended. */
async function runCommand(command: string, target: RegExp | undefined, nodes: number): Promise<void> {
  await page.getByRole('tab', { name: 'Run command' }).click();
  const form = page.getByRole('form', { name: 'Run a command on nodes' });
  if (target) {
    await form.getByRole('combobox', { name: 'Run on' }).click();
    await page.getByRole('option', { name: target }).click();
  }
  await form.getByRole('textbox', { name: 'Command' }).fill(command);
  await form.getByRole('button', { name: `Run on ${nodes} nodes` }).click();
  await expect(page.getByTestId('fleet-progress')).toHaveText(new RegExp(`^finished: ${nodes} of ${nodes} nodes reported`), { timeout: 30_000 });
}

test('a command on a 10-node pool: answers grouped, a group selected in the heat map, an unusable node unreachable with its reason', async () => {
  await openSshPool(page, host.url, poolId, 10);
  const table = page.getByTestId('nodes-table');
  const ids = (await table.getByRole('checkbox', { name: /^Select / }).evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label')!.slice(7)))).slice(0, 10);
  expect(ids).toHaveLength(10);

  // Nothing can run before a user is provisioned: bad input and the missing user are said, and nothing starts.
  await page.getByRole('button', { name: 'Run on nodes…' }).click();
  await expect(page.getByRole('tab', { name: 'Run command' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Command' })).toHaveAccessibleDescription(/Commands are kept in this pool's history; don't put secrets in them\./);
  const form = page.getByRole('form', { name: 'Run a command on nodes' });
  await form.getByRole('button', { name: 'Run on 10 nodes' }).click();
  await expect(form.getByText('Type a command to run.')).toBeVisible();
  await expect(page.getByTestId('fleet-no-user')).toBeVisible();
  await page.getByRole('button', { name: 'Provision a user with the managed key…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('provision-user-name').fill('ops');
  await dialog.getByTestId('provision-submit').click();
  await expect(page.getByTestId('fleet-no-user')).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('fleet-user-coverage')).toHaveText('ops can log in on all 10 nodes', { timeout: 30_000 });

  // A marker on 3 selected nodes, written with a command on the selection.
  await page.getByRole('tab', { name: /^Nodes/ }).click();
  for (const id of ids.slice(0, 3)) await table.getByRole('checkbox', { name: `Select ${id}` }).check();
  await runCommand('touch marker', undefined, 3);
  await expect(page.getByRole('region', { name: '3 nodes: (no output)' })).toBeVisible();

  await runCommand('test -f marker && echo yes || echo no', /^All nodes/, 10);
  const groups = page.getByTestId('fleet-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(0)).toHaveAccessibleName('7 nodes: no');
  await expect(groups.nth(1)).toHaveAccessibleName('3 nodes: yes');
  await expect(page.getByTestId('fleet-histogram')).toHaveText(/exit 0: 10/);

  // "Run next command on these" makes the group's 3 nodes the next target.
  await groups.nth(1).getByRole('button', { name: 'Run next command on these' }).click();
  await expect(form.getByRole('combobox', { name: 'Run on' })).toHaveText('3 nodes: yes (3)');
  await expect(form.getByRole('button', { name: 'Run on 3 nodes' })).toBeVisible();

  // The 3 "yes" nodes, selected from their group, are the ones highlighted in the heat map and checked in the table.
  await groups.nth(1).getByRole('button', { name: 'Select in pool view' }).click();
  await expect(page.getByTestId('node-heat-map')).toHaveAttribute('aria-label', 'Heat map of 10 nodes by state; 3 selected');
  for (const id of ids) await expect(table.getByRole('checkbox', { name: `Select ${id}` })).toBeChecked({ checked: ids.slice(0, 3).includes(id) });

  // One node made unusable (deallocated: its VM and SSH server are off) answers nothing and says why.
  const off = ids[5]!;
  expect((await contractCall(page, 'nodes:action', { accountId: 'sandbox', poolId, action: 'deallocate', target: { nodeIds: [off] } })).ok).toBe(true);
  await expect(table.getByRole('row').filter({ hasText: 'deallocated' })).toHaveCount(1, { timeout: 30_000 });
  await runCommand('test -f marker && echo yes || echo no', /^All nodes/, 10);
  await expect(groups.nth(0)).toHaveAccessibleName('6 nodes: no');
  await expect(groups.nth(1)).toHaveAccessibleName('3 nodes: yes');
  await expect(groups.nth(2)).toHaveAccessibleName('1 node unreachable: The node is deallocated: logins open once it is idle or running.');
  await groups.nth(2).getByRole('button', { name: 'Show output and nodes' }).click();
  await expect(groups.nth(2).getByRole('list', { name: 'Nodes of this group' })).toHaveText(new RegExp(off));
  await expect(page.getByTestId('fleet-histogram')).toHaveText(/exit 0: 9.*unreachable: 1/);

  // The export has one row per node: 6 "no", 3 "yes", and the unreachable one with its reason.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('node_id,group,end,duration_ms,stdout,stderr,unreachable_reason,detail');
  expect(csv.slice(1).map((line) => line.split(',')[0]).sort()).toEqual([...ids].sort());
  expect(csv.filter((line) => line.includes(',exit 0,') && line.includes('"yes\n"'))).toHaveLength(3);
  expect(csv.find((line) => line.startsWith(`${off},`))).toContain(',unreachable,');

  // History keeps the pool's commands with their groups, newest first.
  await expect(page.getByTestId('fleet-history')).toContainText('1 node unreachable (not-ready)');
});
