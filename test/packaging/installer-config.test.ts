import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './pack-app';

// electron-builder.yml, read and validated by electron-builder's own loader: the Windows and macOS sections are only
// packed on those systems, so this is where their settings are checked on every run.
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
});

/** The target names of one platform section. */
function targets(section: { target?: unknown } | null | undefined): string[] {
  return ([] as unknown[]).concat(section?.target ?? []).map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
}

describe('the installers', () => {
  it('come as AppImage, deb and rpm on Linux, NSIS and zip on Windows, dmg and zip on macOS', () => {
    expect(targets(config.linux)).toEqual(['AppImage', 'deb', 'rpm']);
    expect(targets(config.win)).toEqual(['nsis', 'zip']);
    expect(targets(config.mac)).toEqual(['dmg', 'zip']);
  });

  it('put Batch Deck in the Development and System menus with its icons', () => {
    expect(config.linux?.category).toBe('Development;System;');
    expect(config.linux?.icon).toBe('build/icons');
    expect(config.extraMetadata?.desktopName).toBe('batch-deck.desktop');
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = readFileSync(join(repoRoot, 'build', 'icons', `${size}x${size}.png`));
      expect(png.readUInt32BE(16), `${size}x${size}.png width`).toBe(size);
    }
  });

  it('install on a Linux machine without a keyring: libsecret is recommended, never required', () => {
    const required = [...(config.deb?.depends ?? []), ...(config.rpm?.depends ?? [])].join(' ');
    expect(required).not.toMatch(/secret|keyring|kwallet/i);
    expect(config.deb?.recommends).toContain('libsecret-1-0');
    expect(config.deb?.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libgbm1', 'libasound2']));
  });

  it('install per user on Windows without admin rights, letting the user choose the folder', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
  });

  it('run under the hardened runtime on macOS with only the JIT entitlement V8 needs', () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist' });
    const plist = readFileSync(join(repoRoot, 'build', 'entitlements.mac.plist'), 'utf8');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('never rebuild native modules against the packaging machine Node, and keep node-pty outside the asar', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/node-pty/**');
  });

  it('flip the fuses in the afterPack hook', () => {
    expect(config.afterPack).toBe('./build/fuses.mjs');
    expect(config.electronFuses ?? null).toBeNull();
  });
});
