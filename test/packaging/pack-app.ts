import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (electron-builder resolves its hook paths from here). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** Debian's 7-Zip (p7zip-full), which electron-builder needs for tar.gz when it cannot download its own. */
export const sevenZipPath = '/usr/bin/7za';
/** A real unpacked Electron, present only where `npm install` could download the binary. */
export const realElectronDist = join(repoRoot, 'node_modules', 'electron', 'dist');

/** True where electron-builder can make a tar.gz offline. */
export function canPackTarGz(): boolean {
  return existsSync(sevenZipPath);
}

/** True where the Electron binary was downloaded (never on the offline build machines). */
export function hasRealElectron(): boolean {
  return existsSync(join(realElectronDist, process.platform === 'win32' ? 'electron.exe' : 'electron'));
}

/** Builds out/ (renderer, main, preload, emulator) exactly as `npm run dist` does before packing. */
export function buildApp(): void {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'pipe' });
}

/** What one electron-builder run produced. */
export interface LinuxPack {
  /** The unpacked app (`linux-unpacked`): the executable and resources/. */
  appDir: string;
  /** Where the archives (tar.gz) are. */
  outputDir: string;
  /** electron-builder's own log, including the fuse hook's line. */
  log: string;
}

/**
 * Packs out/ for Linux with electron-builder and electron-builder.yml, using `electronDist` instead of a download.
 * `testBuild` sets BATCH_DECK_TEST_BUILD=1 (the Playwright variant); otherwise it is removed from the environment.
 */
export function packLinux(options: { electronDist: string; outputDir: string; targets: string[]; testBuild: boolean }): LinuxPack {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_BUILDER_7ZIP_PATH: sevenZipPath };
  delete env.BATCH_DECK_TEST_BUILD;
  if (options.testBuild) env.BATCH_DECK_TEST_BUILD = '1';
  const cli = join(repoRoot, 'node_modules', 'electron-builder', 'cli.js');
  const args = [
    cli,
    '--linux',
    ...options.targets,
    '--x64',
    '--publish',
    'never',
    '--config',
    'electron-builder.yml',
    // The test checks what is inside, not how small it is: storing is several times faster than compressing.
    '-c.compression=store',
    `-c.electronDist=${options.electronDist}`,
    `-c.directories.output=${options.outputDir}`,
  ];
  const run = spawnSync(process.execPath, args, { cwd: repoRoot, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const log = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`electron-builder failed (exit ${run.status}):\n${log}`);
  return { appDir: join(options.outputDir, 'linux-unpacked'), outputDir: options.outputDir, log };
}
