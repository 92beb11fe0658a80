import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Electron cannot run here (no binary): this stand-in records what main.ts asks of the app object, so the start-up
// path (single-instance lock, whenReady chain) runs for real up to the first Electron call.
const electron = vi.hoisted(() => ({
  app: {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    on: vi.fn(),
    whenReady: vi.fn(async () => undefined),
  },
  showErrorBox: vi.fn(),
  windowsOpened: 0,
}));

vi.mock('electron', () => ({
  app: electron.app,
  dialog: { showErrorBox: electron.showErrorBox },
  BrowserWindow: class {
    static getAllWindows = () => [];
    constructor() {
      electron.windowsOpened += 1;
    }
  },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  ipcMain: { handle: vi.fn() },
  safeStorage: {},
  shell: {},
  net: {},
  utilityProcess: {},
}));

let work: string;
const savedDataDir = process.env.BATCH_DECK_DATA;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'batch-deck-main-'));
  vi.resetModules();
  vi.clearAllMocks();
  electron.app.requestSingleInstanceLock.mockReturnValue(true);
  electron.windowsOpened = 0;
});

afterEach(async () => {
  if (savedDataDir === undefined) delete process.env.BATCH_DECK_DATA;
  else process.env.BATCH_DECK_DATA = savedDataDir;
  await rm(work, { recursive: true, force: true });
});

describe('Electron start-up', () => {
  it('a second launch quits at once and starts nothing of its own', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValue(false);
    await import('../../../main/electron/main');
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.app.on).not.toHaveBeenCalled();
  });

  it('a start that fails says why in a dialog and quits instead of sitting without a window', async () => {
    // The data folder is a plain file: it cannot be used as a folder, a failure a user can really hit.
    const dataDir = join(work, 'not-a-folder');
    await writeFile(dataDir, 'x');
    process.env.BATCH_DECK_DATA = dataDir;
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await import('../../../main/electron/main');
      await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    } finally {
      stderr.mockRestore();
    }
    expect(electron.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, message] = electron.showErrorBox.mock.calls[0] as unknown as [string, string];
    expect(title).toBe('Batch Deck could not start');
    expect(message).toMatch(/EEXIST|ENOTDIR/);
    expect(message).toContain(dataDir);
    expect(message).toContain('start Batch Deck again');
    expect(electron.windowsOpened).toBe(0);
  });

  it('the first instance wires focus, lock-down and quit handlers before Electron is ready', async () => {
    electron.app.whenReady.mockReturnValue(new Promise(() => undefined));
    await import('../../../main/electron/main');
    const events = electron.app.on.mock.calls.map(([event]) => event);
    expect(events).toEqual(expect.arrayContaining(['second-instance', 'web-contents-created', 'window-all-closed', 'will-quit']));
    expect(electron.app.quit).not.toHaveBeenCalled();
  });
});
