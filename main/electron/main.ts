import { app, BrowserWindow, dialog, ipcMain, safeStorage, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { createApp, type BatchDeckApp } from '../app';
import { ConsoleFileLogger, SecretRedactor } from '../log';
import { SettingsService } from '../settings/settings-service';
import { defaultDataDir, ensurePrivateDir } from '../store/paths';
import { VaultSecretStore } from '../store/vault-secret-store';
import { installProcessGuards } from '../system/process-guards';
import { appVersion } from '../system/version';
import { forwardEvents, registerContractIpc } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { SafeStorageCipher } from './safe-storage-cipher';
import { followThemeSetting } from './native-theme';
import { createMainWindow, lockDown } from './window';
import { UtilityProcessEmulatorLauncher } from './utility-process-launcher';
import { isExternalLinkAllowed } from './window-options';

// The Electron host only moves messages between IPC and the router; all logic lives in plain Node services.
const isDevelopment = !app.isPackaged && process.env.BATCH_DECK_DEVTOOLS === '1';
const ourWindows = new Set<number>();
let batchDeck: BatchDeckApp | undefined;
let disposed = false;

main();

/** Claims the single-instance lock, wires the app's lifecycle and starts once Electron is ready. */
function main(): void {
  registerAppScheme();
  // A second launch only hands over to the running instance (which focuses its window): it must start nothing itself.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', focusRunningWindow);
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', disposeBeforeQuit);
  app.whenReady().then(start).catch(reportFailedStart);
}

/** Builds the app and opens its window; anything that throws here ends in reportFailedStart. */
function start(): void {
  const dataDir = defaultDataDir();
  ensurePrivateDir(dataDir);
  const redactor = new SecretRedactor();
  const log = new ConsoleFileLogger(redactor, join(dataDir, 'logs', 'main.log'));
  installProcessGuards(log);
  const settings = new SettingsService(dataDir);
  // A settings file that cannot be read is reported by the first settings call; the window still opens.
  followThemeSetting(settings).catch((error: unknown) => log.warn('theme', `Could not apply the theme setting: ${String(error)}`));
  const cipher = new SafeStorageCipher(safeStorage, async () => (await settings.get()).allowPlainTextSecretStore);
  batchDeck = createApp({
    host: 'electron',
    version: appVersion,
    dataDir,
    settings,
    secretStore: new VaultSecretStore(dataDir, cipher),
    log,
    redactor,
    electronVersion: process.versions.electron,
    // Downloads go where the user picks with the OS's own folder dialog, attached to the focused window.
    pickFolder: async (title) => {
      const owner = BrowserWindow.getFocusedWindow();
      const options = { title, properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const picked = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? undefined : picked.filePaths[0];
    },
    // "Open in browser" on a port forward: only http://127.0.0.1:PORT/ addresses the tunnel service built itself.
    openLoopbackUrl: async (url) => (/^http:\/\/127\.0\.0\.1:\d{1,5}\/$/.test(url) ? shell.openExternal(url) : undefined), /* eng-disable OPEN_EXTERNAL_JS_CHECK: a port forward's own loopback address, opened on the user's click */
    accounts: {
      emulatorLauncher: new UtilityProcessEmulatorLauncher(join(__dirname, '..', 'emulator', 'cli.js')),
      // The sign-in page the user asked for (https authority only) opens in the OS browser, never in our window.
      openExternal: async (url) => (isExternalLinkAllowed(url) ? shell.openExternal(url) : undefined), /* eng-disable OPEN_EXTERNAL_JS_CHECK: https URLs only (isExternalLinkAllowed), the sign-in page the user asked for */
    },
  });
  serveRenderer(join(__dirname, '..', 'renderer'));
  registerContractIpc(ipcMain, batchDeck.router, (contents: WebContents) => ourWindows.has(contents.id));
  openWindow(batchDeck);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && batchDeck) openWindow(batchDeck);
  });
}

/** A start that failed would leave a process with no window: say what happened, then quit. */
function reportFailedStart(error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Batch Deck could not start: ${reason}\n`);
  dialog.showErrorBox(
    'Batch Deck could not start',
    `${reason}\n\nBatch Deck keeps its data in ${defaultDataDir()}. Check that this folder can be written ` +
      '(BATCH_DECK_DATA chooses another one), then start Batch Deck again.',
  );
  app.quit();
}

/** A second launch (e.g. from the desktop entry) brings the running window forward instead of a second sandbox. */
function focusRunningWindow(): void {
  const [window] = BrowserWindow.getAllWindows();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

/** Opens the main window and connects it to the event bus. */
function openWindow(running: BatchDeckApp): void {
  const window = createMainWindow(join(__dirname, '..', 'preload', 'index.js'), isDevelopment);
  const id = window.webContents.id;
  ourWindows.add(id);
  forwardEvents(running.events, window.webContents);
  window.on('closed', () => ourWindows.delete(id));
}

/** Ends sessions, stops the sandbox emulator and flushes state before the app quits for real. */
function disposeBeforeQuit(event: Electron.Event): void {
  if (disposed || !batchDeck) return;
  event.preventDefault();
  disposed = true;
  void batchDeck.dispose().finally(() => app.quit());
}
