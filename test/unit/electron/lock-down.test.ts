import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron cannot run here (no binary), and importing the real package would try to download one: these fakes stand
// in for the two things window.ts takes from it, recording what the app asks of them.
const electron = vi.hoisted(() => ({
  openExternal: vi.fn(async (_url: string) => undefined),
  windows: [] as Array<{ options: Record<string, any>; loaded: string[] }>,
}));

vi.mock('electron', () => ({
  shell: { openExternal: electron.openExternal },
  BrowserWindow: class {
    readonly loaded: string[] = [];
    readonly webContents = fakeWebContents();
    constructor(readonly options: Record<string, any>) {
      electron.windows.push({ options, loaded: this.loaded });
    }
    once(): void {}
    show(): void {}
    async loadURL(url: string): Promise<void> {
      this.loaded.push(url);
    }
  },
}));

import { createMainWindow, lockDown } from '../../../main/electron/window';

type Listener = (...args: any[]) => unknown;

/** A WebContents that keeps the handlers the app installs, so the test can fire them. */
function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  const handlers: { windowOpen?: Listener; permissionRequest?: Listener; permissionCheck?: Listener } = {};
  const contents = {
    listeners,
    handlers,
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler: Listener) {
      handlers.windowOpen = handler;
    },
    session: {
      setPermissionRequestHandler(handler: Listener) {
        handlers.permissionRequest = handler;
      },
      setPermissionCheckHandler(handler: Listener) {
        handlers.permissionCheck = handler;
      },
    },
  };
  return contents;
}

/** Fires a navigation-like event and says whether the app stopped it. */
function fire(contents: ReturnType<typeof fakeWebContents>, event: string, url?: string): boolean {
  const preventDefault = vi.fn();
  contents.listeners.get(event)!({ preventDefault }, url);
  return preventDefault.mock.calls.length > 0;
}

let contents: ReturnType<typeof fakeWebContents>;

beforeEach(() => {
  electron.openExternal.mockClear();
  electron.windows.length = 0;
  contents = fakeWebContents();
  lockDown(contents as unknown as WebContents);
});

describe('a locked-down window', () => {
  it('stays on the app: navigation and redirects away from app:// are stopped, within it they are not', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:1234/', 'app://other/index.html']) {
      expect(fire(contents, 'will-navigate', url), url).toBe(true);
      expect(fire(contents, 'will-redirect', url), url).toBe(true);
    }
    expect(fire(contents, 'will-navigate', 'app://batch-deck/index.html')).toBe(false);
    expect(fire(contents, 'will-redirect', 'app://batch-deck/index.html')).toBe(false);
  });

  it('never attaches a <webview>', () => {
    expect(fire(contents, 'will-attach-webview')).toBe(true);
  });

  it('opens no new window: an https link goes to the OS browser, anything else is dropped', () => {
    const open = (url: string) => contents.handlers.windowOpen!({ url, frameName: '', features: '', disposition: 'foreground-tab' });
    expect(open('https://learn.microsoft.com/azure/batch/')).toEqual({ action: 'deny' });
    expect(electron.openExternal.mock.calls).toEqual([['https://learn.microsoft.com/azure/batch/']]);
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://batch-deck/index.html']) {
      expect(open(url), url).toEqual({ action: 'deny' });
    }
    expect(electron.openExternal).toHaveBeenCalledTimes(1);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])('denies the %s permission', (permission) => {
    const callback = vi.fn();
    contents.handlers.permissionRequest!(contents, permission, callback, {});
    expect(callback.mock.calls).toEqual([[false]]);
    expect(contents.handlers.permissionCheck!(contents, permission, 'app://batch-deck', {})).toBe(false);
  });

  it('lets only the app page write to the clipboard (terminal copy), never another origin', () => {
    const granted = vi.fn();
    contents.handlers.permissionRequest!(contents, 'clipboard-sanitized-write', granted, { requestingUrl: 'app://batch-deck/index.html' });
    expect(granted.mock.calls).toEqual([[true]]);
    const refused = vi.fn();
    contents.handlers.permissionRequest!(contents, 'clipboard-sanitized-write', refused, { requestingUrl: 'https://evil.example/' });
    expect(refused.mock.calls).toEqual([[false]]);
    expect(contents.handlers.permissionCheck!(contents, 'clipboard-sanitized-write', 'app://batch-deck', {})).toBe(true);
    expect(contents.handlers.permissionCheck!(contents, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
  });
});

describe('createMainWindow', () => {
  it('makes the window with the hardened options, loads app:// (never file://) and locks it down', () => {
    createMainWindow('/app/out/preload/index.js', false);
    expect(electron.windows).toHaveLength(1);
    const [window] = electron.windows;
    expect(window!.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window!.loaded).toEqual(['app://batch-deck/index.html']);
  });
});
