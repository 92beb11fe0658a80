import type { BrowserWindowConstructorOptions } from 'electron';

/** The custom scheme that serves the renderer (never file://). */
export const appScheme = 'app';
/** The host of the app's own pages. */
export const appHost = 'batch-deck';
/** The origin of the app's own pages. */
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * The options of every Batch Deck window: isolated, sandboxed, no Node in the renderer, no webview, no remote
 * content, spellcheck off (it would send words to a service), DevTools only in development.
 */
export function windowOptions(preloadPath: string, isDevelopment: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Batch Deck',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      // Middle-click (auxclick) on a link would ask for a new window; new windows are denied anyway, this stops the event.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: isDevelopment,
    },
  };
}

/**
 * True when a frame URL belongs to the app's own renderer. Compares scheme and host, not `origin`: Node's URL (which
 * main uses) only knows the origin of special schemes and answers "null" for every app:// URL.
 */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** True for links the app may hand to the OS browser: https only, nothing else. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The one permission the app's own page gets: writing sanitized text to the clipboard (terminal copy-on-select and
 * Ctrl+Shift+C). Everything else — camera, notifications, clipboard reads, other origins — is denied.
 */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}
