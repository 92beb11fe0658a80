import { BrowserWindow, shell, type WebContents } from 'electron';
import { appOrigin, isAppUrl, isExternalLinkAllowed, isPermissionGranted, windowOptions } from './window-options';

/**
 * Creates the main window with the hardened options and locks it down: no navigation away from the app, no new
 * windows (https links the user clicks open in the OS browser), every permission request denied.
 */
export function createMainWindow(preloadPath: string, isDevelopment: boolean): BrowserWindow {
  const options = windowOptions(preloadPath, isDevelopment);
  // The isolation settings are spelled out again where the window is made: no later edit of windowOptions can drop
  // them, and Electronegativity, which cannot follow a function call, sees them (docs/security.md).
  const window = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockDown(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

/** Denies navigation, new windows and every permission but clipboard writes from our own page, for one WebContents. */
export function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Only a user's click on an https link reaches here with a URL worth opening; everything else is dropped.
    if (isExternalLinkAllowed(url)) void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK: https URLs only (isExternalLinkAllowed), from a link in our own renderer */
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl)),
  );
  contents.session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin));
}
