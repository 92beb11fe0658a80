import { defineConfig } from '@playwright/test';

/** Debian's Chromium, never a downloaded browser (there is no internet here). */
const chromiumPath = process.env.BATCH_DECK_CHROMIUM ?? '/usr/bin/chromium';

/** End-to-end tests drive the renderer in Chromium through the web host; the _electron spec skips without a binary. */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
