import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, hasRealElectron, packLinux, realElectronDist } from './pack-app';

// Where `npm install` could download Electron, the packaging check also starts what it packed: the test build through
// Playwright, and the release build to see its fuses hold. Offline build machines have no binary: skipped, saying why.
function whyNotRunnable(): string | undefined {
  if (process.platform !== 'linux') return 'the packaging check packs for Linux, so it launches the package on Linux only';
  if (!hasRealElectron()) return 'Electron binary not present: node_modules/electron/dist is missing (its download was skipped offline)';
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display: run under xvfb-run to launch the packaged app';
  return undefined;
}

const reason = whyNotRunnable();
let work: string | undefined;

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packaged app with the real Electron', () => {
  it('starts, shows the shell, and answers through the contract (test build)', async (ctx) => {
    ctx.skip(reason !== undefined, reason);
    work = await mkdtemp(join(tmpdir(), 'batch-deck-launch-'));
    buildApp();
    const pack = packLinux({ electronDist: realElectronDist, outputDir: join(work, 'test-build'), targets: ['dir'], testBuild: true });
    const app = await _electron.launch({
      executablePath: join(pack.appDir, 'batch-deck'),
      env: { ...process.env, BATCH_DECK_DATA: join(work, 'data') } as Record<string, string>,
    });
    try {
      const window = await app.firstWindow();
      expect(window.url()).toBe('app://batch-deck/index.html');
      await window.getByTestId('status-host').waitFor();
      expect(await window.getByTestId('status-host').textContent()).toBe('Electron');
      expect(await app.evaluate(({ app: electronApp }) => electronApp.isPackaged)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('refuses to run as plain Node (release build: the RunAsNode fuse is off)', async (ctx) => {
    ctx.skip(reason !== undefined, reason);
    work ??= await mkdtemp(join(tmpdir(), 'batch-deck-launch-'));
    buildApp();
    const pack = packLinux({ electronDist: realElectronDist, outputDir: join(work, 'release'), targets: ['dir'], testBuild: false });
    const run = spawnSync(join(pack.appDir, 'batch-deck'), ['-e', 'process.stdout.write("ran as node")'], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', BATCH_DECK_DATA: join(work, 'release-data') },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stdout ?? '').not.toContain('ran as node');
  });
});
