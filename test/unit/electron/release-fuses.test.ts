import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { Arch, type AfterPackContext } from 'electron-builder';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterPack, fuseConfig, packagedElectronPath } from '../../../build/fuses.mjs';
import { createStandInElectron, readFuses } from '../../packaging/stand-in-electron';

// The afterPack hook in build/fuses.mjs, which electron-builder.yml names: exactly which fuses it sets, and that it
// skips (saying so) when the packaged binary is a stand-in without Electron's fuse wire.
const releaseConfig = {
  version: FuseVersion.V1,
  resetAdHocDarwinSignature: false,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

let work: string;

/** What electron-builder hands the hook after packing a Linux dir build into `appOutDir`. */
function linuxContext(appOutDir: string): Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager' | 'arch'> {
  return { appOutDir, electronPlatformName: 'linux', arch: Arch.x64, packager: { executableName: 'electron' } as unknown as AfterPackContext['packager'] };
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'batch-deck-fuses-'));
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the release fuses', () => {
  it('turn off run-as-Node, NODE_OPTIONS and --inspect and turn on cookie encryption, asar integrity and asar-only', () => {
    expect(fuseConfig({ platform: 'linux', arch: 'x64', testBuild: false })).toEqual(releaseConfig);
    expect(fuseConfig({ platform: 'win32', arch: 'x64', testBuild: false })).toEqual(releaseConfig);
  });

  it('differ in a test build only by allowing --inspect, which Playwright needs', () => {
    expect(fuseConfig({ platform: 'linux', arch: 'x64', testBuild: true })).toEqual({
      ...releaseConfig,
      [FuseV1Options.EnableNodeCliInspectArguments]: true,
    });
  });

  it('re-sign an Apple silicon build ad hoc after flipping, as an unsigned arm64 app would not start otherwise', () => {
    expect(fuseConfig({ platform: 'darwin', arch: 'arm64', testBuild: false })).toEqual({ ...releaseConfig, resetAdHocDarwinSignature: true });
    expect(fuseConfig({ platform: 'darwin', arch: 'x64', testBuild: false })).toEqual(releaseConfig);
  });
});

describe('the afterPack hook', () => {
  it('flips exactly the release fuses in the packaged binary', async () => {
    await createStandInElectron(work, { fuseWire: true });
    const log: string[] = [];
    expect(await afterPack(linuxContext(work), {}, (line) => log.push(line))).toEqual({ flipped: true, electronPath: join(work, 'electron') });
    expect(await readFuses(join(work, 'electron'))).toEqual({
      RunAsNode: 'off',
      EnableCookieEncryption: 'on',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      LoadBrowserProcessSpecificV8Snapshot: 'off',
      GrantFileProtocolExtraPrivileges: 'on',
    });
    expect(log.join('\n')).toContain('fuses flipped for a release build');
  });

  it('keeps --inspect on when BATCH_DECK_TEST_BUILD=1', async () => {
    await createStandInElectron(work, { fuseWire: true });
    await afterPack(linuxContext(work), { BATCH_DECK_TEST_BUILD: '1' }, () => undefined);
    expect((await readFuses(join(work, 'electron'))).EnableNodeCliInspectArguments).toBe('on');
  });

  it('skips a stand-in without a fuse wire, says so in the build log and leaves the file alone', async () => {
    await createStandInElectron(work, { fuseWire: false });
    const before = await readFile(join(work, 'electron'));
    const log: string[] = [];
    expect(await afterPack(linuxContext(work), {}, (line) => log.push(line))).toEqual({ flipped: false, electronPath: join(work, 'electron') });
    expect(log.join('\n')).toMatch(/fuses skipped: .*electron has no fuse wire/);
    expect(await readFile(join(work, 'electron'))).toEqual(before);
  });

  it('finds the binary electron-builder made on each OS', () => {
    const packager = { executableName: 'batch-deck', appInfo: { productFilename: 'Batch Deck' } } as unknown as AfterPackContext['packager'];
    const at = (electronPlatformName: string) => packagedElectronPath({ appOutDir: '/dist/x', electronPlatformName, packager });
    expect(at('linux')).toBe('/dist/x/batch-deck');
    expect(at('win32')).toBe('/dist/x/Batch Deck.exe');
    expect(at('darwin')).toBe('/dist/x/Batch Deck.app');
  });
});
