import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../../main/log';
import { ContractRouter, type CallContext, type InvokeHandlers } from '../../../../main/router';
import { SettingsService, settingsHandlers } from '../../../../main/settings/settings-service';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const trusted: CallContext = { trusted: true, origin: 'test', connectionId: 'c1' };
const folders: string[] = [];

/** A router over a real settings service writing to a fresh data folder. */
function settingsRouter(): { router: ContractRouter; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'batch-deck-settings-'));
  folders.push(dataDir);
  const router = new ContractRouter(settingsHandlers(new SettingsService(dataDir)) as unknown as InvokeHandlers, quiet);
  return { router, dataDir };
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('settings:update', () => {
  it('changing the theme alone keeps every other setting the user saved', async () => {
    const { router, dataDir } = settingsRouter();
    await router.dispatch('settings:update', { proxyUrl: 'http://proxy.internal:3128', terminalFontSize: 18 }, trusted);
    const result = await router.dispatch('settings:update', { theme: 'dark' }, trusted);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ theme: 'dark', proxyUrl: 'http://proxy.internal:3128', terminalFontSize: 18 }) });
    const saved = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ theme: 'dark', proxyUrl: 'http://proxy.internal:3128', terminalFontSize: 18 });
  });

  it('the theme follows the OS until the user picks one, and an unknown theme is refused and changes nothing', async () => {
    const { router } = settingsRouter();
    expect(await router.dispatch('settings:get', {}, trusted)).toEqual({ ok: true, value: expect.objectContaining({ theme: 'system' }) });
    const refused = await router.dispatch('settings:update', { theme: 'sepia' }, trusted);
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_PAYLOAD' }) });
    expect(await router.dispatch('settings:get', {}, trusted)).toEqual({ ok: true, value: expect.objectContaining({ theme: 'system' }) });
  });

  it('a saved theme reaches change listeners (the Electron host sets nativeTheme from it); a refused change does not', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'batch-deck-settings-'));
    folders.push(dataDir);
    const service = new SettingsService(dataDir);
    const router = new ContractRouter(settingsHandlers(service) as unknown as InvokeHandlers, quiet);
    const seen: string[] = [];
    service.onChange((settings) => seen.push(settings.theme));
    await router.dispatch('settings:update', { theme: 'highContrast' }, trusted);
    await router.dispatch('settings:update', { theme: 'neon' }, trusted);
    await router.dispatch('settings:update', { theme: 'light' }, trusted);
    expect(seen).toEqual(['highContrast', 'light']);
  });
});
