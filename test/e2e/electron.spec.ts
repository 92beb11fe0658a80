import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

// The real Electron app, driven by Playwright's `_electron`. It needs Electron's binary, which `npm install` cannot
// download on an offline machine (allowScripts skips electron's postinstall): there the whole file reports itself
// skipped with the reason. Never `require('electron')` here: without a binary that tries to download one.
const repoRoot = resolve(__dirname, '..', '..');
const binaryByPlatform: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};
const binary = join(repoRoot, 'node_modules', 'electron', 'dist', binaryByPlatform[process.platform] ?? 'electron');

/** Why this machine cannot run the Electron app, or undefined when it can. */
function whyNotRunnable(): string | undefined {
  if (!existsSync(binary)) {
    return `Electron binary not present: ${relative(repoRoot, binary)} is missing (its download was skipped: no network, or allowScripts kept electron's install script from running)`;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display: run the end-to-end tests under xvfb-run to drive the Electron window on Linux';
  }
  return undefined;
}

const reason = whyNotRunnable();

test('Electron itself can be driven on this machine', () => {
  // A list reporter shows no skip reasons, so the reason is printed as well.
  if (reason) console.log(`Electron end-to-end tests skipped: ${reason}`);
  test.skip(reason !== undefined, reason);
  expect(existsSync(binary)).toBe(true);
});

test.describe('the Electron app', () => {
  test.skip(reason !== undefined, reason);

  let app: ElectronApplication;
  let appWindow: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'batch-deck-electron-e2e-'));
    app = await electron.launch({ executablePath: binary, args: [repoRoot], env: { ...process.env, BATCH_DECK_DATA: dataDir } as Record<string, string> });
    appWindow = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('the app opens one window on app:// with the shell and the Electron host in the status bar', async () => {
    expect(appWindow.url()).toBe('app://batch-deck/index.html');
    await expect(appWindow.getByRole('tab', { name: 'Accounts' })).toBeVisible();
    await expect(appWindow.getByTestId('status-host')).toHaveText('Electron');
    await expect(appWindow.getByTestId('status-version')).toHaveText(/Batch Deck \d+\.\d+\.\d+/);
    expect(app.windows()).toHaveLength(1);
  });

  test('the window runs isolated and sandboxed, as the main process created it', async () => {
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> };
      return contents.getLastWebPreferences();
    });
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
  });

  test('the page has no Node and sees only the two bridge functions', async () => {
    const page = await appWindow.evaluate(() => {
      const bridge = (window as unknown as Record<string, Record<string, unknown>>).batchDeck ?? {};
      return {
        require: typeof (globalThis as Record<string, unknown>).require,
        process: typeof (globalThis as Record<string, unknown>).process,
        bridge: Object.entries(bridge).map(([name, value]) => `${name}:${typeof value}`).sort(),
      };
    });
    expect(page).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke:function', 'on:function'] });
  });

  test('a call through the preload reaches the contract and comes back as data', async () => {
    const info = await appWindow.evaluate(() =>
      (window as unknown as { batchDeck: { invoke: (c: string, p: unknown) => Promise<unknown> } }).batchDeck.invoke('app:info', {}),
    );
    expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
  });

  test('the window cannot be navigated away or open another window', async () => {
    await appWindow.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    const opened = await appWindow.evaluate(() => window.open('https://example.com/') === null);
    await expect.poll(() => appWindow.url()).toBe('app://batch-deck/index.html');
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
