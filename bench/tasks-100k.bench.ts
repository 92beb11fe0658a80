// A job of 100,000 tasks (seeded through the emulator's admin path, every 1,000th failed) opened in Chromium through
// the web host, two ways in one run: Batch Deck's task list (one page of 200 for the first screen, the failed filter
// on the server) against loading every task first and filtering in the renderer, as Batch Explorer does (pages of
// 1,000 until the last, then a client-side filter). Measures time to first rows, time for the failed filter, renderer
// JS heap and requests made. Run: `npm run bench tasks-100k` (builds first), or
// `BATCH_DECK_OUT=… node --import tsx bench/tasks-100k.bench.ts [tasks]` after a production build.
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { contractSubprotocol, tokenSubprotocolPrefix } from '../contract/transport';
import { tokenStorageKey } from '../renderer/ipc/web-bridge';
import { startBuiltEmulator } from '../test/e2e/built-emulator';
import { contractCall } from '../test/e2e/contract-call';
import { rawRequest } from '../test/integration/emulator/api/raw-request';
import { startWebHostProcess } from '../test/helpers/web-host-process';
import { heapMb, launchBenchChromium } from './bench-browser';

const taskCount = Number(process.argv[2] ?? 100_000);
const failedEvery = 1000;
const jobId = 'bench-100k';
const out = process.env.BATCH_DECK_OUT ?? 'out';
/** The columns Batch Deck's list asks for; the baseline asks for the same (Batch Explorer reads whole tasks: more). */
const columns = ['state', 'exitCode', 'result', 'startTime', 'endTime', 'retryCount', 'nodeId', 'commandLine'];

/** Refuses to time a development build of the renderer (React's dev JSX runtime is several times slower). */
function assertProductionRenderer(): void {
  const dir = join(out, 'renderer/assets');
  if (readdirSync(dir).some((f) => f.endsWith('.js') && readFileSync(join(dir, f), 'utf8').includes('jsxDEV'))) {
    throw new Error(`${dir} holds a development build: run \`node scripts/build.mjs\` first.`);
  }
}

/** Counts the renderer's `tasks:page` requests and the bytes its socket received, from the page's own frames. */
function countFrames(page: Page): { requests: () => number; bytes: () => number; reset(): void } {
  let requests = 0;
  let bytes = 0;
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      if (typeof f.payload === 'string' && f.payload.includes('"tasks:page"')) requests++;
    });
    ws.on('framereceived', (f) => {
      bytes += typeof f.payload === 'string' ? f.payload.length : f.payload.byteLength;
    });
  });
  return { requests: () => requests, bytes: () => bytes, reset: () => ((requests = 0), (bytes = 0)) };
}

/**
 * Batch Explorer's way, in the page: page through every task (1,000 a request, one socket, in order), keep them all
 * (window.__allTasks), then filter the failed ones. Resolves with the times, request count and bytes.
 */
function loadEverything(page: Page, accountId: string): Promise<{ allMs: number; filterMs: number; requests: number; bytes: number; failed: number; tasks: number }> {
  // A string, not a function: tsx's keepNames would wrap inner functions in a `__name` helper the page lacks.
  return page.evaluate(`new Promise((resolve, reject) => {
    const ws = new WebSocket('ws://' + location.host + '/ws', [${JSON.stringify(contractSubprotocol)}, ${JSON.stringify(tokenSubprotocolPrefix)} + sessionStorage.getItem(${JSON.stringify(tokenStorageKey)})]);
    const all = [];
    let id = 0, requests = 0, bytes = 0, started = 0;
    const ask = (pageToken) => {
      requests++;
      const payload = { accountId: ${JSON.stringify(accountId)}, jobId: ${JSON.stringify(jobId)}, filter: 'all', columns: ${JSON.stringify(columns)}, maxResults: 1000 };
      if (pageToken) payload.pageToken = pageToken;
      ws.send(JSON.stringify({ id: ++id, channel: 'tasks:page', payload }));
    };
    ws.onopen = () => { started = performance.now(); ask(); };
    ws.onmessage = (m) => {
      bytes += String(m.data).length;
      const data = JSON.parse(String(m.data));
      if (data.id !== id) return;
      if (!data.result.ok) return reject(new Error(JSON.stringify(data.result.error)));
      for (const row of data.result.value.rows) all.push(row);
      if (data.result.value.nextPageToken) return ask(data.result.value.nextPageToken);
      const allMs = performance.now() - started;
      const t = performance.now();
      const failed = all.filter((r) => r.result === 'failure');
      const filterMs = performance.now() - t;
      window.__allTasks = all;
      ws.close();
      resolve({ allMs, filterMs, requests, bytes, failed: failed.length, tasks: all.length });
    };
  })`);
}

/**
 * Scrolls the task table 120 px a frame for `frames` frames (wheel speed; pages load as the end nears); reports the
 * median and longest frame and how many took over 50 ms.
 */
