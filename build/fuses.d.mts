// Types for the afterPack hook in build/fuses.mjs (plain JavaScript, because electron-builder loads it directly).
import type { AfterPackContext } from 'electron-builder';

/** The environment variable that asks for a test build (read by `afterPack`). */
export declare const testBuildVariable: 'BATCH_DECK_TEST_BUILD';
/** The fuses a build flips, by name; a test build only keeps `--inspect` for Playwright. */
export declare function fuseSettings(testBuild: boolean): Record<string, boolean>;
/** The @electron/fuses config for one packaged app. */
export declare function fuseConfig(target: { platform: string; arch: string | undefined; testBuild: boolean }): Record<string, unknown>;
/** The file electron-builder produced that @electron/fuses edits: the executable, or the .app on macOS. */
export declare function packagedElectronPath(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string;
/** True when the binary carries a fuse wire. */
export declare function hasFuseWire(electronPath: string): Promise<boolean>;
/** The hook: flips the release (or test) fuses, or says plainly why it skipped. */
export declare function afterPack(
  context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager' | 'arch'>,
  env?: NodeJS.ProcessEnv,
  log?: (line: string) => void,
): Promise<{ flipped: boolean; electronPath: string }>;
export default afterPack;
