// A 10,000-node pool in the Local sandbox, opened in Chromium through the web host: how long listing and the first
// render take (and, separately, main paging through Batch, the rows crossing to the renderer, and the rest: rendering),
// what polling costs once the pool is steady, how much renderer memory it holds, and whether scrolling and selecting
// stay smooth. Run: `npm run bench pools-10k` (or `node --import tsx bench/pools-10k-nodes.bench.ts [nodes]`; 50000
// for the 50,000-node pool, which has no SSH: one NAT pool's port range cannot give 50,000 nodes a port each).
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { contractSubprotocol, tokenSubprotocolPrefix } from '../contract/transport';
import { tokenStorageKey } from '../renderer/ipc/web-bridge';
import { startWebHostProcess } from '../test/helpers/web-host-process';
import { heapMb, launchBenchChromium } from './bench-browser';

const nodeCount = Number(process.argv[2] ?? 10_000);

/** Calls one contract channel over a fresh socket from the page; resolves with the result and its size on the wire. */
function ask(page: Page, channel: string, payload: unknown): Promise<{ result: any; bytes: number; ms: number }> {
  return page.evaluate(`new Promise((resolve) => {
    const ws = new WebSocket('ws://' + location.host + '/ws', [${JSON.stringify(contractSubprotocol)}, ${JSON.stringify(tokenSubprotocolPrefix)} + sessionStorage.getItem(${JSON.stringify(tokenStorageKey)})]);
    let started = 0;
    ws.onopen = () => { started = performance.now(); ws.send(JSON.stringify({ id: 1, channel: ${JSON.stringify(channel)}, payload: ${JSON.stringify(payload)} })); };
    ws.onmessage = (m) => {
      const data = JSON.parse(String(m.data));
      if (data.id !== 1) return;
      resolve({ result: data.result, bytes: String(m.data).length, ms: performance.now() - started });
      ws.close();
    };
  })`);
}

/** When the page sent its `nodes:list` request and when the answer with the rows came back (the app's own socket). */
interface ListFrames {
  sent?: number;
  received?: number;
  bytes?: number;
}

/**
 * Opens the pool from the pools list and waits until the heat map and the table show every node. Returns the total
 * and its parts, from the app's own WebSocket frames: click → `nodes:list` sent (route and mount), sent → rows
 * received (main listing every page from Batch, and the rows crossing), received → heat map and table on screen.
 */
async function openPool(page: Page, poolId: string): Promise<{ total: number; frames: ListFrames }> {
  await page.getByRole('tab', { name: 'Pools' }).click();
  const link = page.getByRole('link', { name: poolId, exact: true });
  await link.waitFor();
  const frames: ListFrames = {};
  const requestIds = new Set<number>();
  recorder = {
    sent(text) {
      if (!text.includes('"nodes:list"')) return;
      requestIds.add((JSON.parse(text) as { id: number }).id);
      frames.sent ??= Date.now();
    },
    received(text) {
      if (frames.received !== undefined || !text.includes('"rows"')) return;
      if (!requestIds.has((JSON.parse(text) as { id: number }).id)) return;
      frames.received = Date.now();
      frames.bytes = text.length;
    },
  };
  const started = Date.now();
  await link.click();
  await page.getByTestId('node-heat-map').and(page.locator(`[aria-label^="Heat map of ${nodeCount} nodes"]`)).waitFor({ timeout: 120_000 });
  await page.getByTestId('nodes-table').locator('[aria-rowindex="2"]').waitFor();
  const total = Date.now() - started;
  recorder = undefined;
  const since = (at: number | undefined) => (at === undefined ? undefined : at - started);
  return { total, frames: { sent: since(frames.sent), received: since(frames.received), bytes: frames.bytes } };
}

/** Hears every frame of the page's sockets while a pool opens (set by openPool). */
let recorder: { sent(text: string): void; received(text: string): void } | undefined;

/** Follows the app's own WebSocket from the page's first load, so openPool can time its frames. */
function recordFrames(page: Page): void {
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => recorder?.sent(String(payload)));
    ws.on('framereceived', ({ payload }) => recorder?.received(String(payload)));
  });
}