function scrollTasks(page: Page, frames: number): Promise<{ medianMs: number; longestMs: number; slow: number }> {
  return page.evaluate(`new Promise((resolve) => {
    const el = document.querySelector('[data-testid="tasks-table-scroll"]');
    const gaps = [];
    let step = 0, last = performance.now();
    const tick = (now) => {
      if (step > 0) gaps.push(now - last);
      last = now;
      if (step++ >= ${frames}) {
        gaps.sort((a, b) => a - b);
        return resolve({ medianMs: gaps[Math.floor(gaps.length / 2)], longestMs: gaps[gaps.length - 1], slow: gaps.filter((g) => g > 50).length });
      }
      el.scrollTop += 120;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

/** Milliseconds from `act` until `selector` is visible. */
async function timeUntil(page: Page, act: () => Promise<void>, selector: string): Promise<number> {
  const started = Date.now();
  await act();
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 120_000 });
  return Date.now() - started;
}

async function main(): Promise<void> {
  assertProductionRenderer();
  const emulator = await startBuiltEmulator('bench');
  const host = await startWebHostProcess();
  const browser = await launchBenchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const frames = countFrames(page);
    await page.goto(host.url);
    const added = await contractCall(page, 'accounts:addSharedKey', { name: 'bench', url: emulator.endpoint, key: emulator.accountKey });
    if (!added.ok) throw new Error(JSON.stringify(added.error));
    const accountId = (added.value as { id: string }).id;
    const job = await contractCall(page, 'jobs:create', { accountId, spec: { id: jobId, poolId: 'bench-pool' } });
    if (!job.ok) throw new Error(JSON.stringify(job.error));
    const seeded = await rawRequest(emulator, 'POST', `/_emulator/jobs/${jobId}/seedtasks`, { body: { count: taskCount, failedEvery } });
    if (seeded.status !== 200) throw new Error(seeded.text);
    await page.getByRole('tab', { name: 'Accounts' }).click();
    await page.getByTestId('account-bench').getByRole('button', { name: 'Use this account' }).click();
    await page.getByRole('tab', { name: 'Jobs', exact: true }).click();
    await page.getByRole('link', { name: jobId, exact: true }).waitFor();
    const pad = String(taskCount).length;
    const firstId = `task-${'1'.padStart(pad, '0')}`;
    const firstFailed = `task-${String(failedEvery).padStart(pad, '0')}`;

    // Batch Deck: open the job; then the failed filter.
    const heapBefore = await heapMb(page);
    frames.reset();
    const firstRows = await timeUntil(page, () => page.getByRole('link', { name: jobId, exact: true }).click(), `[data-task-id="${firstId}"]`);
    const openRequests = frames.requests();
    const openBytes = frames.bytes();
    await page.getByTestId('tasks-loaded').getByText(/^Loaded 200 of/).waitFor();
    frames.reset();
    const failedMs = await timeUntil(page, () => page.getByTestId('task-filter-failed').click(), `[data-task-id="${firstFailed}"]`);
    const failedRequests = frames.requests();
    const failedBytes = frames.bytes();
    const heapDeck = await heapMb(page);
    await page.getByTestId('task-filter-all').click();
    await page.getByTestId('tasks-loaded').getByText(/^Loaded 200 of/).waitFor();
    frames.reset();
    const scroll = await scrollTasks(page, 300);
    const scrolled = (await page.getByTestId('tasks-loaded').innerText()).replace(/ \(.*/, '');
    const scrollRequests = frames.requests();

    // Loading every task first, in a fresh page of the same app (its own heap).
    const other = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await other.goto(`${host.url}`);
    await other.getByRole('tab', { name: 'Accounts' }).waitFor();
    const heapOtherBefore = await heapMb(other);
    const everything = await loadEverything(other, accountId);
    const heapEverything = await heapMb(other);
    if (everything.tasks !== taskCount || everything.failed !== taskCount / failedEvery) throw new Error(`baseline read ${everything.tasks} tasks, ${everything.failed} failed`);

    const n = taskCount.toLocaleString();
    const rows: [string, string, string][] = [
      ['time to first rows', `${(firstRows / 1000).toFixed(2)} s (click → first row on screen)`, `${(everything.allMs / 1000).toFixed(2)} s (every task read; rendering not counted)`],
      ['time for the failed filter', `${(failedMs / 1000).toFixed(2)} s (click → first failed row on screen)`, `${everything.filterMs.toFixed(0)} ms client-side, after the ${(everything.allMs / 1000).toFixed(1)} s load`],
      ['requests (`tasks:page`)', `${openRequests} to open + ${failedRequests} for the filter`, `${everything.requests}`],
      ['bytes received by the renderer', `${(openBytes / 1e3).toFixed(0)} kB + ${(failedBytes / 1e3).toFixed(0)} kB`, `${(everything.bytes / 1e6).toFixed(1)} MB`],
      [
        'scroll the list 120 px a frame for 300 frames',
        `median frame ${scroll.medianMs.toFixed(0)} ms, longest ${scroll.longestMs.toFixed(0)} ms, ${scroll.slow} over 50 ms; ${scrolled.toLowerCase()} after ${scrollRequests} more requests`,
        'n/a (everything is loaded)',
      ],
      ['renderer JS heap (after GC): before → after', `${heapBefore.toFixed(1)} → ${heapDeck.toFixed(1)} MB`, `${heapOtherBefore.toFixed(1)} → ${heapEverything.toFixed(1)} MB`],
    ];
    console.log(`\n${n} tasks (1 in ${failedEvery.toLocaleString()} failed), Chromium ${browser.version()} headless, ${cpus().length} CPU cores, load average ${loadavg()[0]!.toFixed(1)}\n`);
    console.log('| measure | Batch Deck (pages of 200, filter on the server) | load every task first (pages of 1,000, filter in the renderer) |\n|---|---|---|');
    for (const [what, deck, all] of rows) console.log(`| ${what} | ${deck} | ${all} |`);
  } catch (error) {
    console.error(host.output().slice(-3000));
    throw error;
  } finally {
    await browser.close();
    await host.stop();
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
