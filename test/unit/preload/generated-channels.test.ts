import { build } from 'esbuild';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventChannelNames as contractEvents, invokeChannelNames as contractInvokes } from '../../../contract/channels';
import { eventChannelNames, invokeChannelNames } from '../../../preload/generated-channels';

// Electron cannot run here: the preload gets a stand-in for the two Electron objects it touches, and the test
// observes what it exposes and what it forwards.
const exposed: Record<string, unknown> = {};
const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, value: 'from main' })), on: vi.fn(), removeListener: vi.fn() };
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) }, ipcRenderer }));

interface Bridge {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

async function bridge(): Promise<Bridge> {
  await import('../../../preload/index');
  return exposed.batchDeck as Bridge;
}

describe('the preload (loaded before every page)', () => {
  beforeEach(() => vi.clearAllMocks());

  it('knows exactly the contract’s channel names, in its order (run `node scripts/build.mjs` when this fails)', () => {
    expect(invokeChannelNames).toEqual(contractInvokes);
    expect(eventChannelNames).toEqual(contractEvents);
  });

  it('forwards a contract channel to main and refuses an unknown one without sending anything', async () => {
    const api = await bridge();
    await expect(api.invoke('pools:list', { accountId: 'a' })).resolves.toEqual({ ok: true, value: 'from main' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('pools:list', { accountId: 'a' });
    await expect(api.invoke('fs:readEverything', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(() => api.on('not:an-event', () => undefined)).toThrow(/no event named/);
  });

  it('hands an event listener the payload only, never Electron’s event object', async () => {
    const api = await bridge();
    const heard: unknown[] = [];
    const off = api.on(contractEvents[0] as string, (payload) => heard.push(payload));
    const [[, wrapped]] = ipcRenderer.on.mock.calls as unknown as [[string, (event: unknown, payload: unknown) => void]];
    wrapped({ sender: 'ipc event' }, { n: 1 });
    expect(heard).toEqual([{ n: 1 }]);
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith(contractEvents[0], wrapped);
  });

  it('bundles to a few kilobytes: no zod and no schemas (validation stays in main)', async () => {
    const result = await build({ entryPoints: ['preload/index.ts'], bundle: true, write: false, platform: 'node', format: 'cjs', external: ['electron'], logLevel: 'silent' });
    const text = result.outputFiles[0]?.text ?? '';
    expect(text.length).toBeLessThan(20_000);
    expect(text).not.toMatch(/zod|ZodError|safeParse/);
  });
});
