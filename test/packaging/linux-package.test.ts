import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAsarFiles, packagesThatFailToLoad, readAsarText, requiredPackages, type AsarFile } from './asar-contents';
import { buildApp, canPackTarGz, packLinux, repoRoot, type LinuxPack } from './pack-app';
import { createStandInElectron, readFuses } from './stand-in-electron';

// Packs the real build with electron-builder and electron-builder.yml, offline: a stand-in replaces the Electron
// binary (docs/packaging.md). Everything asserted here is what the AppImage, deb and rpm are made from.
const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string; main: string };
const entryPoints = ['/out/main/electron.js', '/out/preload/index.js', '/out/renderer/index.html', '/out/emulator/cli.js'];
const untouchedFuses = { LoadBrowserProcessSpecificV8Snapshot: 'off', GrantFileProtocolExtraPrivileges: 'on' };
const releaseFuses = {
  RunAsNode: 'off',
  EnableCookieEncryption: 'on',
  EnableNodeOptionsEnvironmentVariable: 'off',
  EnableNodeCliInspectArguments: 'off',
  EnableEmbeddedAsarIntegrityValidation: 'on',
  OnlyLoadAppFromAsar: 'on',
  ...untouchedFuses,
};

let work: string;
let standIn: string;
let release: LinuxPack;
let archive: string;
let files: AsarFile[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'batch-deck-pack-'));
  buildApp();
  standIn = await createStandInElectron(join(work, 'electron'), { fuseWire: true });
  const targets = canPackTarGz() ? ['dir', 'tar.gz'] : ['dir'];
  release = packLinux({ electronDist: standIn, outputDir: join(work, 'release'), targets, testBuild: false });
  archive = join(release.appDir, 'resources', 'app.asar');
  files = listAsarFiles(archive);
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the Linux package', () => {
  it('holds the built main process, preload, renderer and emulator', () => {
    const paths = files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(entryPoints));
    expect(paths.some((path) => /^\/out\/renderer\/assets\/.+\.js$/.test(path))).toBe(true);
    expect(existsSync(join(release.appDir, 'batch-deck'))).toBe(true);
  });

  it('names Batch Deck, its version and the Electron entry point in its package.json', () => {
    const manifest = JSON.parse(readAsarText(archive, '/package.json')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: rootManifest.name, version: rootManifest.version, main: 'out/main/electron.js' });
    expect(manifest.productName).toBe('Batch Deck');
    expect(manifest.desktopName).toBe('batch-deck.desktop');
    expect(manifest.scripts).toBeUndefined();
    expect(files.some((file) => file.path === `/${rootManifest.main}`)).toBe(true);
  });

  it('keeps node-pty outside the archive, where Electron can load its native binary', () => {
    const pty = files.find((file) => file.path === '/node_modules/node-pty/build/Release/pty.node');
    expect(pty?.unpacked).toBe(true);
    expect(existsSync(join(release.appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'))).toBe(true);
    const packedNative = files.filter((file) => file.path.endsWith('.node') && !file.unpacked).map((file) => file.path);
    expect(packedNative).toEqual([]);
  });

  it('ships no native module built for Node instead of Electron (ssh2 crypto, cpu-features)', () => {
    const wrongAbi = files.filter((file) => /\/(ssh2\/lib\/protocol\/crypto|cpu-features)\/build\//.test(file.path));
    expect(wrongAbi.map((file) => file.path)).toEqual([]);
  });

  it('ships no tests, source maps, TypeScript sources, key files or secrets', () => {
    const forbidden = [
      /\.map$/,
      /\.(test|spec)\.[cm]?[jt]sx?$/,
      /\/(test|tests|__tests__)\//,
      /(?<!\.d)\.[cm]?tsx?$/,
      /\/\.env(\.|$)/,
      /\.(pem|key|crt|p12|pfx)$/,
      /\/id_(rsa|ecdsa|ed25519)(\.pub)?$/,
    ];
    const offending = files.map((file) => file.path).filter((path) => forbidden.some((pattern) => pattern.test(path)));
    expect(offending).toEqual([]);
    const ownFiles = files.filter((file) => file.path.startsWith('/out/') && /\.(js|html|css|json)$/.test(file.path));
    const withKeys = ownFiles.filter((file) => /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/.test(readAsarText(archive, file.path)));
    expect(withKeys.map((file) => file.path)).toEqual([]);
    expect(files.some((file) => file.path.startsWith('/out/') === false && /^\/(main|preload|renderer|emulator|contract|test|docs|scripts)\//.test(file.path))).toBe(false);
  });

  it('contains every package the main process and the emulator load, and each one loads', () => {
    const needed = new Set<string>();
    for (const bundle of ['/out/main/electron.js', '/out/emulator/cli.js']) {
      for (const name of requiredPackages(readAsarText(archive, bundle))) needed.add(name);
    }
    const failures = packagesThatFailToLoad(archive, join(work, 'extracted'), [...needed]);
    expect(failures, 'a runtime import is missing from the package: list it under "dependencies" in package.json').toEqual([]);
  });

  // The test build (BATCH_DECK_TEST_BUILD=1) differs only in --inspect: test/unit/electron/release-fuses.test.ts.
  it('flips the release fuses: no run-as-Node, NODE_OPTIONS or --inspect; cookies encrypted; app.asar only, checked', async () => {
    expect(release.log).toContain('fuses flipped for a release build');
    expect(await readFuses(join(release.appDir, 'batch-deck'))).toEqual(releaseFuses);
  });

  it('also comes as a tar.gz with the same app inside', (ctx) => {
    ctx.skip(!canPackTarGz(), 'no /usr/bin/7za (Debian p7zip-full): electron-builder cannot make a tar.gz offline');
    const tarball = readdirSync(release.outputDir).find((name) => name.endsWith('.tar.gz'));
    expect(tarball).toBe(`${rootManifest.name}-${rootManifest.version}.tar.gz`);
    const listing = execFileSync('tar', ['-tzf', join(release.outputDir, tarball!)], { encoding: 'utf8' }).split('\n');
    const root = `${rootManifest.name}-${rootManifest.version}`;
    expect(listing).toEqual(expect.arrayContaining([`${root}/batch-deck`, `${root}/resources/app.asar`]));
    expect(listing).toContain(`${root}/resources/app.asar.unpacked/node_modules/node-pty/build/Release/pty.node`);
  });
});
