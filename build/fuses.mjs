// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, right after packing and before
// signing (a fuse flip changes the binary, so it must come before the signature). Fuses are bits compiled into the
// Electron executable that turn features off for good: https://www.electronjs.org/docs/latest/tutorial/fuses
//
// Release builds: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect; cookies encrypted; the app loads only from
// an app.asar whose integrity is checked. Test builds (BATCH_DECK_TEST_BUILD=1) differ in one fuse only: --inspect
// stays allowed, because Playwright's `_electron.launch` starts the app with `--inspect=0` and drives the main process
// through that debugger (https://playwright.dev/docs/api/class-electron, "Known issues").
import { Arch } from 'electron-builder';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import console from 'node:console';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';

/** The environment variable that asks for a test build (read by `afterPack`). */
export const testBuildVariable = 'BATCH_DECK_TEST_BUILD';

/** Marks the fuse wire inside every Electron binary since v12 (from @electron/fuses). */
const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** The fuses a build flips, by name; a test build only keeps `--inspect` for Playwright. */
export function fuseSettings(testBuild) {
  return {
    RunAsNode: false,
    EnableCookieEncryption: true,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: testBuild,
    EnableEmbeddedAsarIntegrityValidation: true,
    OnlyLoadAppFromAsar: true,
  };
}

/** The @electron/fuses config for one packaged app (arm64 macOS needs its ad-hoc signature redone after a flip). */
export function fuseConfig({ platform, arch, testBuild }) {
  const config = {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: platform === 'darwin' && (arch === 'arm64' || arch === 'universal'),
  };
  for (const [name, value] of Object.entries(fuseSettings(testBuild))) config[FuseV1Options[name]] = value;
  return config;
}

/** The file electron-builder produced that @electron/fuses edits: the executable, or the .app on macOS. */
export function packagedElectronPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, packager.executableName);
}

/** The file that holds the fuse wire: on macOS it is the Electron Framework inside the bundle. */
function fuseWireFile(electronPath) {
  return electronPath.endsWith('.app')
    ? join(electronPath, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework')
    : electronPath;
}

/** True when the binary carries a fuse wire (a real Electron does; a stand-in used to test packaging may not). */
export async function hasFuseWire(electronPath) {
  try {
    return (await readFile(fuseWireFile(electronPath))).includes(fuseSentinel);
  } catch {
    return false;
  }
}

/** The hook: flips the release (or test) fuses, or says plainly why it skipped. Returns what it did. */
export async function afterPack(context, env = process.env, log = (line) => console.log(line)) {
  const electronPath = packagedElectronPath(context);
  const testBuild = env[testBuildVariable] === '1';
  if (!(await hasFuseWire(electronPath))) {
    log(`  • fuses skipped: ${electronPath} has no fuse wire (a stand-in Electron, not a real one)`);
    return { flipped: false, electronPath };
  }
  const config = fuseConfig({ platform: context.electronPlatformName, arch: Arch[context.arch], testBuild });
  await flipFuses(electronPath, config);
  const wire = await getCurrentFuseWire(electronPath);
  log(`  • fuses flipped for a ${testBuild ? 'test' : 'release'} build: ${describeWire(wire)}`);
  return { flipped: true, electronPath };
}

/** "RunAsNode=off, …" for the build log. */
function describeWire(wire) {
  return Object.entries(FuseV1Options)
    .filter(([key]) => /^\d+$/.test(key) && wire[key] !== undefined)
    .map(([key, name]) => `${name}=${wire[key] === 49 ? 'on' : wire[key] === 48 ? 'off' : 'unset'}`)
    .join(', ');
}

export default afterPack;
