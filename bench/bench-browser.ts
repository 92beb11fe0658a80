import { chromium, type Browser, type Page } from '@playwright/test';

/** Chromium flags every browser bench uses: headless on this machine, nothing running in the background. */
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Debian's Chromium (or `BATCH_DECK_CHROMIUM`) as the benches drive it. */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.BATCH_DECK_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
}

/** JS heap in use after a full GC, in MB. */
export async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}
