// Memory with a busy window: 8 terminals on sandbox nodes streaming output at full speed and a 10,000-node pool open,
// in the web host and Chromium. Main's RSS (the web host process, sampled every 250 ms) and the renderer's JS heap
// (after a forced GC, over CDP), against the goals: main ≤ 300 MB, renderer heap ≤ 150 MB.
// Run: `npm run bench memory` (builds first), or `node --import tsx bench/memory-terminals-pool.bench.ts [nodes] [streamSeconds]`.
import type { Locator, Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { contractCall } from '../test/e2e/contract-call';
import { withoutWebgl } from '../test/e2e/terminal-page';
import { startWebHostProcess } from '../test/helpers/web-host-process';
import { heapMb, launchBenchChromium } from './bench-browser';

const poolNodes = Number(process.argv[2] ?? 10_000);
const streamSeconds = Number(process.argv[3] ?? 20);
const terminals = 8;
const goals = { mainRssMb: 300, rendererHeapMb: 150 };
const image = { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' };

/** RSS in MB of this process's child running the web host (found in /proc: the helper does not expose its pid). */
function hostRssMb(): number {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!status.includes(`PPid:\t${process.pid}\n`) || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('main/web.js')) continue;
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      // the process went away between listing and reading
    }
  }
  throw new Error('web host process not found');
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function createPool(page: Page, id: string, nodes: number): Promise<void> {
  const spec = { id, vmSize: 'standard_d2s_v3', image, nodeAgentSkuId: 'batch.node.ubuntu 22.04', targetDedicatedNodes: nodes, ssh: { sourceAddressPrefix: '127.0.0.1', frontendPortRangeStart: nodes > 100 ? 2000 : 1000, frontendPortRangeEnd: nodes > 100 ? Math.min(49_999, 2000 + nodes * 2) : 1199 } };
  await until(async () => (await contractCall(page, 'pools:create', { accountId: 'sandbox', spec })).ok, `pool ${id} to be created`);
  await until(async () => {
    const pool = (await contractCall(page, 'pools:get', { accountId: 'sandbox', poolId: id })).value as { nodeCounts?: { dedicated?: { idle?: number } } } | undefined;
    return pool?.nodeCounts?.dedicated?.idle === nodes;
  }, `${nodes} idle nodes in ${id}`);
}

/** Clicks Connect on one row of the remote-login table and trusts the node's host key. */
async function connect(page: Page, url: string, poolId: string, index: number): Promise<void> {
  await page.goto(`${url}#pools?poolId=${poolId}`);
  await page.reload();
  await page.getByRole('tab', { name: 'Remote login' }).click();
  const row = page.getByTestId('remote-login-row').nth(index);
  const nodeId = (await row.getAttribute('data-node-id')) ?? '';
  await row.getByRole('button', { name: 'Connect' }).click();
  const pane: Locator = page.locator(`[data-testid="terminal-pane"][aria-label="Terminal ${poolId} / ${nodeId}"]`);
  await pane.getByTestId('host-key-prompt').getByRole('button', { name: 'Trust and connect' }).click({ timeout: 60_000 });
  await pane.getByTestId('session-status').filter({ hasText: 'Connected' }).waitFor({ timeout: 60_000 });
}

async function main(): Promise<void> {
  const host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01' } });
  const browser = await launchBenchChromium();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, hostRssMb())), 250);
  const rows: [string, string][] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // xterm's DOM renderer, so the bench can read that every pane really streams.
    await withoutWebgl(page);
    await page.goto(host.url);
    await until(async () => (await contractCall(page, 'pools:list', { accountId: 'sandbox' })).ok, 'the Local sandbox');
    rows.push(['idle, Accounts page', `main RSS ${hostRssMb().toFixed(0)} MB, renderer heap ${(await heapMb(page)).toFixed(1)} MB`]);

    await createPool(page, 'mem-ssh', terminals);
    const apply = await contractCall(page, 'provision:apply', { accountId: 'sandbox', poolId: 'mem-ssh', nodes: 'all', userName: 'ops', auth: { kind: 'managedKey' } });
    if (!apply.ok) throw new Error(JSON.stringify(apply.error));
    await until(async () => {
      const table = (await contractCall(page, 'remote-login:list', { accountId: 'sandbox', poolId: 'mem-ssh' })).value as { rows: { users: Record<string, { status: string }> }[] } | undefined;
      return table?.rows.filter((r) => r.users.ops?.status === 'created').length === terminals;
    }, 'the user on every node');
    for (let i = 0; i < terminals; i++) await connect(page, host.url.split('#')[0] as string, 'mem-ssh', i);
    // At most 4 panes show at once: start the stream in each session from its tab, one after the other.
    await page.getByRole('button', { name: '1 panes' }).click();
    const pane = page.getByTestId('terminal-pane').first();
    const tabs = page.getByTestId('terminal-tab');
    const streams = async (): Promise<boolean> => /[A-Za-z0-9+/]{60}/.test((await pane.locator('.xterm-rows').textContent()) ?? '');
    for (let i = 0; i < terminals; i++) {
      await tabs.nth(i).click();
      await pane.locator('.xterm-screen').click();
      await page.keyboard.type('base64 /dev/urandom');
      await page.keyboard.press('Enter');
      await until(streams, `terminal ${i + 1} to stream`, 30_000);
    }
    await page.waitForTimeout(streamSeconds * 500);
    peakRss = 0;
    await page.waitForTimeout(streamSeconds * 500);
    // Every session still streams (its newest screen differs from a second ago).
    for (let i = 0; i < terminals; i++) {
      await tabs.nth(i).click();
      const before = await pane.locator('.xterm-rows').textContent();
      await until(async () => (await streams()) && (await pane.locator('.xterm-rows').textContent()) !== before, `terminal ${i + 1} to keep streaming`, 30_000);
    }
    rows.push([`${terminals} terminals streaming \`base64 /dev/urandom\` for ${streamSeconds} s`, `main RSS peak ${peakRss.toFixed(0)} MB, renderer heap ${(await heapMb(page)).toFixed(1)} MB`]);

    // The big pool opens while the terminals keep streaming in the background.
    await createPool(page, 'mem-big', poolNodes);
    peakRss = 0;
    await page.getByRole('tab', { name: 'Pools' }).click();
    await page.getByRole('link', { name: 'mem-big', exact: true }).click();
    await page.getByTestId('node-heat-map').and(page.locator(`[aria-label^="Heat map of ${poolNodes} nodes"]`)).waitFor({ timeout: 120_000 });
    await page.waitForTimeout(5000);
    const heap = await heapMb(page);
    rows.push([`… and a ${poolNodes.toLocaleString()}-node pool open (terminals still streaming)`, `**main RSS peak ${peakRss.toFixed(0)} MB** (goal ≤ ${goals.mainRssMb}), **renderer heap ${heap.toFixed(1)} MB** (goal ≤ ${goals.rendererHeapMb})`]);
    if (peakRss > goals.mainRssMb || heap > goals.rendererHeapMb) process.exitCode = 1;

    console.log(`\n${terminals} sandbox terminals + ${poolNodes.toLocaleString()} nodes, Chromium ${browser.version()} headless, ${cpus().length} CPU cores, load average ${loadavg()[0]?.toFixed(1)}\n`);
    console.log('| state | memory |\n|---|---|');
    for (const [what, value] of rows) console.log(`| ${what} | ${value} |`);
  } catch (error) {
    console.error(host.output().slice(-3000));
    throw error;
  } finally {
    clearInterval(sampler);
    await browser.close();
    await host.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