/**
 * Scrolls the node table by `pixelsPerFrame` each animation frame for `frames` frames (`jump`: to the bottom in that
 * many frames); reports the longest frame and how many took over 50 ms.
 */
function scrollTable(page: Page, frames: number, pixelsPerFrame: number | 'jump'): Promise<{ longestFrameMs: number; slowFrames: number; medianFrameMs: number }> {
  // A string, not a function: tsx's keepNames would wrap inner functions in a `__name` helper the page lacks.
  return page.evaluate(`new Promise((resolve) => {
    const el = document.querySelector('[data-testid="nodes-table-scroll"]');
    el.scrollTop = 0;
    const frames = ${frames};
    const per = ${JSON.stringify(pixelsPerFrame)};
    const gaps = [];
    let step = 0, last = performance.now();
    const tick = (now) => {
      if (step > 0) gaps.push(now - last);
      last = now;
      if (step++ >= frames) {
        gaps.sort((a, b) => a - b);
        return resolve({ longestFrameMs: gaps[gaps.length - 1], slowFrames: gaps.filter((g) => g > 50).length, medianFrameMs: gaps[Math.floor(gaps.length / 2)] });
      }
      el.scrollTop = per === 'jump' ? (el.scrollHeight * step) / frames : el.scrollTop + per;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

/** Time from clicking "select every idle node" to the second animation frame after it (the redraw is on screen). */
function selectAllRedraw(page: Page): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const button = [...document.querySelectorAll('button')].find((b) => /^idle: /.test(b.textContent.trim()));
    const started = performance.now();
    button.click();
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
  })`);
}

function frameText(frames: { longestFrameMs: number; slowFrames: number; medianFrameMs: number }): string {
  return `median frame ${frames.medianFrameMs.toFixed(0)} ms, longest ${frames.longestFrameMs.toFixed(0)} ms, ${frames.slowFrames} over 50 ms`;
}

/** Refuses to time a development build of the renderer (React's dev JSX runtime is several times slower). */
function assertProductionRenderer(): void {
  const dir = `${process.env.BATCH_DECK_OUT ?? 'out'}/renderer/assets`;
  const dev = readdirSync(dir).some((f) => f.endsWith('.js') && readFileSync(`${dir}/${f}`, 'utf8').includes('jsxDEV'));
  if (dev) throw new Error('out/renderer holds a development build (NODE_ENV was not production when it was built): run `node scripts/build.mjs` first.');
}

/** Every request names its account: the Local sandbox's id. */
const sandbox = 'sandbox';

