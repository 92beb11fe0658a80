import type { BrowserWindowConstructorOptions } from 'electron';

/** The custom scheme that serves the renderer (never file://). */
export const appScheme = 'app';
/** The origin of the app's own pages. */
export const appOrigin = `${appScheme}://batch-deck`;

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
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: isDevelopment,
    },
  };
}

/** True when a frame URL belongs to the app's own renderer. */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).origin === appOrigin;
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
