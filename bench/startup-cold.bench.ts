// Cold start of the web host to an interactive Accounts page in Chromium: from spawning `node out/main/web.js` (fresh
// data folder each round) until the page lists the accounts and its "Add with shared key" button opens the dialog.
// Electron cannot run on this machine, so only the web host is measured here.
// Run: `npm run bench startup` (builds first), or `node --import tsx bench/startup-cold.bench.ts [rounds]`.
import { cpus, loadavg } from 'node:os';
import { startWebHostProcess } from '../test/helpers/web-host-process';
import { launchBenchChromium } from './bench-browser';

const rounds = Number(process.argv[2] ?? 5);
const goalMs = 1500;

interface Round {
  hostReady: number;
  domContentLoaded: number;
  accountsListed: number;
  interactive: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<void> {
  const browser = await launchBenchChromium();
  const results: Round[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      // A new browser context per round: no cached scripts, as in a first window.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const started = performance.now();
      const host = await startWebHostProcess();
      try {
        const hostReady = performance.now() - started;
        await page.goto(host.url, { waitUntil: 'domcontentloaded' });
        const domContentLoaded = performance.now() - started;
        await page.getByRole('list', { name: 'Batch accounts' }).getByRole('listitem').first().waitFor();
        const accountsListed = performance.now() - started;
        await page.getByRole('button', { name: 'Add with shared key' }).click();
        await page.getByRole('dialog').waitFor();
        const interactive = performance.now() - started;
        results.push({ hostReady, domContentLoaded, accountsListed, interactive });
      } finally {
        await context.close();
        await host.stop();
      }
    }
  } finally {
    await browser.close();
  }
  const row = (label: string, key: keyof Round) => `| ${label} | ${median(results.map((r) => r[key])).toFixed(0)} ms | ${Math.max(...results.map((r) => r[key])).toFixed(0)} ms |`;
  console.log(`\n${rounds} cold starts, Chromium ${browser.version()} headless, ${cpus().length} CPU cores, load average ${loadavg()[0]?.toFixed(1)}\n`);
  console.log('| from spawning the web host to … | median | slowest |\n|---|---|---|');
  console.log(row('the host printed its address (listening)', 'hostReady'));
  console.log(row('the page\'s DOMContentLoaded', 'domContentLoaded'));
  console.log(row('the Accounts page lists the accounts', 'accountsListed'));
  console.log(row(`a click on "Add with shared key" opened the dialog (interactive; goal ≤ ${goalMs} ms)`, 'interactive'));
  if (median(results.map((r) => r.interactive)) > goalMs) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