async function main(): Promise<void> {
  assertProductionRenderer();
  const host = await startWebHostProcess({ env: { BATCH_DECK_SANDBOX_TIME_SCALE: '0.01' } });
  const browser = await launchBenchChromium();
  const rows: [string, string][] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    recordFrames(page);
    await page.goto(host.url);
    for (let i = 0; i < 60 && !(await ask(page, 'pools:list', { accountId: sandbox })).result.ok; i++) await page.waitForTimeout(500);
    const spec = {
      id: 'bench-10k', vmSize: 'Standard_D2s_v5', targetDedicatedNodes: nodeCount, nodeAgentSkuId: 'batch.node.ubuntu 22.04',
      image: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' },
      // One NAT pool's range cannot hold more than ~49,000 ports (50000-55000 are Batch's own): bigger pools go without SSH.
      ssh: nodeCount <= 45_000
        ? { enabled: true, frontendPortRangeStart: 1000, frontendPortRangeEnd: 1000 + Math.max(99, Math.ceil(nodeCount * 1.1)), sourceAddressPrefix: '127.0.0.1' }
        : { enabled: false },
    };
    const created = await ask(page, 'pools:create', { accountId: sandbox, spec });
    if (!created.result.ok) throw new Error(JSON.stringify(created.result.error));
    for (;;) {
      const pool = (await ask(page, 'pools:get', { accountId: sandbox, poolId: spec.id })).result.value;
      if (pool?.nodeCounts?.dedicated?.idle === nodeCount) break;
      await page.waitForTimeout(1000);
    }
    await page.getByRole('tab', { name: 'Pools' }).click();
    const baseline = await heapMb(page);

    const { total: cold, frames } = await openPool(page, spec.id);
    rows.push([`**open pool detail, main's cache cold (list ${nodeCount.toLocaleString()} nodes + first render)**`, `**${(cold / 1000).toFixed(2)} s**`]);
    const seconds = (ms: number | undefined) => (ms === undefined ? 'not seen' : `${(ms / 1000).toFixed(2)} s`);
    rows.push(['… click → the page asks `nodes:list` (route, mount)', seconds(frames.sent)]);
    rows.push(['… `nodes:list` asked → rows received (main lists every page from Batch, rows cross)', `${seconds(frames.received !== undefined && frames.sent !== undefined ? frames.received - frames.sent : undefined)}, ${((frames.bytes ?? 0) / 1e6).toFixed(2)} MB`]);
    rows.push(['… rows received → heat map and table on screen (first render)', seconds(frames.received !== undefined ? cold - frames.received : undefined)]);
    const afterRender = await heapMb(page);
    const { total: warm } = await openPool(page, spec.id);
    rows.push(['open it again (renderer and main caches warm)', `${(warm / 1000).toFixed(2)} s`]);

    const lists: { result: any; ms: number; bytes: number }[] = [];
    for (let i = 0; i < 3; i++) lists.push(await ask(page, 'nodes:list', { accountId: sandbox, poolId: spec.id, force: true }));
    const median = lists.map((l) => l.ms).sort((a, b) => a - b)[1] as number;
    rows.push([`\`nodes:list\` forced: ${Math.ceil(nodeCount / 1000)} pages of 1,000 + rows to the renderer (median of 3)`, `${(median / 1000).toFixed(2)} s, ${(lists[0]!.bytes / 1e6).toFixed(2)} MB`]);
    // The same rows from main's cache: only serializing them, the socket and JSON.parse in the page.
    const cached: { ms: number; bytes: number }[] = [];
    for (let i = 0; i < 3; i++) cached.push(await ask(page, 'nodes:list', { accountId: sandbox, poolId: spec.id }));
    const crossing = cached.map((l) => l.ms).sort((a, b) => a - b)[1] as number;
    rows.push(['… of which the rows crossing to the renderer (main\'s cache warm, median of 3)', `${(crossing / 1000).toFixed(2)} s, ${(cached[0]!.bytes / 1e6).toFixed(2)} MB`]);
    rows.push(['… of which main paging through Batch (forced − cached)', `${((median - crossing) / 1000).toFixed(2)} s`]);
    const version = lists[2]!.result.value.version;
    const steady = await ask(page, 'nodes:list', { accountId: sandbox, poolId: spec.id, knownVersion: version });
    rows.push(['steady poll (`/nodecounts` only, answer "unchanged")', `${steady.ms.toFixed(0)} ms, ${steady.bytes} bytes`]);

    const wheel = await scrollTable(page, 120, 120);
    rows.push(['scroll the node table 120 px a frame for 120 frames (wheel speed)', frameText(wheel)]);
    const jump = await scrollTable(page, 60, 'jump');
    rows.push(['scroll the node table top to bottom in 60 frames (~5,300 px a frame)', frameText(jump)]);
    const redraw = await selectAllRedraw(page);
    rows.push([`select all ${nodeCount.toLocaleString()} nodes (heat map + table redraw)`, `${redraw.toFixed(0)} ms`]);
    const afterAll = await heapMb(page);
    rows.push(['renderer JS heap: pools list → detail rendered → after scroll and select', `${baseline.toFixed(1)} → ${afterRender.toFixed(1)} → ${afterAll.toFixed(1)} MB`]);

    console.log(`\n${nodeCount.toLocaleString()} nodes, Chromium ${browser.version()} headless, ${cpus().length} CPU cores, load average ${loadavg()[0]!.toFixed(1)}\n`);
    console.log('| measure | result |\n|---|---|');
    for (const [what, value] of rows) console.log(`| ${what} | ${value} |`);
  } catch (error) {
    console.error(host.output().slice(-3000));
    throw error;
  } finally {
    await browser.close();
    await host.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
