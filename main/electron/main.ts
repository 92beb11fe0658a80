import { app, BrowserWindow, ipcMain, safeStorage, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { createApp, type BatchDeckApp } from '../app';
import { ConsoleFileLogger, SecretRedactor } from '../log';
import { SettingsService } from '../settings/settings-service';
import { defaultDataDir } from '../store/paths';
import { VaultSecretStore } from '../store/vault-secret-store';
import { appVersion } from '../system/version';
import { forwardEvents, registerContractIpc } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { SafeStorageCipher } from './safe-storage-cipher';
import { createMainWindow, lockDown } from './window';
import { UtilityProcessEmulatorLauncher } from './utility-process-launcher';
import { isExternalLinkAllowed } from './window-options';

// The Electron host only moves messages between IPC and the router; all logic lives in plain Node services.
const isDevelopment = !app.isPackaged && process.env.BATCH_DECK_DEVTOOLS === '1';
const ourWindows = new Set<number>();
let batchDeck: BatchDeckApp | undefined;

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();
// A second launch (e.g. from the desktop entry) brings the running window forward instead of a second sandbox.
app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
});

app.on('web-contents-created', (_event, contents) => lockDown(contents));

app.whenReady().then(() => {
  const dataDir = defaultDataDir();
  const redactor = new SecretRedactor();
  const log = new ConsoleFileLogger(redactor, join(dataDir, 'logs', 'main.log'));
  const settings = new SettingsService(dataDir);
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
});

/** Opens the main window and connects it to the event bus. */
function openWindow(running: BatchDeckApp): void {
  const window = createMainWindow(join(__dirname, '..', 'preload', 'index.js'), isDevelopment);
  const id = window.webContents.id;
  ourWindows.add(id);
  forwardEvents(running.events, window.webContents);
  window.on('closed', () => ourWindows.delete(id));
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let disposed = false;
app.on('will-quit', (event) => {
  if (disposed || !batchDeck) return;
  // End sessions, stop the sandbox emulator, flush state, then quit for real.
  event.preventDefault();
  disposed = true;
  void batchDeck.dispose().finally(() => app.quit());
});
