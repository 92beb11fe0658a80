import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Marks the fuse wire in an Electron binary (the same constant @electron/fuses searches for). */
const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's fuse wire before any flip, '1' on and '0' off, in FuseV1Options order (RunAsNode first). */
const unflippedWire = '10110001';

/** A fuse's state as the packaged binary holds it. */
export type FuseState = 'on' | 'off' | 'unset';

/**
 * Writes a stand-in for an unpacked Electron (`electron` plus `resources/`) into `dir`, so electron-builder can pack
 * the app offline. The stand-in is a shell script that refuses to run; with `fuseWire` it also carries a fuse wire
 * laid out as in a real Electron binary, so the afterPack hook has something to flip and the test can read it back.
 */
export async function createStandInElectron(dir: string, options: { fuseWire: boolean }): Promise<string> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  const script = [
    '#!/bin/sh',
    '# Stand-in for the Electron executable: lets electron-builder pack Batch Deck offline. It cannot run the app.',
    'echo "This is a stand-in for Electron made by the packaging test; it cannot run Batch Deck." >&2',
    'exit 1',
    '',
  ].join('\n');
  const wire = options.fuseWire
    ? Buffer.concat([Buffer.from(`# ${fuseSentinel}`), Buffer.from([1, unflippedWire.length]), Buffer.from(`${unflippedWire}\n`)])
    : Buffer.alloc(0);
  const executable = join(dir, 'electron');
  await writeFile(executable, Buffer.concat([Buffer.from(script), wire]));
  await chmod(executable, 0o755);
  await writeFile(join(dir, 'LICENSE'), 'Stand-in for the Electron license file.\n');
  return dir;
}

/** Reads the fuses of a packaged binary by name (RunAsNode, EnableCookieEncryption, …). */
export async function readFuses(executable: string): Promise<Record<string, FuseState>> {
  const wire = await getCurrentFuseWire(executable);
  const states: Record<string, FuseState> = {};
  for (const [key, value] of Object.entries(wire)) {
    if (!/^\d+$/.test(key)) continue;
    const name = FuseV1Options[Number(key)] ?? `fuse ${key}`;
    states[name] = value === 49 ? 'on' : value === 48 ? 'off' : 'unset';
  }
  return states;
}
